import * as z from 'zod/mini';
import { bool, text } from '../../core/inputs.js';
import { yamlValue } from '../../core/yaml-input.js';

const glob = z.string().check(z.minLength(1));
const globs = z.union([glob, z.array(glob).check(z.minLength(1))], { error: 'a glob or a list of globs' });

/** `name: glob`, `name: [globs]`, `name: {paths, depends-on}`, or a list of directories. */
export const componentsDocument = z.union(
  [
    z.array(z.string().check(z.minLength(1)), { error: 'a list of directories' }).check(z.minLength(1)),
    z.record(
      z.string().check(z.minLength(1)),
      z.union([globs, z.strictObject({ paths: globs, 'depends-on': z.optional(z.array(z.string().check(z.minLength(1)))) })], {
        error: 'a glob, a list of globs, or {paths: [...], depends-on: [...]}',
      }),
    ),
  ],
  { error: 'a mapping of component name to globs, or a list of directories' },
);

export const inputs = z.object({
  components: yamlValue(
    componentsDocument,
    'YAML: a mapping `name: glob | [globs] | {paths: [...], depends-on: [...]}`, or a list of directories',
  ),
  'working-directory': text('a directory'),
  'extra-key': z.optional(text()),
  'cache-key-prefix': text('a cache key prefix without commas').check(
    z.refine((value) => !value.includes(','), 'a cache key prefix without commas'),
  ),
  'respect-gitignore': bool(),
  save: bool(),
});

export type Inputs = z.output<typeof inputs>;
export type ComponentsDocument = z.output<typeof componentsDocument>;

export const outputs = ['changed', 'unchanged', 'any-changed', 'matrix', 'hashes'] as const;
