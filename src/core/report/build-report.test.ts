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

describe('the build report', () => {
  const metrics = aggregate(identity, [
    stage('incremental-hash', '2026-01-01T00:00:00Z', 0.2, { components: 3, components_changed: 1 }),
    stage('run-test-pyramid', '2026-01-01T00:00:01Z', 10, {
      tests: { total: 12, passed: 11, failed: 1, skipped: 0, coverage: 84.2 },
      tiers: { unit: { status: 'passed', tests: 10, seconds: 4 }, integration: { status: 'failed', tests: 2, seconds: 6 } },
    }),
    stage('docker-package', '2026-01-01T00:00:01Z', 8, { artifacts: [{ name: 'org/app:1', kind: 'image', bytes: 52_428_800 }] }),
    stage('security-scan', '2026-01-01T00:00:12Z', 2, { findings: { high: 2, low: 1 } }, 'failure'),
    { ...stage('deploy-strategy', '2026-01-01T00:00:14Z', 0), status: 'skipped', error: 'not configured' },
  ]);
  const previous = aggregate(identity, [
    stage('docker-package', '2026-01-01T00:00:00Z', 20, { artifacts: [{ name: 'org/app:0', kind: 'image', bytes: 41_943_040 }] }),
  ]);

  it('renders a self-contained page with the timeline, tests by tier, findings, image size and the trend', () => {
    const html = renderHtmlReport(metrics, previous);
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain('status-failure');
    expect((html.match(/class="row"/g) ?? []).length).toBe(5);
    // Stages that ran side by side start at the same place on the timeline.
    expect(html).toMatch(/left:7\.14%;width:71\.43%[\s\S]*left:7\.14%;width:57\.14%/);
    expect(html).toContain('<td>integration</td><td>failed</td><td>2</td>');
    expect(html).toContain('2 high, 0 medium, 1 low');
    expect(html).toContain('50.0 MiB');
    expect(html).toContain('+10.0 MiB vs previous');
    expect(html).toContain('1/3 components changed');
    expect(html).toContain('not configured');
  });

  it('renders the same figures as Markdown for the job summary', () => {
    const markdown = renderMarkdownReport(metrics, previous);
    expect(markdown).toContain('## Build report — ❌ failure');
    expect(markdown).toContain('coverage 84.2%');
    expect(markdown).toContain('| integration | failed | 2 | 6.0 s |');
    expect(markdown).toContain('Vulnerabilities and findings: 2 high, 1 low');
  });
});
