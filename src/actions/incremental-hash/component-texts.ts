/**
 * Each component's text (see ComponentRecord.files): its files' records in code point order. In a git
 * checkout, a component that is one folder and has no file git cannot vouch for is a slice of git's
 * own listing, with no work per file — the usual case in CI, where the checkout is clean.
 */
import type { Component } from './components.js';
import type { HashedFiles } from './file-hashing.js';
import type { IndexRecords } from './file-listing.js';
import { compareCodePoints, compileComponents, directoryRange, soleDirectory, sortPaths } from './matcher.js';
import { recordLine } from './record.js';

export type ComponentTexts = Map<string, { files: string; count: number }>;

/**
 * From files found by a walk and read: every file read, none taken from git. `read.paths` is in code
 * point order (the walk's), so a component that is one folder is a range of it.
 */
export function readComponentTexts(components: Component[], read: HashedFiles): ComponentTexts {
  const { paths, identities } = read;
  const texts: ComponentTexts = new Map();
  for (const component of components) {
    const directory = soleDirectory(component);
    const [from, to] = directory === undefined ? [0, paths.length] : directoryRange(paths, directory);
    const matcher = directory === undefined ? compileComponents([component])[0] : undefined;
    const lines: string[] = [];
    for (let position = from; position < to; position++) {
      const identity = identities[position];
      const path = paths[position] as string;
      if (identity !== undefined && (!matcher || matcher.matches(path))) lines.push(recordLine(path, identity));
    }
    // One join: much cheaper than growing a string 50,000 times.
    texts.set(component.name, { files: lines.join(''), count: lines.length });
  }
  return texts;
}

/** From git's index records and the files that had to be read (untracked, edited, conflicted). */
export function gitComponentTexts(components: Component[], index: IndexRecords, read: HashedFiles): ComponentTexts {
  const identities = new Map<string, string>();
  read.paths.forEach((path, position) => {
    const identity = read.identities[position];
    if (identity !== undefined) identities.set(path, identity);
  });
  const readPaths = sortPaths([...identities.keys()]);
  const untrusted = new Set(index.untrusted);
  const recordOf = (position: number) => index.output.slice(index.starts[position], index.starts[position + 1]);
  const texts: ComponentTexts = new Map();
  for (const component of components) {
    const directory = soleDirectory(component);
    let positions: number[];
    let readHere: string[];
    if (directory !== undefined) {
      const [from, to] = directoryRange(index.paths, directory);
      const [readFrom, readTo] = directoryRange(readPaths, directory);
      if (readFrom === readTo && !anyBetween(index.untrusted, from, to)) {
        texts.set(component.name, { files: index.output.slice(index.starts[from], index.starts[to]), count: to - from });
        continue;
      }
      positions = [];
      for (let position = from; position < to; position++) if (!untrusted.has(position)) positions.push(position);
      readHere = readPaths.slice(readFrom, readTo);
    } else {
      const [matcher] = compileComponents([component]);
      positions = [];
      for (let position = 0; position < index.paths.length; position++) {
        if (!untrusted.has(position) && matcher?.matches(index.paths.at(position) as string)) positions.push(position);
      }
      readHere = readPaths.filter((path) => matcher?.matches(path));
    }
    const lines: [string, string][] = [
      ...positions.map((position) => [index.paths.at(position) as string, recordOf(position)] as [string, string]),
      ...readHere.map((path) => [path, recordLine(path, identities.get(path) as string)] as [string, string]),
    ];
    lines.sort(([a], [b]) => compareCodePoints(a, b));
    texts.set(component.name, { files: lines.map(([, line]) => line).join(''), count: lines.length });
  }
  return texts;
}

/** Whether ascending `positions` holds one in [from, to). */
function anyBetween(positions: readonly number[], from: number, to: number): boolean {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((positions[middle] as number) < from) low = middle + 1;
    else high = middle;
  }
  return low < positions.length && (positions[low] as number) < to;
}
