/**
 * Which files belong to which component. Globs of the common form `dir/**` become a prefix test,
 * so assigning tens of thousands of paths stays cheap; anything else goes through picomatch.
 */
import picomatch from 'picomatch';
import type { Component } from './components.js';

type PathTest = (path: string) => boolean;

export function compileGlob(glob: string): PathTest {
  if (glob === '**' || glob === '**/*') return () => true;
  const prefix = /^([^*?[\]{}()!+@]+)\/\*\*$/.exec(glob)?.[1];
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
function soleDirectory(component: Component): string | undefined {
  if (component.exclude.length || component.include.length !== 1) return undefined;
  return /^([^*?[\]{}()!+@]+)\/\*\*$/.exec(component.include[0] as string)?.[1];
}

/** First index in sorted `paths` not less than `value`. */
function lowerBound(paths: readonly string[], value: string): number {
  let low = 0;
  let high = paths.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((paths[middle] as string) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Component name → the (sorted) paths it selects. A file may belong to several components.
 * A component that is one folder (`dir/**`) takes a slice of the sorted paths by binary search,
 * so the usual layout costs nothing per file.
 */
export function assignFiles(components: Component[], paths: readonly string[]): Map<string, string[]> {
  const sorted = [...paths].sort();
  const assigned = new Map<string, string[]>();
  for (const component of components) {
    const directory = soleDirectory(component);
    if (directory !== undefined) {
      const from = lowerBound(sorted, `${directory}/`);
      const to = lowerBound(sorted, `${directory}0`); // '0' sorts right after '/'
      assigned.set(component.name, sorted.slice(from, to));
    } else {
      const [matcher] = compileComponents([component]);
      assigned.set(
        component.name,
        sorted.filter((path) => matcher?.matches(path)),
      );
    }
  }
  return assigned;
}
