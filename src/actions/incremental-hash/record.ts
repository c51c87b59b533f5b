/**
 * The build record (component hashes and per-file identities) and the comparison with the last
 * successful build's record: which components changed, and why.
 */
import { createHash } from 'node:crypto';
import type { Component } from './components.js';

export interface ComponentRecord {
  hash: string;
  /** How many files. */
  count: number;
  /**
   * The files as hashed: `<path>\0<identity>\n` for each (identity `<mode> <blob id>`), in path order.
   * Kept as the hashed text itself: building and storing it costs nothing beyond the hash, and it is
   * only taken apart for a component whose hash changed.
   */
  files: string;
}

export interface BuildRecord {
  version: 2;
  components: Record<string, ComponentRecord>;
}

/** The text a component's files are hashed as (see ComponentRecord.files). */
export function fileLines(entries: Iterable<readonly [string, string]>): string {
  let text = '';
  for (const [path, identity] of entries) text += `${path}\0${identity}\n`;
  return text;
}

function hashLines(lines: string, extraKey: string): string {
  return createHash('sha256').update(`extra-key\0${extraKey}\n`).update(lines).digest('hex');
}

/** A component's hash: the extra key, then each file's path and identity in path order. */
export function componentHash(files: Record<string, string>, extraKey: string): string {
  return hashLines(
    fileLines(
      Object.keys(files)
        .sort()
        .map((path) => [path, files[path] as string] as const),
    ),
    extraKey,
  );
}

/** path → identity of a stored component. */
export function fileIdentities(component: ComponentRecord): Map<string, string> {
  const identities = new Map<string, string>();
  for (const line of component.files.split('\n')) {
    const separator = line.indexOf('\0');
    if (separator >= 0) identities.set(line.slice(0, separator), line.slice(separator + 1));
  }
  return identities;
}

/** The record of this build; `assigned` lists are sorted, `identityOf` is undefined for files that vanished. */
export function buildRecord(
  components: Component[],
  assigned: Map<string, string[]>,
  identityOf: (path: string) => string | undefined,
  extraKey: string,
): BuildRecord {
  // Prototype-less: a component may be called anything, `__proto__` included.
  const record: BuildRecord = { version: 2, components: Object.create(null) };
  for (const component of components) {
    const lines: string[] = [];
    for (const path of assigned.get(component.name) ?? []) {
      const identity = identityOf(path);
      if (identity !== undefined) lines.push(`${path}\0${identity}\n`);
    }
    // One join: much cheaper than growing a string 50,000 times.
    const files = lines.join('');
    record.components[component.name] = { hash: hashLines(files, extraKey), count: lines.length, files };
  }
  return record;
}

/**
 * The record as stored: one JSON line with each component's name, hash, file count and text length,
 * then the components' texts, back to back. As JSON the texts would have every NUL escaped, and
 * writing 50,000 files' lines took longer than everything else after hashing.
 */
export function serializeRecord(record: BuildRecord): string {
  const names = Object.keys(record.components);
  const header = {
    version: 2,
    components: names.map((name) => {
      const { hash, count, files } = record.components[name] as ComponentRecord;
      return { name, hash, count, length: files.length };
    }),
  };
  return [JSON.stringify(header), '\n', ...names.map((name) => (record.components[name] as ComponentRecord).files)].join('');
}

interface StoredComponent {
  name: string;
  hash: string;
  count: number;
  length: number;
}

function isStoredComponent(value: unknown): value is StoredComponent {
  const entry = value as StoredComponent;
  return Boolean(
    entry &&
      typeof entry.name === 'string' &&
      typeof entry.hash === 'string' &&
      Number.isInteger(entry.count) &&
      Number.isInteger(entry.length) &&
      entry.length >= 0,
  );
}

/**
 * A stored record (serializeRecord's form), or undefined when the text is not one. A version 1
 * record (one JSON object, a path → identity object per component, hashed the same way) is
 * converted, so an upgrade does not rebuild everything.
 */
