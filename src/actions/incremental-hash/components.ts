/** The components definition, normalised: globs split into includes and excludes, dependencies checked. */
import { ConfigError } from '../../core/errors.js';
import type { ComponentsDocument } from './inputs.js';

export interface Component {
  name: string;
  include: string[];
  exclude: string[];
  dependsOn: string[];
}

function normaliseGlob(glob: string): string {
  return glob.replace(/^\.\//, '').replace(/\/+$/, '/**');
}

function splitGlobs(globs: string | string[]): { include: string[]; exclude: string[] } {
  const list = Array.isArray(globs) ? globs : [globs];
  return {
    include: list.filter((glob) => !glob.startsWith('!')).map(normaliseGlob),
    exclude: list.filter((glob) => glob.startsWith('!')).map((glob) => normaliseGlob(glob.slice(1))),
  };
}

export function parseComponents(document: ComponentsDocument): Component[] {
  const components: Component[] = Array.isArray(document)
    ? document.map((directory) => {
        const name = directory.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
        return { name, include: [name === '.' ? '**' : `${name}/**`], exclude: [], dependsOn: [] };
      })
    : Object.entries(document).map(([name, value]) => {
        if (typeof value === 'string' || Array.isArray(value)) return { name, ...splitGlobs(value), dependsOn: [] };
        return { name, ...splitGlobs(value.paths), dependsOn: value['depends-on'] ?? [] };
      });
  const names = new Set(components.map((component) => component.name));
  for (const component of components) {
    if (component.include.length === 0)
      throw new ConfigError(`component '${component.name}' has only negated globs; add a glob that selects files`);
    for (const dependency of component.dependsOn) {
      if (!names.has(dependency)) {
        throw new ConfigError(
          `component '${component.name}' depends on '${dependency}', which is not a component (components: ${[...names].join(', ')})`,
        );
      }
    }
  }
  const cycle = findCycle(components);
  if (cycle) throw new ConfigError(`components depend on each other in a cycle: ${cycle.join(' → ')}`);
  return components;
}

function findCycle(components: Component[]): string[] | undefined {
  const byName = new Map(components.map((component) => [component.name, component]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'visiting');
    path.push(name);
    for (const dependency of byName.get(name)?.dependsOn ?? []) {
      const cycle = visit(dependency);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const component of components) {
    const cycle = visit(component.name);
    if (cycle) return cycle;
  }
  return undefined;
}
