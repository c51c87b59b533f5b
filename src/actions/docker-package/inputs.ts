import * as z from 'zod/mini';
import { bool, list, oneOf, text } from '../../core/inputs.js';

export const inputs = z.object({
  build: bool(),
  context: text('a directory'),
  file: z.optional(text('a Dockerfile path')),
  target: z.optional(text('a build stage name')),
  image: z.optional(
    text('an image name without a tag, e.g. ghcr.io/org/app').check(
      z.regex(/^[a-z0-9][a-z0-9._\-/:]*[a-z0-9]$/, 'an image name without a tag, in lower case, e.g. ghcr.io/org/app'),
    ),
  ),
  tags: list(),
  labels: z.optional(list()),
  'build-args': z.optional(list()),
  secrets: z.optional(list()),
  platforms: z.optional(list({ commas: true })),
  cache: oneOf(['auto', 'gha', 'registry', 'local', 'none']),
  push: bool(),
  registry: z.optional(text('a registry host, e.g. ghcr.io')),
  username: z.optional(text()),
  password: z.optional(text()),
  policy: oneOf(['warn', 'fail', 'off']),
  'config-templates': z.optional(list()),
  'config-include': z.optional(list()),
  'config-vars': z.optional(list({ commas: true })),
  'config-archive': text('a file name pattern'),
});

export type Inputs = z.output<typeof inputs>;

export const outputs = ['image-id', 'digest', 'tags', 'size', 'config-archive', 'config-sha256'] as const;
