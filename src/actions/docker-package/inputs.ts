import { z } from 'zod';
import { bool, list, oneOf, text } from '../../core/inputs.js';

export const inputs = z.object({
  build: bool(),
  context: text('a directory'),
  file: text('a Dockerfile path').optional(),
  target: text('a build stage name').optional(),
  image: text('an image name without a tag, e.g. ghcr.io/org/app')
    .regex(/^[a-z0-9][a-z0-9._\-/:]*[a-z0-9]$/, 'an image name without a tag, in lower case, e.g. ghcr.io/org/app')
    .optional(),
  tags: list(),
  labels: list().optional(),
  'build-args': list().optional(),
  secrets: list().optional(),
  platforms: list({ commas: true }).optional(),
  cache: oneOf(['auto', 'gha', 'registry', 'local', 'none']),
  push: bool(),
  registry: text('a registry host, e.g. ghcr.io').optional(),
  username: text().optional(),
  password: text().optional(),
  policy: oneOf(['warn', 'fail', 'off']),
  'config-templates': list().optional(),
  'config-include': list().optional(),
  'config-vars': list({ commas: true }).optional(),
  'config-archive': text('a file name pattern'),
});

export type Inputs = z.output<typeof inputs>;

export const outputs = ['image-id', 'digest', 'tags', 'size', 'config-archive', 'config-sha256'] as const;
