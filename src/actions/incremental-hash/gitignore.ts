/**
 * .gitignore rules for plain directories (in a git checkout, git itself decides): patterns are
 * relative to the .gitignore's folder, a pattern without a slash matches at any depth, a trailing
 * slash matches folders only, `!` re-includes, the last matching rule wins.
 */
import picomatch from 'picomatch';

export interface IgnoreRule {
  negate: boolean;
  directoryOnly: boolean;
  test: (path: string) => boolean;
}

export function parseGitignore(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    line = line.replace(/^\\([#!])/, '$1');
    const directoryOnly = line.endsWith('/');
    if (directoryOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    line = line.replace(/^\//, '');
    const pattern = anchored ? line : `**/${line}`;
    const full = base ? `${base}/${pattern}` : pattern;
    const test = picomatch(full, { dot: true });
    rules.push({ negate, directoryOnly, test: (path) => test(path) });
  }
  return rules;
}

/** Whether `path` (relative, `/`-separated) is ignored by the rules that apply to it. */
export function isIgnored(rules: readonly IgnoreRule[], path: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const rule of rules) {
    if (rule.directoryOnly && !isDirectory) continue;
    if (rule.test(path)) ignored = !rule.negate;
  }
  return ignored;
}
