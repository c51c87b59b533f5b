/**
 * The job summary: Markdown built per step and appended to GITHUB_STEP_SUMMARY once, when the
 * step ends. The runner drops a step's summary over 1 MiB, so `render` trims to fit.
 */

export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

export type Cell = string | number | boolean | null | undefined;

/** Escapes text for a Markdown table cell: pipes and line breaks would break the row. */
export function escapeCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function markdownTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const line = (cells: readonly Cell[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

interface Block {
  markdown: string;
  /** Blocks that may be dropped (first) when the summary is over the limit, e.g. lists of passed tests. */
  optional: boolean;
}

export class Summary {
  private blocks: Block[] = [];

  get isEmpty(): boolean {
    return this.blocks.length === 0;
  }

  add(markdown: string, options: { optional?: boolean } = {}): this {
    this.blocks.push({ markdown: markdown.replace(/\n+$/, ''), optional: options.optional ?? false });
    return this;
  }

  heading(text: string, level = 3): this {
    return this.add(`${'#'.repeat(level)} ${text}`);
  }

  paragraph(text: string): this {
    return this.add(text);
  }

  table(headers: readonly string[], rows: readonly (readonly Cell[])[], options: { optional?: boolean } = {}): this {
    return rows.length ? this.add(markdownTable(headers, rows), options) : this;
  }

  list(items: readonly string[], options: { optional?: boolean } = {}): this {
    return items.length ? this.add(items.map((item) => `- ${item}`).join('\n'), options) : this;
  }

  details(title: string, markdown: string, options: { optional?: boolean } = {}): this {
    return this.add(`<details><summary>${escapeHtml(title)}</summary>\n\n${markdown}\n\n</details>`, options);
  }

  code(text: string, language = ''): this {
    const fence = text.includes('```') ? '````' : '```';
    return this.add(`${fence}${language}\n${text}\n${fence}`);
  }

  /** The Markdown, trimmed to `limitBytes`: optional blocks go first, then the tail is cut with a note. */
  render(limitBytes = STEP_SUMMARY_LIMIT_BYTES): string {
    const join = (blocks: Block[]) => (blocks.length ? `${blocks.map((block) => block.markdown).join('\n\n')}\n\n` : '');
    let blocks = this.blocks;
    let text = join(blocks);
    if (Buffer.byteLength(text) <= limitBytes) return text;
    const note = '\n\n_Parts of this summary were left out to stay within the 1 MiB step-summary limit._\n\n';
    blocks = blocks.filter((block) => !block.optional);
    text = join(blocks);
    if (Buffer.byteLength(text) + note.length <= limitBytes) return text + note;
    const budget = limitBytes - Buffer.byteLength(note);
    return (
      Buffer.from(text)
        .subarray(0, budget)
        .toString('utf8')
        .replace(/\uFFFD$/, '') + note
    );
  }
}
