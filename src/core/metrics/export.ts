/**
 * Optional export of the metrics: POST of the build-metrics JSON to an endpoint, and one
 * OpenTelemetry span per stage over OTLP/HTTP (JSON encoding) when OTEL_EXPORTER_OTLP_ENDPOINT
 * is set. Both retry with backoff and never fail the build.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from '../log.js';
import type { BuildMetrics, StageRecord } from './record.js';

export interface PostOptions {
  attempts?: number;
  /** First retry delay; doubled after each failed attempt. */
  backoffMs?: number;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** POSTs JSON, retrying on network errors and 5xx/429. Returns whether it was accepted. */
export async function postJson(url: string, body: unknown, log: Logger, options: PostOptions = {}): Promise<boolean> {
  const attempts = options.attempts ?? 3;
  let delay = options.backoffMs ?? 500;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let problem: string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer();
      if (response.ok) return true;
      problem = `HTTP ${response.status}`;
      if (response.status < 500 && response.status !== 429) {
        log.warn(`Metrics export to ${url} was refused (${problem}); not retrying.`);
        return false;
      }
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    if (attempt === attempts) {
      log.warn(`Metrics export to ${url} failed after ${attempts} attempts (${problem}); the build goes on.`);
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay *= 2;
  }
  return false;
}

/** Parses OTEL_EXPORTER_OTLP_HEADERS (`key=value,key2=value2`, values URL-encoded). */
export function parseOtlpHeaders(value: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at > 0) headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}

/** Where OTLP/HTTP traces go, following the OpenTelemetry exporter variables. */
export function otlpTracesUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

type OtlpValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };

function otlpValue(value: string | number | boolean): OtlpValue {
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { stringValue: value };
}

/** Flattens the stage's figures into span attributes (`build_tools.tests.failed` …). */
function spanAttributes(stage: StageRecord, metrics: BuildMetrics) {
  const attributes: { key: string; value: OtlpValue }[] = [
    { key: 'build_tools.stage', value: otlpValue(stage.name) },
    { key: 'build_tools.phase', value: otlpValue(stage.phase) },
    { key: 'build_tools.status', value: otlpValue(stage.status) },
    { key: 'build_tools.build_id', value: otlpValue(metrics.build_id) },
  ];
  const visit = (prefix: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      attributes.push({ key: prefix, value: otlpValue(value) });
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) visit(`${prefix}.${key}`, inner);
    }
  };
  visit('build_tools', stage.figures);
  return attributes;
}

/** The OTLP/HTTP JSON request for one stage. All stages of a run share one trace id. Pure but for span ids. */
export function stageSpanRequest(stage: StageRecord, metrics: BuildMetrics) {
  const traceId = createHash('sha256')
    .update(`${metrics.repository}/${metrics.run_id}/${metrics.run_attempt}/${metrics.build_id}`)
    .digest('hex')
    .slice(0, 32);
  const startNs = BigInt(Date.parse(stage.start)) * 1_000_000n;
  const endNs = startNs + BigInt(Math.round(stage.duration * 1e9));
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'build-tools' } },
            { key: 'vcs.repository.name', value: { stringValue: metrics.repository } },
            { key: 'vcs.ref.head.revision', value: { stringValue: metrics.sha } },
          ],
        },
        scopeSpans: [
          {
            scope: { name: 'build-tools' },
            spans: [
              {
                traceId,
                spanId: randomBytes(8).toString('hex'),
                name: `${stage.name}${stage.phase === 'post' ? ' (post)' : ''}`,
                kind: 1,
                startTimeUnixNano: startNs.toString(),
                endTimeUnixNano: endNs.toString(),
                attributes: spanAttributes(stage, metrics),
                status: stage.status === 'failure' ? { code: 2, message: stage.error ?? 'failed' } : { code: 1 },
              },
            ],
          },
        ],
      },
    ],
  };
}

export async function exportMetrics(
  stage: StageRecord,
  metrics: BuildMetrics,
  endpoint: string | undefined,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const work: Promise<boolean>[] = [];
  if (endpoint) {
    const headers: Record<string, string> = env.BUILD_TOOLS_METRICS_TOKEN
      ? { authorization: `Bearer ${env.BUILD_TOOLS_METRICS_TOKEN}` }
      : {};
    work.push(postJson(endpoint, metrics, log, { headers }));
  }
  const traces = otlpTracesUrl(env);
  if (traces)
    work.push(postJson(traces, stageSpanRequest(stage, metrics), log, { headers: parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS) }));
  await Promise.all(work);
}
