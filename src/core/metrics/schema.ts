/**
 * The build-metrics JSON as a zod schema, for what comes from outside this run: a previous run's file
 * restored from the cache, or a fixture. It mirrors the interfaces in record.ts (the annotations make
 * tsc refuse a schema whose output is not a BuildMetrics).
 */
import * as z from 'zod/mini';
import type { CacheFigures } from '../cache/index.js';
import { readMetricsFile } from './file.js';
import type { BuildMetrics, StageRecord, TestFigures } from './record.js';

const count = z.int().check(z.gte(0));
const seconds = z.number().check(z.gte(0));

const cacheFigures: z.ZodMiniType<CacheFigures> = z.object({
  backend: z.enum(['github', 'local']),
  hits: count,
  partial_hits: count,
  misses: count,
  errors: count,
  bytes_restored: count,
  bytes_saved: count,
  restore_seconds: seconds,
  save_seconds: seconds,
  entries: z.array(
    z.object({
      key: z.string(),
      hit: z.enum(['exact', 'partial', 'miss', 'saved', 'not-saved']),
      bytes: z.optional(count),
      seconds,
    }),
  ),
});

const testFigures: z.ZodMiniType<TestFigures> = z.object({
  total: count,
  passed: count,
  failed: count,
  skipped: count,
  flaky: z.optional(count),
  coverage: z.optional(z.number().check(z.gte(0), z.lte(100))),
});

const artifact = z.object({
  name: z.string(),
  kind: z.string(),
  path: z.optional(z.string()),
  bytes: z.optional(count),
  digest: z.optional(z.string()),
});

const deployFigures = z.object({
  strategy: z.string(),
  environment: z.optional(z.string()),
  result: z.string(),
  traffic: z.optional(z.number().check(z.gte(0), z.lte(100))),
  revision: z.optional(z.string()),
  previous_revision: z.optional(z.string()),
  rollback_reason: z.optional(z.string()),
});

const findings = z.record(z.string(), count);
const status = z.enum(['success', 'failure', 'skipped', 'cancelled']);

export const stageRecordSchema: z.ZodMiniType<StageRecord> = z.object({
  name: z.string().check(z.minLength(1)),
  phase: z.enum(['main', 'post']),
  start: z.iso.datetime(),
  duration: seconds,
  status,
  error: z.optional(z.string()),
  // Known figures are checked; an action's own figures are kept as given.
  figures: z.looseObject({
    cache: z.optional(cacheFigures),
    tests: z.optional(testFigures),
    artifacts: z.optional(z.array(artifact)),
    findings: z.optional(findings),
    deploy: z.optional(deployFigures),
  }),
});

export const buildMetricsSchema: z.ZodMiniType<BuildMetrics> = z.object({
  schema_version: z.literal(1),
  build_id: z.string().check(z.minLength(1)),
  repository: z.string(),
  ref: z.string(),
  sha: z.string(),
  run_id: z.string(),
  run_attempt: z.string(),
  job: z.string(),
  timestamp: z.iso.datetime(),
  status,
  duration: z.object({ total: seconds, stages: z.record(z.string(), seconds) }),
  stages: z.array(stageRecordSchema),
  artifacts: z.array(artifact),
  tests: testFigures,
  cache: z.object({
    hits: count,
    partial_hits: count,
    misses: count,
    errors: count,
    hit_rate: z.number().check(z.gte(0), z.lte(1)),
    bytes_restored: count,
    bytes_saved: count,
  }),
  findings,
  deploy: z.optional(deployFigures),
});

/**
 * A build-metrics file that passes this schema — a previous run's for the trend, or a job's downloaded
 * for the merged report — else undefined: an older tool's or a damaged file is left out, never a broken report.
 */
export function readCheckedMetrics(path: string): BuildMetrics | undefined {
  const parsed = buildMetricsSchema.safeParse(readMetricsFile(path));
  return parsed.success ? parsed.data : undefined;
}
