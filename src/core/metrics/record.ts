/**
 * One schema for every stage's metrics. Each action appends a StageRecord; the job-level
 * figures (the design's build-metrics-<id>.json: build_id, timestamp, duration.total,
 * duration.stages, artifacts, tests, cache.hit_rate) are recomputed from the stages, so the
 * file never holds a total that disagrees with its parts.
 */
import type { CacheFigures } from '../cache/index.js';

export type StageStatus = 'success' | 'failure' | 'skipped' | 'cancelled';

export interface TestFigures {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  flaky?: number;
  /** Line coverage, percent. */
  coverage?: number;
}

export interface Artifact {
  name: string;
  kind: string;
  path?: string;
  bytes?: number;
  digest?: string;
}

export interface DeployFigures {
  strategy: string;
  environment?: string;
  result: string;
  traffic?: number;
  revision?: string;
  previous_revision?: string;
  rollback_reason?: string;
}

/** What a stage measured. Known keys are typed; anything else is kept as given. */
export interface StageFigures {
  cache?: CacheFigures;
  tests?: TestFigures;
  artifacts?: Artifact[];
  /** Findings by severity (critical, high, medium, low, unknown) and, optionally, by scanner. */
  findings?: Record<string, number>;
  deploy?: DeployFigures;
  [key: string]: unknown;
}

export interface StageRecord {
  name: string;
  phase: 'main' | 'post';
  start: string;
  /** Seconds. */
  duration: number;
  status: StageStatus;
  error?: string;
  figures: StageFigures;
}

export interface BuildIdentity {
  build_id: string;
  repository: string;
  ref: string;
  sha: string;
  run_id: string;
  run_attempt: string;
  job: string;
}

export interface BuildMetrics extends BuildIdentity {
  schema_version: 1;
  /** When the first stage started. */
  timestamp: string;
  status: StageStatus;
  duration: { total: number; stages: Record<string, number> };
  stages: StageRecord[];
  artifacts: Artifact[];
  tests: TestFigures;
  cache: {
    hits: number;
    partial_hits: number;
    misses: number;
    errors: number;
    hit_rate: number;
    bytes_restored: number;
    bytes_saved: number;
  };
  findings: Record<string, number>;
  deploy?: DeployFigures;
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Recomputes the job-level figures from the stages. Pure. */
export function aggregate(identity: BuildIdentity, stages: StageRecord[]): BuildMetrics {
  const starts = stages.map((stage) => Date.parse(stage.start)).filter(Number.isFinite);
  const ends = stages.map((stage) => Date.parse(stage.start) + stage.duration * 1000).filter(Number.isFinite);
  const first = starts.length ? Math.min(...starts) : Date.now();
  const last = ends.length ? Math.max(...ends) : first;
  const perStage: Record<string, number> = {};
  const tests: TestFigures = { total: 0, passed: 0, failed: 0, skipped: 0, flaky: 0 };
  const cache = { hits: 0, partial_hits: 0, misses: 0, errors: 0, hit_rate: 0, bytes_restored: 0, bytes_saved: 0 };
  const findings: Record<string, number> = {};
  const artifacts: Artifact[] = [];
  let coverage: number | undefined;
  let deploy: DeployFigures | undefined;
  for (const stage of stages) {
    perStage[stage.name] = round((perStage[stage.name] ?? 0) + stage.duration);
    const figures = stage.figures;
    if (figures.tests) {
      tests.total += figures.tests.total;
      tests.passed += figures.tests.passed;
      tests.failed += figures.tests.failed;
      tests.skipped += figures.tests.skipped;
      tests.flaky = (tests.flaky ?? 0) + (figures.tests.flaky ?? 0);
      if (figures.tests.coverage !== undefined) coverage = figures.tests.coverage;
    }
    if (figures.cache) {
      cache.hits += figures.cache.hits;
      cache.partial_hits += figures.cache.partial_hits;
      cache.misses += figures.cache.misses;
      cache.errors += figures.cache.errors;
      cache.bytes_restored += figures.cache.bytes_restored;
      cache.bytes_saved += figures.cache.bytes_saved;
    }
    for (const [key, count] of Object.entries(figures.findings ?? {})) findings[key] = (findings[key] ?? 0) + count;
    artifacts.push(...(figures.artifacts ?? []));
    if (figures.deploy) deploy = figures.deploy;
  }
  const lookups = cache.hits + cache.partial_hits + cache.misses;
  cache.hit_rate = lookups ? round((cache.hits + cache.partial_hits) / lookups) : 0;
  if (coverage !== undefined) tests.coverage = coverage;
  const status: StageStatus = stages.some((stage) => stage.status === 'failure')
    ? 'failure'
    : stages.some((stage) => stage.status === 'cancelled')
      ? 'cancelled'
      : 'success';
  return {
    schema_version: 1,
    ...identity,
    timestamp: new Date(first).toISOString(),
    status,
    duration: { total: round((last - first) / 1000), stages: perStage },
    stages,
    artifacts,
    tests,
    cache,
    findings,
    ...(deploy ? { deploy } : {}),
  };
}
