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

/** Component name → the (sorted) paths it selects. A file may belong to several components. */
export function assignFiles(components: Component[], paths: readonly string[]): Map<string, string[]> {
  const matchers = compileComponents(components);
  const assigned = new Map<string, string[]>(components.map((component) => [component.name, []]));
  for (const path of paths) {
    for (const matcher of matchers) if (matcher.matches(path)) assigned.get(matcher.name)?.push(path);
  }
  for (const list of assigned.values()) list.sort();
  return assigned;
}
