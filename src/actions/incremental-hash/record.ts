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
   * The files as hashed: a record per file as `git ls-files -s -z` prints it (recordLine), in code
   * point order — so that in a clean checkout a component's text is a slice of git's own output,
   * with no work per file. Only taken apart for a component whose hash changed.
   */
  files: string;
}

export interface BuildRecord {
  version: 2;
  components: Record<string, ComponentRecord>;
}

/** A file's record in a component's text: `<mode> <blob id> 0\t<path>\0`, as git's index lists it. */
export function recordLine(path: string, identity: string): string {
  return `${identity} 0\t${path}\0`;
}

function hashText(files: string, extraKey: string): string {
  return createHash('sha256').update(`extra-key\0${extraKey}\n`).update(files).digest('hex');
}

/** path → identity of a stored component. */
export function fileIdentities(component: ComponentRecord): Map<string, string> {
  const identities = new Map<string, string>();
  for (const line of component.files.split('\0')) {
    const tab = line.indexOf('\t');
    // `<mode> <blob id> 0` before the tab: the identity is all but the stage.
    if (tab >= 2) identities.set(line.slice(tab + 1), line.slice(0, tab - 2));
  }
  return identities;
}

/** The record of this build from each component's text (component-texts.ts). */
export function buildRecord(components: Component[], texts: Map<string, { files: string; count: number }>, extraKey: string): BuildRecord {
  // Prototype-less: a component may be called anything, `__proto__` included.
  const record: BuildRecord = { version: 2, components: Object.create(null) };
  for (const component of components) {
    const { files, count } = texts.get(component.name) ?? { files: '', count: 0 };
    record.components[component.name] = { hash: hashText(files, extraKey), count, files };
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

/** A stored record (serializeRecord's form), or undefined when the text is not one (damaged, or from another version). */
export function parseRecord(text: string): BuildRecord | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  let header: { version?: unknown; components?: unknown };
  try {
    header = JSON.parse(text.slice(0, newline));
  } catch {
    return undefined;
  }
  if (header?.version !== 2 || !Array.isArray(header.components)) return undefined;
  const record: BuildRecord = { version: 2, components: Object.create(null) };
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
