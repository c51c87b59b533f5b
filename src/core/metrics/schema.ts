/**
 * The build-metrics JSON as a zod schema, for what comes from outside this run: a previous run's file
 * restored from the cache, or a fixture. It mirrors the interfaces in record.ts (the annotations make
 * tsc refuse a schema whose output is not a BuildMetrics).
 */
import { z } from 'zod';
import type { CacheFigures } from '../cache/index.js';
import { readMetricsFile } from './file.js';
import type { BuildMetrics, StageRecord, TestFigures } from './record.js';

const count = z.number().int().nonnegative();
const seconds = z.number().nonnegative();

const cacheFigures: z.ZodType<CacheFigures> = z.object({
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
      bytes: count.optional(),
      seconds,
    }),
  ),
});

const testFigures: z.ZodType<TestFigures> = z.object({
  total: count,
  passed: count,
  failed: count,
  skipped: count,
  flaky: count.optional(),
  coverage: z.number().min(0).max(100).optional(),
});

const artifact = z.object({
  name: z.string(),
  kind: z.string(),
  path: z.string().optional(),
  bytes: count.optional(),
  digest: z.string().optional(),
});

const deployFigures = z.object({
  strategy: z.string(),
  environment: z.string().optional(),
  result: z.string(),
  traffic: z.number().min(0).max(100).optional(),
  revision: z.string().optional(),
  previous_revision: z.string().optional(),
  rollback_reason: z.string().optional(),
});

const findings = z.record(z.string(), count);
const status = z.enum(['success', 'failure', 'skipped', 'cancelled']);

export const stageRecordSchema: z.ZodType<StageRecord> = z.object({
  name: z.string().min(1),
  phase: z.enum(['main', 'post']),
  start: z.iso.datetime(),
  duration: seconds,
  status,
  error: z.string().optional(),
  // Known figures are checked; an action's own figures are kept as given.
  figures: z.looseObject({
    cache: cacheFigures.optional(),
    tests: testFigures.optional(),
    artifacts: z.array(artifact).optional(),
    findings: findings.optional(),
    deploy: deployFigures.optional(),
  }),
});

export const buildMetricsSchema: z.ZodType<BuildMetrics> = z.object({
  schema_version: z.literal(1),
  build_id: z.string().min(1),
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
    hit_rate: z.number().min(0).max(1),
    bytes_restored: count,
    bytes_saved: count,
  }),
  findings,
  deploy: deployFigures.optional(),
});

/**
 * A build-metrics file that passes this schema — a previous run's for the trend, or a job's downloaded
 * for the merged report — else undefined: an older tool's or a damaged file is left out, never a broken report.
 */
export function readCheckedMetrics(path: string): BuildMetrics | undefined {
  const parsed = buildMetricsSchema.safeParse(readMetricsFile(path));
  return parsed.success ? parsed.data : undefined;
}
