/**
 * Where a step's error rate comes from: probing the new version over HTTP for the whole window, a
 * command that prints the rate (the design's get-error-rate.sh), or Prometheus' HTTP API.
 */
import type { ActionContext } from '../../core/context.js';

export interface Window {
  requests: number;
  errors: number;
  /** Percent; for sources that report a rate without counts, requests is set to Infinity. */
  rate?: number;
}

/** Probes `url` until `ms` has passed, at a steady pace; 5xx answers and failed requests count as errors. */
export async function probeWindow(url: string, ms: number, minRequests: number, signal?: AbortSignal): Promise<Window> {
  const deadline = Date.now() + ms;
  const interval = Math.max(10, Math.min(200, Math.floor(ms / Math.max(minRequests * 2, 1))));
  let requests = 0;
  let errors = 0;
  while (Date.now() < deadline && !signal?.aborted) {
    requests++;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status >= 500) errors++;
    } catch {
      errors++;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  return { requests, errors };
}

export async function commandRate(ctx: ActionContext, command: string, env: Record<string, string>): Promise<Window> {
  const result = await ctx.exec('bash', ['-c', command], { silent: true, env });
  const rate = Number(/-?\d+(\.\d+)?/.exec(result.stdout)?.[0]);
  if (!Number.isFinite(rate)) throw new Error(`error-rate-command printed no number: ${result.stdout.trim().slice(0, 200)}`);
  return { requests: Number.POSITIVE_INFINITY, errors: 0, rate };
}

export async function prometheusRate(baseUrl: string, query: string): Promise<Window> {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/v1/query?query=${encodeURIComponent(query)}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as { status?: string; data?: { result?: { value?: [number, string] }[] } };
  if (!response.ok || body.status !== 'success')
    throw new Error(`Prometheus answered HTTP ${response.status} (${body.status ?? 'no status'})`);
  const value = body.data?.result?.[0]?.value?.[1];
  if (value === undefined) return { requests: 0, errors: 0 };
  return { requests: Number.POSITIVE_INFINITY, errors: 0, rate: Number(value) };
}
