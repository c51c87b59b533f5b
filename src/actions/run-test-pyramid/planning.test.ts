import { describe, expect, it } from 'vitest';
import { lineCoverage, mergeCoverage, parseIstanbul, parseLcov } from './coverage.js';
import { batches, tierScript } from './main.js';
import { evaluatePyramid, parsePyramidPolicy } from './pyramid.js';
import { planShards, splitByCount } from './shard.js';

const same = (file: string) => file;

describe('coverage', () => {
  it('reads lcov and Istanbul and merges per line (covered by any)', () => {
    const lcov = parseLcov('TN:\nSF:src/a.ts\nDA:1,1\nDA:2,0\nDA:3,0\nend_of_record\n', same);
    const istanbul = parseIstanbul(
      JSON.stringify({
        'src/a.ts': { statementMap: { 0: { start: { line: 2 } }, 1: { start: { line: 3 } } }, s: { 0: 4, 1: 0 } },
        'src/b.ts': { statementMap: { 0: { start: { line: 1 } } }, s: { 0: 1 } },
      }),
      same,
    );
    expect(lineCoverage(lcov)).toEqual({ percent: 33.3, total: 3, covered: 1 });
    expect(lineCoverage(mergeCoverage([lcov, istanbul]))).toEqual({ percent: 75, total: 4, covered: 3 });
  });

  it('uses per-file totals from coverage-summary.json when no line data exists', () => {
    const summary = parseIstanbul(
      JSON.stringify({ total: { lines: { total: 99, covered: 1 } }, 'src/c.ts': { lines: { total: 10, covered: 4 } } }),
      same,
    );
    expect(lineCoverage(summary)).toEqual({ percent: 40, total: 10, covered: 4 });
    expect(lineCoverage(new Map()).percent).toBeUndefined();
  });
});

describe('pyramid policy', () => {
  it('parses rules and judges each tier’s share of the tests', () => {
    const rules = parsePyramidPolicy('unit>=50%, e2e<=10%,integration < 30');
    expect(rules).toEqual([
      { tier: 'unit', operator: '>=', percent: 50 },
      { tier: 'e2e', operator: '<=', percent: 10 },
      { tier: 'integration', operator: '<', percent: 30 },
    ]);
    const verdicts = evaluatePyramid(rules, { unit: 40, integration: 40, e2e: 20 });
    expect(verdicts.map((verdict) => [verdict.rule.tier, verdict.actual, verdict.ok])).toEqual([
      ['unit', 40, false],
      ['e2e', 20, false],
      ['integration', 40, false],
    ]);
    expect(evaluatePyramid(rules, { unit: 70, integration: 25, e2e: 5 }).every((verdict) => verdict.ok)).toBe(true);
    expect(() => parsePyramidPolicy('unit≥50')).toThrow(/not a rule like unit>=50%/);
  });
});

describe('sharding', () => {
  // Per-file durations shaped like a real suite: a few slow integration-style files and many quick ones.
  const durations: Record<string, number> = {};
  const files: string[] = [];
  for (let index = 0; index < 60; index++) {
    const file = `tests/test_${String(index).padStart(2, '0')}.py`;
    files.push(file);
    durations[file] = index < 4 ? 40 + index * 5 : index < 15 ? 8 + (index % 5) : 0.5 + (index % 7) * 0.3;
  }

  it('balances shards by recorded durations, longest first, within 10% of the ideal', () => {
    const plan = planShards(files, 4, durations);
    const ideal = Object.values(durations).reduce((sum, seconds) => sum + seconds, 0) / 4;
    expect(Math.max(...plan.loads)).toBeLessThanOrEqual(ideal * 1.1);
    expect(plan.shards.flat().sort()).toEqual([...files].sort());
    const naive = splitByCount(files, 4).map((shard) => shard.reduce((sum, file) => sum + (durations[file] ?? 0), 0));
    expect(Math.max(...naive)).toBeGreaterThan(Math.max(...plan.loads));
  });

  it('splits evenly by count when nothing is known, and every shard computes the same plan', () => {
    const plan = planShards(['a', 'b', 'c', 'd', 'e'], 2, {});
    expect(plan.shards.map((shard) => shard.length).sort()).toEqual([2, 3]);
    expect(plan.unknownFiles).toBe(5);
    expect(planShards(['e', 'd', 'c', 'b', 'a'], 2, {}).shards).toEqual(plan.shards);
  });
});

describe('tiers', () => {
  it('groups a tier that runs alongside the previous one', () => {
    const tier = (name: string, parallel = false) => ({ name, run: 'true', results: 'x', 'parallel-with-previous': parallel });
    expect(batches([tier('unit'), tier('lint', true), tier('integration')]).map((batch) => batch.map((entry) => entry.name))).toEqual([
      ['unit', 'lint'],
      ['integration'],
    ]);
  });

  it('hands shard files to the command as arguments, never as shell text', () => {
    expect(tierScript('pytest {files} -q')).toBe('pytest "$@" -q');
  });
});