export function parseRecord(text: string): BuildRecord | undefined {
  const newline = text.indexOf('\n');
  let header: { version?: unknown; components?: unknown };
  try {
    header = JSON.parse(newline < 0 ? text : text.slice(0, newline));
  } catch {
    return undefined;
  }
  if (!header || typeof header !== 'object') return undefined;
  const record: BuildRecord = { version: 2, components: Object.create(null) };
  if (header.version === 1 && header.components && typeof header.components === 'object') {
    for (const [name, component] of Object.entries(header.components as Record<string, { hash: string; files: Record<string, string> }>)) {
      const paths = Object.keys(component.files).sort();
      record.components[name] = {
        hash: component.hash,
        count: paths.length,
        files: fileLines(paths.map((path) => [path, component.files[path] as string] as const)),
      };
    }
    return record;
  }
  if (header.version !== 2 || !Array.isArray(header.components) || newline < 0) return undefined;
  let offset = newline + 1;
  for (const entry of header.components) {
    if (!isStoredComponent(entry) || offset + entry.length > text.length) return undefined;
    record.components[entry.name] = { hash: entry.hash, count: entry.count, files: text.slice(offset, offset + entry.length) };
    offset += entry.length;
  }
  return offset === text.length ? record : undefined;
}

export interface ComponentResult {
  name: string;
  hash: string;
  changed: boolean;
  /** Human-readable reasons, e.g. "2 modified, 1 added", "depends on api", "no baseline". */
  reasons: string[];
  added: string[];
  removed: string[];
  modified: string[];
  fileCount: number;
}

export function compareRecords(components: Component[], current: BuildRecord, previous: BuildRecord | undefined): ComponentResult[] {
  const results = new Map<string, ComponentResult>();
  for (const component of components) {
    const now = current.components[component.name] as ComponentRecord;
    const before = previous?.components[component.name];
    const result: ComponentResult = {
      name: component.name,
      hash: now.hash,
      changed: false,
      reasons: [],
      added: [],
      removed: [],
      modified: [],
      fileCount: now.count,
    };
    if (!previous) {
      result.changed = true;
      result.reasons.push('no baseline');
    } else if (!before) {
      result.changed = true;
      result.reasons.push('new component');
    } else if (before.hash !== now.hash) {
      result.changed = true;
      const nowFiles = fileIdentities(now);
      const beforeFiles = fileIdentities(before);
      for (const [path, identity] of nowFiles) {
        const earlier = beforeFiles.get(path);
        if (earlier === undefined) result.added.push(path);
        else if (earlier !== identity) result.modified.push(path);
      }
      for (const path of beforeFiles.keys()) if (!nowFiles.has(path)) result.removed.push(path);
      const counts = [
        result.added.length && `${result.added.length} added`,
        result.removed.length && `${result.removed.length} removed`,
        result.modified.length && `${result.modified.length} modified`,
      ].filter(Boolean) as string[];
      result.reasons.push(counts.length ? counts.join(', ') : 'extra-key changed');
    }
    results.set(component.name, result);
  }
  // A change in a dependency (direct or not) marks its dependents changed too.
  const dependsOnChanged = (name: string, seen = new Set<string>()): string[] => {
    const component = components.find((candidate) => candidate.name === name);
    const found: string[] = [];
    for (const dependency of component?.dependsOn ?? []) {
      if (seen.has(dependency)) continue;
      seen.add(dependency);
      if (results.get(dependency)?.changed && !results.get(dependency)?.reasons.every((reason) => reason.startsWith('depends on'))) {
        found.push(dependency);
      }
      found.push(...dependsOnChanged(dependency, seen));
    }
    return found;
  };
  for (const component of components) {
    const changedDependencies = [...new Set(dependsOnChanged(component.name))];
    const result = results.get(component.name) as ComponentResult;
    if (changedDependencies.length && !result.reasons.includes('no baseline')) {
      result.changed = true;
      result.reasons.push(`depends on ${changedDependencies.join(', ')}`);
    }
  }
  return components.map((component) => results.get(component.name) as ComponentResult);
}
