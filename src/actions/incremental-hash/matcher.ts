/**
 * Which files belong to which component. Globs of the common form `dir/**` become a prefix test,
 * so assigning tens of thousands of paths stays cheap; anything else goes through picomatch.
 */
import picomatch from 'picomatch';
import type { Component } from './components.js';

type PathTest = (path: string) => boolean;

/** The folder a glob of the form `dir/**` selects whole, if it is of that form. */
function wholeFolder(glob: string): string | undefined {
  return /^([^*?[\]{}()!+@]+)\/\*\*$/.exec(glob)?.[1];
}

export function compileGlob(glob: string): PathTest {
  if (glob === '**' || glob === '**/*') return () => true;
  const prefix = wholeFolder(glob);
  if (prefix) {
    const withSlash = `${prefix}/`;
    return (path) => path.startsWith(withSlash);
  }
  const test = picomatch(glob, { dot: true });
  return (path) => test(path);
}

export interface ComponentMatcher {
  name: string;
  matches(path: string): boolean;
}

export function compileComponents(components: Component[]): ComponentMatcher[] {
  return components.map((component) => {
    const include = component.include.map(compileGlob);
    const exclude = component.exclude.map(compileGlob);
    return {
      name: component.name,
      matches: (path) => include.some((test) => test(path)) && !exclude.some((test) => test(path)),
    };
  });
}

/**
 * Whether any component selects a path, decided once per folder where possible: a folder inside a
 * component that is one whole directory (`dir/**`) has every file selected, without a test per file.
 */
export function compileSelection(components: Component[]): { coversFolder(folder: string): boolean; matches(path: string): boolean } {
  const matchers = compileComponents(components);
  const directories = components.map(soleDirectory).filter((directory) => directory !== undefined);
  return {
    coversFolder: (folder) => directories.some((directory) => folder === directory || folder.startsWith(`${directory}/`)),
    matches: (path) => matchers.some((matcher) => matcher.matches(path)),
  };
}

/** The static prefix of a component that selects exactly `prefix/**`, if that is all it does. */
export function soleDirectory(component: Component): string | undefined {
  if (component.exclude.length || component.include.length !== 1) return undefined;
  return wholeFolder(component.include[0] as string);
}

/**
 * Orders paths as git's index does (by UTF-8 bytes, which is code point order), so a component's
 * files hash alike whether listed by git or by a walk. JavaScript compares UTF-16 units, which
 * agrees except between surrogate pairs and U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    let x = a.charCodeAt(index);
    let y = b.charCodeAt(index);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** Sorts in code point order: the engine's own sort, redone with compareCodePoints only when it could differ. */
export function sortPaths(paths: string[]): string[] {
  paths.sort();
  if (paths.some((path) => /[\ud800-\uffff]/.test(path))) paths.sort(compareCodePoints);
  return paths;
}

/** Paths in code point order by position: an array, or git's index records (each path made when asked for). */
export interface SortedPaths {
  readonly length: number;
  at(position: number): string | undefined;
}

/** First position in `paths` whose path is not less than `value`. */
export function lowerBound(paths: SortedPaths, value: string): number {
  let low = 0;
  let high = paths.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareCodePoints(paths.at(middle) as string, value) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The range of `paths` inside `directory`: [from, to). */
export function directoryRange(paths: SortedPaths, directory: string): [number, number] {
  // '0' follows '/' directly.
  return [lowerBound(paths, `${directory}/`), lowerBound(paths, `${directory}0`)];
}
