/**
 * Dependencies as lockfiles pin them, read without resolving anything: package-lock.json (v1–v3),
 * yarn.lock (classic and berry), pnpm-lock.yaml, pinned requirements*.txt, poetry.lock, uv.lock,
 * Pipfile.lock. Development-only packages are marked where the lockfile says so.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';

export type Ecosystem = 'npm' | 'PyPI';

export interface LockedPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  development: boolean;
  /** The lockfile (relative path) and the line the package is declared on, when known. */
  file: string;
  line?: number;
}

export const LOCKFILE_PATTERNS = [
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/requirements*.txt',
  '**/poetry.lock',
  '**/uv.lock',
  '**/Pipfile.lock',
];

function lineOf(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

export function parsePackageLock(text: string, file: string): LockedPackage[] {
  const document = JSON.parse(text) as {
    packages?: Record<string, { version?: string; dev?: boolean; devOptional?: boolean; link?: boolean; name?: string }>;
    dependencies?: Record<string, { version: string; dev?: boolean; dependencies?: unknown }>;
  };
  const found: LockedPackage[] = [];
  if (document.packages) {
    for (const [path, entry] of Object.entries(document.packages)) {
      if (!path || entry.link || !entry.version) continue;
      const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      found.push({
        ecosystem: 'npm',
        name,
        version: entry.version,
        development: Boolean(entry.dev || entry.devOptional),
        file,
        line: lineOf(text, `"${path}"`),
      });
    }
    return found;
  }
  const visit = (dependencies: Record<string, { version: string; dev?: boolean; dependencies?: unknown }>) => {
    for (const [name, entry] of Object.entries(dependencies)) {
      found.push({
        ecosystem: 'npm',
        name,
        version: entry.version,
        development: Boolean(entry.dev),
        file,
        line: lineOf(text, `"${name}": {`),
      });
      if (entry.dependencies) visit(entry.dependencies as typeof dependencies);
    }
  };
  visit(document.dependencies ?? {});
  return found;
}

export function parseYarnLock(text: string, file: string): LockedPackage[] {
  const found: LockedPackage[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const header = lines[index] as string;
    if (!header || header.startsWith(' ') || header.startsWith('#') || !header.endsWith(':') || header.startsWith('__metadata')) continue;
    const first = header.replace(/:$/, '').split(',')[0]?.trim().replace(/^"|"$/g, '') ?? '';
    const name = first.slice(0, first.lastIndexOf('@') > 0 ? first.lastIndexOf('@') : undefined);
    for (let next = index + 1; next < lines.length && (lines[next] as string).startsWith(' '); next++) {
      const version = /^\s+version:?\s+"?([^"\s]+)"?/.exec(lines[next] as string)?.[1];
      if (version) {
        found.push({ ecosystem: 'npm', name, version, development: false, file, line: index + 1 });
        break;
      }
    }
  }
  return found;
}

export function parsePnpmLock(text: string, file: string): LockedPackage[] {
  const document = parseYaml(text) as { packages?: Record<string, { dev?: boolean }>; snapshots?: unknown };
  const found: LockedPackage[] = [];
  for (const [key, entry] of Object.entries(document.packages ?? {})) {
    // v5/v6: "/name/1.2.3" or "/name@1.2.3"; v9: "name@1.2.3" (peer suffixes in parentheses).
    const clean = key.replace(/^\//, '').replace(/\(.*$/, '');
    const at = clean.lastIndexOf('@');
    const slash = clean.lastIndexOf('/');
    const [name, version] = at > 0 ? [clean.slice(0, at), clean.slice(at + 1)] : [clean.slice(0, slash), clean.slice(slash + 1)];
    if (name && version) found.push({ ecosystem: 'npm', name, version, development: Boolean(entry?.dev), file, line: lineOf(text, key) });
  }
  return found;
}

export function parseRequirements(text: string, file: string): LockedPackage[] {
  const found: LockedPackage[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\s+#.*$/, '').trim();
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*===?\s*([^\s;\\]+)/.exec(line);
    if (match)
      found.push({
        ecosystem: 'PyPI',
        name: match[1] as string,
        version: match[2] as string,
        development: /dev|test/.test(basename(file)),
        file,
        line: index + 1,
      });
  });
  return found;
}

/** poetry.lock and uv.lock: TOML `[[package]]` tables with name and version (category/groups for dev). */
export function parseTomlPackages(text: string, file: string): LockedPackage[] {
  const found: LockedPackage[] = [];
  const blocks = text.split(/^\[\[package\]\]\s*$/m).slice(1);
  let offset = text.indexOf('[[package]]');
  for (const block of blocks) {
    const name = /^name\s*=\s*"([^"]+)"/m.exec(block)?.[1];
    const version = /^version\s*=\s*"([^"]+)"/m.exec(block)?.[1];
    const development = /^category\s*=\s*"dev"/m.test(block);
    if (name && version)
      found.push({ ecosystem: 'PyPI', name, version, development, file, line: text.slice(0, offset).split('\n').length });
    offset = text.indexOf('[[package]]', offset + 1);
  }
  return found;
}

export function parsePipfileLock(text: string, file: string): LockedPackage[] {
  const document = JSON.parse(text) as { default?: Record<string, { version?: string }>; develop?: Record<string, { version?: string }> };
  const found: LockedPackage[] = [];
  for (const [section, development] of [
    ['default', false],
    ['develop', true],
  ] as const) {
    for (const [name, entry] of Object.entries(document[section] ?? {})) {
      const version = entry.version?.replace(/^==/, '');
      if (version) found.push({ ecosystem: 'PyPI', name, version, development, file, line: lineOf(text, `"${name}"`) });
    }
  }
  return found;
}

export function parseLockfile(path: string, file: string): LockedPackage[] {
  const text = readFileSync(path, 'utf8');
  const name = basename(file);
  if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') return parsePackageLock(text, file);
  if (name === 'yarn.lock') return parseYarnLock(text, file);
  if (name === 'pnpm-lock.yaml') return parsePnpmLock(text, file);
  if (name === 'poetry.lock' || name === 'uv.lock') return parseTomlPackages(text, file);
  if (name === 'Pipfile.lock') return parsePipfileLock(text, file);
  return parseRequirements(text, file);
}
