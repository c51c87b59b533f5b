/**
 * The build record (component hashes and per-file identities) and the comparison with the last
 * successful build's record: which components changed, and why.
 */
import { createHash } from 'node:crypto';
import type { Component } from './components.js';

export interface ComponentRecord {
  hash: string;
  /** path → identity (`<mode> <blob id>`) */
  files: Record<string, string>;
}

export interface BuildRecord {
  version: 1;
  components: Record<string, ComponentRecord>;
}

/** A component's hash: the extra key, then each file's path and identity in path order. */
export function componentHash(files: Record<string, string>, extraKey: string): string {
  return hashSortedEntries(
    Object.keys(files)
      .sort()
      .map((path) => [path, files[path] as string]),
    extraKey,
  );
}

function hashSortedEntries(entries: readonly (readonly [string, string])[], extraKey: string): string {
  let text = `extra-key\0${extraKey}\n`;
  for (const [path, identity] of entries) text += `${path}\0${identity}\n`;
  return createHash('sha256').update(text).digest('hex');
}

/** The record of this build; `assigned` lists are sorted, `identityOf` is undefined for files that vanished. */
export function buildRecord(
  components: Component[],
  assigned: Map<string, string[]>,
  identityOf: (path: string) => string | undefined,
  extraKey: string,
): BuildRecord {
  const record: BuildRecord = { version: 1, components: {} };
  for (const component of components) {
    const entries: [string, string][] = [];
    // Filled in a loop on a prototype-less object: Object.fromEntries took most of the record's time
    // on 50,000 files, and without a prototype a file named `constructor` is just a file.
    const files: Record<string, string> = Object.create(null);
    for (const path of assigned.get(component.name) ?? []) {
      const identity = identityOf(path);
      if (identity === undefined) continue;
      entries.push([path, identity]);
      files[path] = identity;
    }
    record.components[component.name] = { hash: hashSortedEntries(entries, extraKey), files };
  }
  return record;
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

export function isBuildRecord(value: unknown): value is BuildRecord {
  return Boolean(
    value && typeof value === 'object' && (value as BuildRecord).version === 1 && typeof (value as BuildRecord).components === 'object',
  );
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
      fileCount: Object.keys(now.files).length,
    };
    if (!previous) {
      result.changed = true;
      result.reasons.push('no baseline');
    } else if (!before) {
      result.changed = true;
      result.reasons.push('new component');
    } else if (before.hash !== now.hash) {
      result.changed = true;
      for (const [path, identity] of Object.entries(now.files)) {
        if (!Object.hasOwn(before.files, path)) result.added.push(path);
        else if (before.files[path] !== identity) result.modified.push(path);
      }
      for (const path of Object.keys(before.files)) if (!Object.hasOwn(now.files, path)) result.removed.push(path);
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
