import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingLogger } from '../../../test/recording-logger.js';
import { exportMetrics, otlpTracesUrl, parseOtlpHeaders, postJson, stageSpanRequest } from './export.js';
import { appendStage } from './file.js';
import { aggregate, type BuildIdentity, type StageRecord } from './record.js';

const identity: BuildIdentity = {
  build_id: '7-1-build',
  repository: 'o/r',
  ref: 'refs/heads/main',
  sha: 'abc',
  run_id: '7',
  run_attempt: '1',
  job: 'build',
};

function stage(
  name: string,
  start: string,
  duration: number,
  figures: StageRecord['figures'] = {},
  status: StageRecord['status'] = 'success',
): StageRecord {
  return { name, phase: 'main', start, duration, status, figures };
}

const cacheFigures = (hits: number, partial: number, misses: number) => ({
  backend: 'local' as const,
  hits,
  partial_hits: partial,
  misses,
  errors: 0,
  bytes_restored: 100 * hits,
  bytes_saved: 10,
  restore_seconds: 0.1,
  save_seconds: 0.1,
  entries: [],
});

describe('build metrics aggregation', () => {
  it('derives the job figures from the stages', () => {
    const metrics = aggregate(identity, [
      stage('setup-deps', '2026-01-01T00:00:00.000Z', 10, { cache: cacheFigures(1, 1, 0) }),
      stage('run-test-pyramid', '2026-01-01T00:00:10.000Z', 20, {
        tests: { total: 10, passed: 8, failed: 1, skipped: 1, coverage: 81.5 },
        cache: cacheFigures(0, 0, 2),
      }),
      stage('docker-package', '2026-01-01T00:00:30.000Z', 5, { artifacts: [{ name: 'app', kind: 'image', bytes: 1234 }] }),
      stage('security-scan', '2026-01-01T00:00:30.000Z', 8, { findings: { high: 2, low: 1 } }, 'failure'),
    ]);
    expect(metrics.timestamp).toBe('2026-01-01T00:00:00.000Z');
    expect(metrics.duration.total).toBe(38);
    expect(metrics.duration.stages).toEqual({ 'setup-deps': 10, 'run-test-pyramid': 20, 'docker-package': 5, 'security-scan': 8 });
    expect(metrics.tests).toEqual({ total: 10, passed: 8, failed: 1, skipped: 1, flaky: 0, coverage: 81.5 });
    expect(metrics.cache).toMatchObject({ hits: 1, partial_hits: 1, misses: 2, hit_rate: 0.5, bytes_restored: 100 });
    expect(metrics.artifacts).toEqual([{ name: 'app', kind: 'image', bytes: 1234 }]);
    expect(metrics.findings).toEqual({ high: 2, low: 1 });
    expect(metrics.status).toBe('failure');
  });

  it('adds up a stage that ran twice (main and post)', () => {
    const metrics = aggregate(identity, [
      stage('x', '2026-01-01T00:00:00Z', 1),
      { ...stage('x', '2026-01-01T00:00:05Z', 2), phase: 'post' },
    ]);
    expect(metrics.duration.stages).toEqual({ x: 3 });
    expect(metrics.duration.total).toBe(7);
    expect(metrics.cache.hit_rate).toBe(0);
  });

  it('appends stages to one file per job and keeps the first build id', () => {
    const folder = mkdtempSync(join(tmpdir(), 'metrics-'));
    try {
      const file = join(folder, 'nested', 'metrics.json');
      appendStage(file, identity, stage('a', '2026-01-01T00:00:00Z', 1));
      const metrics = appendStage(file, { ...identity, build_id: 'other' }, stage('b', '2026-01-01T00:00:01Z', 1));
      expect(metrics.build_id).toBe('7-1-build');
      expect(JSON.parse(readFileSync(file, 'utf8')).stages.map((s: StageRecord) => s.name)).toEqual(['a', 'b']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('metrics export', () => {
  let server: Server;
  let base: string;
  const received: { path: string; body: string; headers: IncomingMessage['headers'] }[] = [];
  let failuresLeft = 0;
  let status = 200;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ path: request.url ?? '', body, headers: request.headers });
        if (failuresLeft > 0) {
          failuresLeft--;
          response.writeHead(503).end();
        } else response.writeHead(status).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('retries with backoff until the endpoint accepts', async () => {
    received.length = 0;
    failuresLeft = 2;
    const log = recordingLogger();
    expect(await postJson(`${base}/ingest`, { a: 1 }, log, { backoffMs: 10 })).toBe(true);
    expect(received).toHaveLength(3);
    expect(JSON.parse(received[2]?.body ?? '')).toEqual({ a: 1 });
    expect(log.warnings).toEqual([]);
  });

  it('gives up with one warning, never an exception', async () => {
    received.length = 0;
    failuresLeft = 10;
    const log = recordingLogger();
    expect(await postJson(`${base}/ingest`, {}, log, { attempts: 2, backoffMs: 10 })).toBe(false);
    expect(received).toHaveLength(2);
    expect(log.warnings).toEqual([expect.stringContaining('failed after 2 attempts (HTTP 503)')]);
    failuresLeft = 0;
    const unreachable = recordingLogger();
    expect(await postJson('http://127.0.0.1:1/x', {}, unreachable, { attempts: 1 })).toBe(false);
    expect(unreachable.warnings).toHaveLength(1);
  });

  it('does not retry a refusal', async () => {
    received.length = 0;
    status = 401;
    const log = recordingLogger();
    expect(await postJson(`${base}/ingest`, {}, log, { backoffMs: 10 })).toBe(false);
    expect(received).toHaveLength(1);
    status = 200;
  });

  it('sends the metrics JSON and one OTLP span per stage', async () => {
    received.length = 0;
    const record = stage(
      'run-test-pyramid',
      '2026-01-01T00:00:00.000Z',
      2.5,
      { tests: { total: 3, passed: 2, failed: 1, skipped: 0 } },
      'failure',
    );
    const metrics = aggregate(identity, [record]);
    await exportMetrics(record, metrics, `${base}/ingest`, recordingLogger(), {
      OTEL_EXPORTER_OTLP_ENDPOINT: `${base}/otel/`,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc%20def',
      BUILD_TOOLS_METRICS_TOKEN: 'tok',
    });
    const ingest = received.find((request) => request.path === '/ingest');
    expect(ingest?.headers.authorization).toBe('Bearer tok');
    expect(JSON.parse(ingest?.body ?? '').tests.failed).toBe(1);
    const traces = received.find((request) => request.path === '/otel/v1/traces');
    expect(traces?.headers['x-api-key']).toBe('abc def');
    const span = JSON.parse(traces?.body ?? '').resourceSpans[0].scopeSpans[0].spans[0];
    expect(span.name).toBe('run-test-pyramid');
    expect(span.status.code).toBe(2);
    expect(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)).toBe(2_500_000_000n);
    expect(span.attributes).toContainEqual({ key: 'build_tools.tests.failed', value: { intValue: '1' } });
  });

  it('gives every stage of a run the same trace id', () => {
    const metrics = aggregate(identity, []);
    const first = stageSpanRequest(stage('a', '2026-01-01T00:00:00Z', 1), metrics).resourceSpans[0]?.scopeSpans[0]?.spans[0];
    const second = stageSpanRequest(stage('b', '2026-01-01T00:00:01Z', 1), metrics).resourceSpans[0]?.scopeSpans[0]?.spans[0];
    expect(first?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(first?.traceId).toBe(second?.traceId);
    expect(first?.spanId).not.toBe(second?.spanId);
  });

  it('follows the OpenTelemetry endpoint variables', () => {
    expect(otlpTracesUrl({})).toBeUndefined();
    expect(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toBe('http://c:4318/v1/traces');
    expect(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t/x' })).toBe(
      'http://t/x',
    );
    expect(parseOtlpHeaders('a=1, b = two ,bad')).toEqual({ a: '1', b: 'two' });
  });
});
