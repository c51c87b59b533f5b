import { describe, expect, it } from 'vitest';
import { aggregate, type StageRecord } from '../metrics/record.js';
import { renderHtmlReport, renderMarkdownReport } from './build-report.js';

const identity = {
  build_id: '9-1-build',
  repository: 'org/app',
  ref: 'refs/heads/main',
  sha: 'abc',
  run_id: '9',
  run_attempt: '1',
  job: 'build',
};
const stage = (
  name: string,
  start: string,
  duration: number,
  figures: StageRecord['figures'] = {},
  status: StageRecord['status'] = 'success',
): StageRecord => ({
  name,
  phase: 'main',
  start,
  duration,
  status,
  figures,
});
const cache = (hits: number, partial: number, misses: number) => ({
  backend: 'local' as const,
  hits,
  partial_hits: partial,
  misses,
  errors: 0,
  bytes_restored: hits * 1024,
  bytes_saved: 0,
  restore_seconds: 0.1,
  save_seconds: 0,
  entries: [],
});

describe('the build report', () => {
  const metrics = aggregate(identity, [
    stage('incremental-hash', '2026-01-01T00:00:00Z', 0.2, { components: 3, components_changed: 1, cache: cache(1, 0, 0) }),
    stage('run-test-pyramid', '2026-01-01T00:00:01Z', 10, {
      tests: { total: 12, passed: 11, failed: 1, skipped: 0, coverage: 84.2 },
      tiers: { unit: { status: 'passed', tests: 10, seconds: 4 }, integration: { status: 'failed', tests: 2, seconds: 6 } },
    }),
    stage('docker-package', '2026-01-01T00:00:01Z', 8, {
      artifacts: [{ name: 'org/app:1', kind: 'image', bytes: 52_428_800 }],
      cache: cache(0, 1, 0),
    }),
    {
      ...stage('security-scan', '2026-01-01T00:00:12Z', 2, { findings: { high: 2, low: 1 } }, 'failure'),
      error: '2 findings at or above high',
    },
    { ...stage('deploy-strategy', '2026-01-01T00:00:14Z', 0), status: 'skipped', error: 'not configured' },
  ]);
  const previous = aggregate(identity, [
    stage('docker-package', '2026-01-01T00:00:00Z', 20, {
      artifacts: [{ name: 'org/app:0', kind: 'image', bytes: 41_943_040 }],
      tests: { total: 10, passed: 10, failed: 0, skipped: 0, coverage: 80 },
      findings: { high: 3 },
    }),
  ]);

  it('renders a self-contained page with the timeline, tests by tier, findings, image size and the trend', () => {
    const html = renderHtmlReport(metrics, previous);
    expect(html).not.toMatch(/<script|<link|src="http|url\(/);
    expect(html).toContain('status-failure');
    expect((html.match(/class="row stage-/g) ?? []).length).toBe(5);
    // Stages that ran side by side start at the same place on the timeline.
    expect(html).toMatch(/left:7\.14%;width:max\(4px,71\.43%\)[\s\S]*left:7\.14%;width:max\(4px,57\.14%\)/);
    expect(html).toContain(
      '<tr class="tier-failed"><td>integration</td><td><span class="pill pill-failed">failed</span></td><td class="number">2</td>',
    );
    expect(html).toContain('2 high, 0 medium, 1 low');
    expect(html).toContain('50.0 MiB');
    expect(html).toContain('+10.0 MiB vs previous');
    expect(html).toContain('1/3 components changed');
    expect(html).toContain('not configured');
    // The failed stage is named at the top with its reason.
    expect(html).toContain('<ul class="failures"><li><b>security-scan</b>: 2 findings at or above high</li></ul>');
    // What the cache served, per stage.
    expect(html).toMatch(/data-stage="incremental-hash"[^\n]*cache-hit/);
    expect(html).toMatch(/data-stage="docker-package"[^\n]*cache-partial/);
    expect(html).not.toMatch(/data-stage="run-test-pyramid"[^\n]*class="chip/);
    // A skipped stage is drawn as a hatched mark, not as a bar of zero length.
    expect(html).toMatch(/data-stage="deploy-strategy"[^\n]*class="bar skipped" style="left:100\.00%"/);
    // Axis ticks every 2 s over 14 s, none crowding the right end.
    expect([...html.matchAll(/class="tick"[^>]*>([^<]*)</g)].map((match) => match[1])).toEqual([
      '0 s',
      '2 s',
      '4 s',
      '6 s',
      '8 s',
      '10 s',
      '12 s',
    ]);
  });

  it('compares with the previous run: better and worse figures', () => {
    const html = renderHtmlReport(metrics, previous);
    const trend = html.slice(html.indexOf('<table id="trend">'));
    expect(trend).toContain(
      '<td>duration</td><td class="number">14.0 s</td><td class="number">20.0 s</td><td class="number trend-better">−6.0 s</td>',
    );
    expect(trend).toContain(
      '<td>coverage</td><td class="number">84.2%</td><td class="number">80%</td><td class="number trend-better">+4.2 pp</td>',
    );
    expect(trend).toContain(
      '<td>failed tests</td><td class="number">1</td><td class="number">0</td><td class="number trend-worse">+1</td>',
    );
    expect(trend).toContain('<td>tests</td><td class="number">12</td><td class="number">10</td><td class="number trend-neutral">+2</td>');
    expect(trend).toContain(
      '<td>critical and high findings</td><td class="number">2</td><td class="number">3</td><td class="number trend-better">−1</td>',
    );
    expect(trend).toContain(
      '<td>image size</td><td class="number">50.0 MiB</td><td class="number">40.0 MiB</td><td class="number trend-worse">+10.0 MiB</td>',
    );
    expect(renderHtmlReport(metrics)).not.toContain('id="trend"');
  });

  it('names the component of a fanned-out stage', () => {
    const fanned = aggregate(identity, [
      stage('run-test-pyramid', '2026-01-01T00:00:00Z', 3, {
        component: 'api',
        tiers: { unit: { status: 'passed', tests: 4, seconds: 1 } },
      }),
      stage(
        'run-test-pyramid',
        '2026-01-01T00:00:00Z',
        5,
        { component: 'web', tiers: { unit: { status: 'failed', tests: 6, seconds: 2 } } },
        'failure',
      ),
    ]);
    const html = renderHtmlReport(fanned);
    expect(html).toContain('data-stage="run-test-pyramid · api"');
    expect(html).toContain('<h3>web</h3>');
    const markdown = renderMarkdownReport(fanned);
    expect(markdown).toContain('| run-test-pyramid · web | failure | +0 s | 5.0 s |');
    expect(markdown).toContain('| web | unit | failed | 6 | 2.0 s |');
  });

  it('marks the stages incremental-hash made unnecessary', () => {
    const unchanged = aggregate(identity, [
      stage('incremental-hash', '2026-01-01T00:00:00Z', 1, { components: 2, components_changed: 0 }),
      {
        ...stage('run-test-pyramid', '2026-01-01T00:00:01Z', 0, { skipped_by: 'incremental-hash' }, 'skipped'),
        error: 'no component changed since the last successful build',
      },
      { ...stage('deploy-strategy', '2026-01-01T00:00:01Z', 0, {}, 'skipped'), error: 'not configured' },
    ]);
    const html = renderHtmlReport(unchanged);
    expect(html).toMatch(/data-stage="run-test-pyramid"[^\n]*<span class="chip unchanged" title="skipped by incremental-hash">unchanged</);
    expect(html).not.toMatch(/data-stage="deploy-strategy"[^\n]*chip unchanged/);
    const markdown = renderMarkdownReport(unchanged);
    expect(markdown).toContain('| run-test-pyramid | skipped (unchanged) |');
    expect(markdown).toContain('| deploy-strategy | skipped |');
  });

  it('renders a run without stages', () => {
    const empty = aggregate(identity, []);
    expect(renderHtmlReport(empty)).toContain('No stage recorded.');
    expect(renderHtmlReport(empty)).toContain(
      '<div class="title">Tests</div><div class="big">—</div><div class="detail">no test ran</div>',
    );
  });

  it('renders the same figures as Markdown for the job summary', () => {
    const markdown = renderMarkdownReport(metrics, previous);
    expect(markdown).toContain('## Build report — ❌ failure');
    expect(markdown).toContain('- ❌ **security-scan**: 2 findings at or above high');
    expect(markdown).toContain('coverage 84.2%');
    expect(markdown).toContain('| run-test-pyramid | success | +1.0 s | 10.0 s |  |');
    expect(markdown).toContain('| docker-package | success | +1.0 s | 8.0 s | partial | cache 1 partial |');
    expect(markdown).toContain('| deploy-strategy | skipped | +14.0 s | — |  | not configured |');
    expect(markdown).toContain('| integration | failed | 2 | 6.0 s |');
    expect(markdown).toContain('Vulnerabilities and findings: 2 high, 1 low');
    expect(markdown).toContain('| image size | 50.0 MiB | 40.0 MiB | 🔴 +10.0 MiB |');
    expect(markdown).toContain('| duration | 14.0 s | 20.0 s | 🟢 −6.0 s |');
  });
});
