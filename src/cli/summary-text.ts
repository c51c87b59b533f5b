/** Renders a job summary's Markdown for a terminal: aligned tables, no HTML tags. */

function stripHtml(line: string): string {
  return line
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/<\/?(details|summary|sub|sup|b|i|code|p|div|span)[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function splitRow(line: string): string[] {
  return line
    .replace(/^\s*\|/, '')
    .replace(/\|\s*$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => stripHtml(cell.trim().replace(/\\\|/g, '|')));
}

function renderTable(rows: string[]): string[] {
  const cells = rows.filter((row) => !/^\s*\|?\s*:?-{3,}/.test(row)).map(splitRow);
  const widths: number[] = [];
  for (const row of cells) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  const lines = cells.map((row) =>
    row
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((width) => '─'.repeat(width)).join('  '));
  return lines;
}

export function renderSummaryAsText(markdown: string): string {
  const output: string[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (/^\s*\|/.test(line)) {
      const table: string[] = [];
      while (index < lines.length && /^\s*\|/.test(lines[index] as string)) table.push(lines[index++] as string);
      index--;
      output.push(...renderTable(table));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const title = stripHtml(heading[2] as string);
      output.push(title, (heading[1] === '#' || heading[1] === '##' ? '═' : '─').repeat(Math.min(title.length, 80)));
      continue;
    }
    output.push(
      stripHtml(line)
        .replace(/^> \[!(\w+)\]$/, '$1:')
        .replace(/^> /, '  '),
    );
  }
  return output
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
