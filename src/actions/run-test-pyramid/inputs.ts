import * as z from 'zod/mini';
import { bool, oneOf, parseDuration, percent, text } from '../../core/inputs.js';
import { yamlValue } from '../../core/yaml-input.js';

const nonEmpty = (message?: string) => z.string().check(z.minLength(1, message));
const stringOrList = z.union([nonEmpty(), z.array(nonEmpty()).check(z.minLength(1))], { error: 'a string or a list of strings' });
const durationText = z.string().check(z.refine((value) => parseDuration(value) !== undefined, 'a duration such as 90s or 10m'));

export const tierSchema = z.strictObject({
  name: nonEmpty('a tier name'),
  run: nonEmpty('the command to run'),
  results: stringOrList,
  coverage: z.optional(stringOrList),
  services: z.optional(nonEmpty()),
  'wait-for': z.optional(z.array(z.string().check(z.regex(/^(tcp:\/\/[^/:]+:\d+|https?:\/\/\S+)$/, 'tcp://host:port or an http(s) URL')))),
  'wait-timeout': z.optional(durationText),
  optional: z.optional(z.boolean()),
  'parallel-with-previous': z.optional(z.boolean()),
  /** The tier's test files (globs), for sharding. */
  files: z.optional(stringOrList),
});

export type TierDefinition = z.output<typeof tierSchema>;

const TIERS_EXPECTED =
  'a YAML list of tiers, each {name, run, results, coverage?, services?, wait-for?, wait-timeout?, optional?, parallel-with-previous?, files?}';
const SHARD_EXPECTED = 'i/n with 1 ≤ i ≤ n, e.g. 2/4';

export const inputs = z
  .object({
    tiers: yamlValue(z.array(tierSchema).check(z.minLength(1, 'at least one tier')), TIERS_EXPECTED).check(
      z.refine((tiers) => new Set(tiers.map((tier) => tier.name)).size === tiers.length, 'tier names must be unique'),
    ),
    'run-optional': bool(),
    'fail-fast': bool(),
    pyramid: z.optional(text('a policy such as unit>=50%,e2e<=10%')),
    'pyramid-mode': oneOf(['warn', 'fail', 'off']),
    'coverage-threshold': z.optional(percent()),
    shard: z.optional(
      text(SHARD_EXPECTED).check(
        z.regex(/^\d+\/\d+$/, SHARD_EXPECTED),
        z.refine((value) => {
          const [index, count] = value.split('/').map(Number) as [number, number];
          return count >= 1 && index >= 1 && index <= count;
        }, SHARD_EXPECTED),
      ),
    ),
    'shard-tier': z.optional(text('the name of a tier')),
    'working-directory': text('a directory'),
  })
  .check(
    z.superRefine((values, ctx) => {
      if (values.shard && !values['shard-tier'])
        ctx.addIssue({ code: 'custom', path: ['shard-tier'], message: 'the tier to shard (required with shard)' });
      const tier = values.tiers.find((candidate) => candidate.name === values['shard-tier']);
      if (values['shard-tier'] && !tier) {
        ctx.addIssue({
          code: 'custom',
          path: ['shard-tier'],
          message: `one of the tiers: ${values.tiers.map((candidate) => candidate.name).join(', ')}`,
        });
      } else if (values['shard-tier'] && !tier?.files) {
        ctx.addIssue({
          code: 'custom',
          path: ['shard-tier'],
          message: `a tier with 'files' (the test files to split); '${values['shard-tier']}' has none`,
        });
      }
    }),
  );

export type Inputs = z.output<typeof inputs>;

export const outputs = ['total', 'passed', 'failed', 'skipped', 'flaky', 'coverage', 'tiers', 'report', 'shard-files'] as const;
