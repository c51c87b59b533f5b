import { describe, expect, it } from 'vitest';
import { JOB_LIMIT_MS, judgeWindow, makePlan, renderUpstream, replicaSplit, routeWeights, upstreamWeights } from './plan.js';

describe('deployment plan', () => {
  it('observes each canary step below 100% for step-duration, and nothing for the others', () => {
    expect(makePlan('canary', [5, 10, 25, 50, 75, 100], 300_000)).toEqual({
      strategy: 'canary',
      steps: [5, 10, 25, 50, 75, 100],
      minimumMs: 1_500_000,
    });
    expect(makePlan('blue-green', [5, 100], 300_000)).toEqual({ strategy: 'blue-green', steps: [100], minimumMs: 0 });
    expect(makePlan('canary', [10, 20, 30, 40, 50, 100], 2 * 3_600_000).minimumMs).toBeGreaterThan(JOB_LIMIT_MS);
  });

  it('turns percentages into whole nginx weights and reports the effective share', () => {
    expect(upstreamWeights(5)).toEqual({ previous: 19, next: 1, effective: 5 });
    expect(upstreamWeights(25)).toEqual({ previous: 3, next: 1, effective: 25 });
    expect(upstreamWeights(33)).toEqual({ previous: 67, next: 33, effective: 33 });
    expect(upstreamWeights(100)).toEqual({ previous: 0, next: 1, effective: 100 });
  });

  it('judges a window, and calls too few requests inconclusive rather than a pass', () => {
    expect(judgeWindow(100, 5, 1, 20)).toEqual({ verdict: 'fail', rate: 5 });
    expect(judgeWindow(100, 1, 1, 20)).toEqual({ verdict: 'pass', rate: 1 });
    expect(judgeWindow(10, 0, 1, 20)).toEqual({ verdict: 'inconclusive', rate: 0 });
  });

  it('writes an upstream block without servers of weight 0', () => {
    expect(
      renderUpstream('shop', [
        { port: 8081, weight: 0 },
        { port: 8082, weight: 1 },
      ]),
    ).toBe('# Written by build-tools deploy-strategy; do not edit by hand.\nupstream shop {\n    server 127.0.0.1:8082 weight=1;\n}\n');
  });

  it('splits replicas by the ratio, with at least one pod of each version below 100%, and reports the weight reached', () => {
    expect(replicaSplit(4, 5)).toEqual({ candidate: 1, active: 3, effective: 25 });
    expect(replicaSplit(4, 50)).toEqual({ candidate: 2, active: 2, effective: 50 });
    expect(replicaSplit(4, 90)).toEqual({ candidate: 3, active: 1, effective: 75 });
    expect(replicaSplit(10, 25)).toEqual({ candidate: 3, active: 7, effective: 30 });
    expect(replicaSplit(20, 5)).toEqual({ candidate: 1, active: 19, effective: 5 });
    expect(replicaSplit(3, 10)).toEqual({ candidate: 1, active: 2, effective: 33.3 });
    // One pod cannot be split: the new one runs beside the old, half the traffic each.
    expect(replicaSplit(1, 10)).toEqual({ candidate: 1, active: 1, effective: 50 });
    expect(replicaSplit(4, 100)).toEqual({ candidate: 4, active: 0, effective: 100 });
    expect(replicaSplit(4, 0)).toEqual({ candidate: 0, active: 4, effective: 0 });
  });

  it('gives routers integer weights out of 100', () => {
    expect(routeWeights(5)).toEqual({ stable: 95, canary: 5 });
    expect(routeWeights(100)).toEqual({ stable: 0, canary: 100 });
    expect(routeWeights(0)).toEqual({ stable: 100, canary: 0 });
    expect(routeWeights(33.4)).toEqual({ stable: 67, canary: 33 });
  });
});
