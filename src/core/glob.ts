/**
 * Files matching globs below a folder, as `/`-separated paths relative to it, sorted. Each glob's
 * walk starts at its static prefix (`reports/junit/*.xml` reads only `reports/junit`), `!glob`
 * excludes, and .git and node_modules are skipped unless a glob names them.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';

export function findFiles(root: string, patterns: readonly string[]): string[] {
  const include = patterns.filter((pattern) => !pattern.startsWith('!'));
  const exclude = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => picomatch(pattern.slice(1), { dot: true }));
  const found = new Set<string>();
  for (const raw of include) {
    const pattern = isAbsolute(raw) ? relative(root, raw).split(sep).join('/') : raw.replace(/^\.\//, '');
    const { base, isGlob } = picomatch.scan(pattern);
    if (!isGlob) {
      const path = join(root, pattern);
      if (existsSync(path) && statSync(path).isFile()) found.add(pattern);
      continue;
    }
    const matches = picomatch(pattern, { dot: true });
    const skipSpecial = !/(^|\/)(node_modules|\.git)(\/|$)/.test(pattern);
    const visit = (folder: string) => {
      let entries: import('node:fs').Dirent[];
      try {
        entries = readdirSync(join(root, folder), { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (skipSpecial && (entry.name === 'node_modules' || entry.name === '.git')) continue;
        const path = folder ? `${folder}/${entry.name}` : entry.name;
        if (entry.isDirectory()) visit(path);
        else if (matches(path)) found.add(path);
      }
    };
    visit(base === '.' ? '' : base);
  }
  return [...found].filter((path) => !exclude.some((test) => test(path))).sort();
}
