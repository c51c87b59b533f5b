import * as z from 'zod/mini';
import { bool, integer, list, oneOf, text } from '../../core/inputs.js';

export const inputs = z.object({
  'working-directory': text('a directory'),
  python: oneOf(['auto', 'true', 'false']),
  'python-requirements': list(),
  'python-installer': oneOf(['auto', 'uv', 'pip']),
  'python-compile': z.optional(list()),
  node: oneOf(['auto', 'true', 'false']),
  'node-version': integer({ min: 1, max: 99 }),
  'package-manager': oneOf(['auto', 'npm', 'yarn', 'pnpm']),
  'system-packages': z.optional(list({ commas: true })),
  cache: bool(),
  'cache-installed': bool(),
});

export type Inputs = z.output<typeof inputs>;

export const outputs = ['python-installer', 'package-manager', 'cache-hit', 'node-version'] as const;
