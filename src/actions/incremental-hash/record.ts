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
  const record: BuildRecord = { version: 2, components: {} };
  for (const component of components) {
    let files = '';
    let count = 0;
    for (const path of assigned.get(component.name) ?? []) {
      const identity = identityOf(path);
      if (identity === undefined) continue;
      files += `${path}\0${identity}\n`;
      count++;
    }
    record.components[component.name] = { hash: hashLines(files, extraKey), count, files };
  }
  return record;
}

/**
 * The stored record in this version's form, or undefined when it is not one. Version 1 (a
 * path → identity object per component, hashed the same way) is converted, so an upgrade does not
 * rebuild everything.
 */
export function readBuildRecord(value: unknown): BuildRecord | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { version, components } = value as { version?: unknown; components?: unknown };
  if (!components || typeof components !== 'object') return undefined;
  if (version === 2) return value as BuildRecord;
  if (version !== 1) return undefined;
  const converted: BuildRecord = { version: 2, components: {} };
  for (const [name, component] of Object.entries(components as Record<string, { hash: string; files: Record<string, string> }>)) {
    const paths = Object.keys(component.files).sort();
    converted.components[name] = {
      hash: component.hash,
      count: paths.length,
      files: fileLines(paths.map((path) => [path, component.files[path] as string] as const)),
    };
  }
  return converted;
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
