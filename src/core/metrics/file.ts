/** The job's build-metrics JSON file: read, append a stage, write atomically. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunnerContext } from '../runner-context.js';
import { aggregate, type BuildIdentity, type BuildMetrics, type StageRecord } from './record.js';

export function buildIdentity(runner: RunnerContext): BuildIdentity {
  const runId = runner.runId || 'local';
  return {
    build_id: `${runId}-${runner.runAttempt}${runner.job ? `-${runner.job}` : ''}`,
    repository: runner.repository,
    ref: runner.ref,
    sha: runner.sha,
    run_id: runner.runId,
    run_attempt: runner.runAttempt,
    job: runner.job,
  };
}

export function metricsFilePath(runner: RunnerContext, env: NodeJS.ProcessEnv = process.env): string {
  return env.BUILD_TOOLS_METRICS_FILE || join(runner.temp, `build-metrics-${buildIdentity(runner).build_id}.json`);
}

export function readMetricsFile(path: string): BuildMetrics | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BuildMetrics;
  } catch {
    return undefined;
  }
}

/** Appends `stage` to the file at `path` and returns the job's metrics as now written. */
export function appendStage(path: string, identity: BuildIdentity, stage: StageRecord): BuildMetrics {
  const previous = readMetricsFile(path);
  const metrics = aggregate(previous ? { ...identity, build_id: previous.build_id } : identity, [...(previous?.stages ?? []), stage]);
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, `${JSON.stringify(metrics, null, 2)}\n`);
  renameSync(partial, path);
  return metrics;
}
