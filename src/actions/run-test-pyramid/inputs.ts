import { z } from 'zod';
import { bool, oneOf, parseDuration, percent, text, yamlValue } from '../../core/inputs.js';

const stringOrList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], { error: 'a string or a list of strings' });
const durationText = z.string().refine((value) => parseDuration(value) !== undefined, 'a duration such as 90s or 10m');

export const tierSchema = z
  .object({
    name: z.string().min(1, 'a tier name'),
    run: z.string().min(1, 'the command to run'),
    results: stringOrList,
    coverage: stringOrList.optional(),
    services: z.string().min(1).optional(),
    'wait-for': z.array(z.string().regex(/^(tcp:\/\/[^/:]+:\d+|https?:\/\/\S+)$/, 'tcp://host:port or an http(s) URL')).optional(),
    'wait-timeout': durationText.optional(),
    optional: z.boolean().optional(),
    'parallel-with-previous': z.boolean().optional(),
    /** The tier's test files (globs), for sharding. */
    files: stringOrList.optional(),
  })
  .strict();

export type TierDefinition = z.output<typeof tierSchema>;

const TIERS_EXPECTED =
  'a YAML list of tiers, each {name, run, results, coverage?, services?, wait-for?, wait-timeout?, optional?, parallel-with-previous?, files?}';

export const inputs = z
  .object({
    tiers: yamlValue(z.array(tierSchema).min(1, 'at least one tier'), TIERS_EXPECTED).refine(
      (tiers) => new Set(tiers.map((tier) => tier.name)).size === tiers.length,
      'tier names must be unique',
    ),
    'run-optional': bool(),
    'fail-fast': bool(),
    pyramid: text('a policy such as unit>=50%,e2e<=10%').optional(),
    'pyramid-mode': oneOf(['warn', 'fail', 'off']),
    'coverage-threshold': percent().optional(),
    shard: text('i/n with 1 ≤ i ≤ n, e.g. 2/4')
      .regex(/^\d+\/\d+$/, 'i/n with 1 ≤ i ≤ n, e.g. 2/4')
      .refine((value) => {
        const [index, count] = value.split('/').map(Number) as [number, number];
        return count >= 1 && index >= 1 && index <= count;
      }, 'i/n with 1 ≤ i ≤ n, e.g. 2/4')
      .optional(),
    'shard-tier': text('the name of a tier').optional(),
    'working-directory': text('a directory'),
  })
  .superRefine((values, ctx) => {
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
  });

export type Inputs = z.output<typeof inputs>;

export const outputs = ['total', 'passed', 'failed', 'skipped', 'flaky', 'coverage', 'tiers', 'report', 'shard-files'] as const;
