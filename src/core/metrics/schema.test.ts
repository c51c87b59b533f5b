import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregate, type BuildMetrics } from './record.js';
import { buildMetricsSchema, readCheckedMetrics } from './schema.js';

const fixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../../test/fixtures/build-report', name), 'utf8'));

describe('the build-metrics schema', () => {
  it.each(['metrics.json', 'previous-metrics.json'])('accepts the report fixture %s, whose job figures agree with its stages', (name) => {
    const parsed = buildMetricsSchema.parse(fixture(name));
    const { schema_version, timestamp, status, duration, stages, artifacts, tests, cache, findings, deploy, ...identity } = parsed;
    expect(aggregate(identity, stages)).toEqual(parsed);
  });

  it('accepts what aggregate writes', () => {
    const metrics = aggregate({ build_id: 'b', repository: '', ref: '', sha: '', run_id: '', run_attempt: '1', job: '' }, [
      {
        name: 'incremental-hash',
        phase: 'main',
        start: '2026-01-01T00:00:00.000Z',
        duration: 1,
        status: 'success',
        figures: { components: 2 },
      },
    ]);
    expect(buildMetricsSchema.parse(JSON.parse(JSON.stringify(metrics)))).toEqual(metrics);
  });

  it('refuses a file that is not build metrics, saying where', () => {
    const metrics: BuildMetrics = fixture('metrics.json');
    const broken = structuredClone(metrics) as unknown as { stages: { status: string; duration: number }[]; cache: { hit_rate: number } };
    broken.stages[0]!.status = 'ok';
    broken.stages[1]!.duration = -1;
    broken.cache.hit_rate = 71;
    const result = buildMetricsSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['stages.0.status', 'stages.1.duration', 'cache.hit_rate']);
    expect(buildMetricsSchema.safeParse({ ...metrics, schema_version: 2 }).success).toBe(false);
  });

  it('reads a previous run for the trend only when it is build metrics of this schema', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bt-previous-'));
    try {
      const write = (name: string, text: string) => {
        writeFileSync(join(directory, name), text);
        return join(directory, name);
      };
      const previous = fixture('previous-metrics.json');
      expect(readCheckedMetrics(write('good.json', JSON.stringify(previous)))?.build_id).toBe('4807-1-pipeline');
      const { duration, ...olderShape } = previous;
      expect(readCheckedMetrics(write('older.json', JSON.stringify(olderShape)))).toBeUndefined();
      expect(readCheckedMetrics(write('cut.json', JSON.stringify(previous).slice(0, 200)))).toBeUndefined();
      expect(readCheckedMetrics(join(directory, 'missing.json'))).toBeUndefined();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
