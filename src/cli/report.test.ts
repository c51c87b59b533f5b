import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aggregate, type BuildMetrics } from '../core/metrics/record.js';
import { readCheckedMetrics } from '../core/metrics/schema.js';
import { findMetricsFiles, mergeMetrics, writeReport } from './report.js';

const fixture = (name: string): BuildMetrics =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../test/fixtures/build-report', name), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'bt-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The fixture run as the reusable workflow would leave it: one metrics file per job. */
function splitIntoJobs(run: BuildMetrics): BuildMetrics[] {
  const jobOf = (name: string) =>
    name === 'run-test-pyramid' || name === 'setup-deps' ? 'test' : name === 'incremental-hash' ? 'changes' : 'package';
  return ['changes', 'test', 'package'].map((job) =>
    aggregate(
      { ...run, build_id: `${run.run_id}-${run.run_attempt}-${job}`, job },
      run.stages.filter((stage) => jobOf(stage.name) === job),
    ),
  );
}

describe('build-tools report', () => {
  it("merges the jobs' metrics into the run's: every stage in start order, figures recomputed", () => {
    const run = fixture('metrics.json');
    const merged = mergeMetrics(splitIntoJobs(run).reverse());
    expect(merged.stages.map((stage) => stage.start)).toEqual(run.stages.map((stage) => stage.start).sort());
    expect(merged.tests).toEqual(run.tests);
    expect(merged.cache).toEqual(run.cache);
    expect(merged.findings).toEqual(run.findings);
    expect(merged.deploy).toEqual(run.deploy);
    expect(merged.status).toBe('failure');
    expect(merged.build_id).toBe(`${run.run_id}-${run.run_attempt}`);
    expect(merged.job).toBe('package, test, changes');
  });

  it('finds metrics files in folders, writes the HTML and Markdown, and leaves out what is not build metrics', () => {
    const downloads = join(scratch, 'downloads');
    const jobs = splitIntoJobs(fixture('metrics.json'));
    jobs.forEach((job, index) => {
      mkdirSync(join(downloads, `build-metrics-${job.job}`), { recursive: true });
      writeFileSync(join(downloads, `build-metrics-${job.job}`, `build-metrics-${index}.json`), JSON.stringify(job));
    });
    writeFileSync(join(downloads, 'build-metrics-broken.json'), '{"schema_version": 1');
    writeFileSync(join(downloads, 'other.json'), '{}');
    expect(findMetricsFiles([downloads]).map((file) => file.slice(downloads.length + 1))).toEqual([
      'build-metrics-broken.json',
      'build-metrics-changes/build-metrics-0.json',
      'build-metrics-package/build-metrics-2.json',
      'build-metrics-test/build-metrics-1.json',
    ]);
    const previous = join(scratch, 'previous.json');
    writeFileSync(previous, JSON.stringify(fixture('previous-metrics.json')));
    const printed: string[] = [];
    const html = join(scratch, 'report.html');
    const markdown = join(scratch, 'report.md');
    const merged = join(scratch, 'merged-metrics.json');
    writeReport({ paths: [downloads], previous, html, markdown, json: merged, write: (text) => printed.push(text) });
    // The merged metrics are what the next run reads as its previous run.
    expect(readCheckedMetrics(merged)?.stages).toHaveLength(10);
    expect(printed.join('')).toContain('build-metrics-broken.json is not build metrics of this version; left out');
    expect(printed.join('')).toContain(`Report of 3 jobs, 10 stages (failure): ${html}`);
    expect(readFileSync(html, 'utf8')).toContain('vs previous');
    expect(readFileSync(markdown, 'utf8')).toContain('| run-test-pyramid');
    expect(() => writeReport({ paths: [join(scratch, 'nothing-here')], html, write: () => {} })).toThrow(
      /no such file or folder: .*nothing-here/,
    );
  });
});
