/** The deployment plan and the canary's arithmetic: pure. */

/** GitHub-hosted runners stop a job after 6 hours. */
export const JOB_LIMIT_MS = 6 * 60 * 60 * 1000;

export interface Plan {
  strategy: 'rolling' | 'blue-green' | 'canary';
  steps: number[];
  minimumMs: number;
}

export function makePlan(strategy: Plan['strategy'], steps: number[], stepMs: number): Plan {
  const effective = strategy === 'canary' ? steps : [100];
  const observed = strategy === 'canary' ? effective.filter((step) => step < 100).length : 0;
  return { strategy, steps: effective, minimumMs: observed * stepMs };
}

/** nginx weights are whole numbers: old:new for a percentage on the new version, and the effective percentage. */
export function upstreamWeights(percent: number): { previous: number; next: number; effective: number } {
  if (percent >= 100) return { previous: 0, next: 1, effective: 100 };
  if (percent <= 0) return { previous: 1, next: 0, effective: 0 };
  const divisor = greatestCommonDivisor(percent, 100);
  const next = percent / divisor;
  const previous = (100 - percent) / divisor;
  return { previous, next, effective: Math.round((next / (next + previous)) * 1000) / 10 };
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

export type Verdict = 'pass' | 'fail' | 'inconclusive';

export function judgeWindow(
  requests: number,
  errors: number,
  maxErrorRate: number,
  minRequests: number,
): { verdict: Verdict; rate: number } {
  const rate = requests ? Math.round((errors / requests) * 10000) / 100 : 0;
  if (requests < minRequests) return { verdict: 'inconclusive', rate };
  return { verdict: rate > maxErrorRate ? 'fail' : 'pass', rate };
}

export function renderUpstream(service: string, servers: { port: number; weight: number }[]): string {
  const lines = servers
    .filter((server) => server.weight > 0)
    .map((server) => `    server 127.0.0.1:${server.port} weight=${server.weight};`);
  return `# Written by build-tools deploy-strategy; do not edit by hand.\nupstream ${service} {\n${lines.join('\n')}\n}\n`;
}

/**
 * Canary by replica ratio (traffic: replicas): pods of the new and the old version behind one Service
 * for `percent` of `total` pods. The new version gets at least one pod and the old keeps at least one
 * until 100%, so the weight actually reached — reported — is coarser than asked with few pods.
 */
export function replicaSplit(total: number, percent: number): { candidate: number; active: number; effective: number } {
  if (percent >= 100) return { candidate: total, active: 0, effective: 100 };
  if (percent <= 0) return { candidate: 0, active: total, effective: 0 };
  const candidate = Math.min(Math.max(1, Math.round((total * percent) / 100)), Math.max(1, total - 1));
  const active = Math.max(1, total - candidate);
  return { candidate, active, effective: Math.round((candidate / (candidate + active)) * 1000) / 10 };
}

/** Weights for a router that takes integers out of 100 (Gateway API backendRefs, ingress-nginx canary-weight). */
export function routeWeights(percent: number): { stable: number; canary: number } {
  const canary = Math.min(100, Math.max(0, Math.round(percent)));
  return { stable: 100 - canary, canary };
}
