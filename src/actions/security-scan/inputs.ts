import * as z from 'zod/mini';
import { bool, list, oneOf, text } from '../../core/inputs.js';

export const SCANNERS = ['dependencies', 'secrets', 'licenses', 'image'] as const;
export type Scanner = (typeof SCANNERS)[number];
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const inputs = z.object({
  scanners: z.pipe(
    list({ commas: true }),
    z
      .array(z.enum(SCANNERS, { error: `a comma-separated list of ${SCANNERS.join(', ')}` }))
      .check(z.minLength(1, `at least one of ${SCANNERS.join(', ')}`)),
  ),
  'working-directory': text('a directory'),
  'severity-threshold': oneOf(SEVERITIES),
  'ignore-unfixed': bool(),
  scope: oneOf(['runtime', 'all']),
  'vulnerability-db': text("'osv' or the path of an offline OSV database (a folder of OSV JSON records or an all.zip)"),
  'license-allow': z.optional(list({ commas: true })),
  'license-deny': z.optional(list({ commas: true })),
  'license-unknown': oneOf(['warn', 'fail']),
  image: z.optional(text('a local image reference or ID')),
  'ignore-file': text('a path'),
  'sarif-file': text('a path'),
  'upload-sarif': bool(),
  'on-scanner-error': oneOf(['fail', 'warn']),
  token: z.optional(text('a GitHub token')),
});

export type Inputs = z.output<typeof inputs>;

export const outputs = ['findings', 'failed-findings', 'sarif-file'] as const;
