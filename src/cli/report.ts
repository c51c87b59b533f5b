/**
 * `build-tools report`: one build report from the build-metrics files of several jobs (the reusable
 * workflow's jobs each upload theirs; its report job downloads them all and runs this), with a trend
 * against a previous run's metrics when one is given.
 */
import { appendFileSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aggregate, type BuildMetrics } from '../core/metrics/record.js';
import { readCheckedMetrics } from '../core/metrics/schema.js';
import { renderHtmlReport, renderMarkdownReport } from '../core/report/build-report.js';

/** The build-metrics JSON files among `paths`: files as given, folders searched for `build-metrics*.json`. */
export function findMetricsFiles(paths: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (path: string, named: boolean) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry), false);
    } else if (named || /^build-metrics.*\.json$/.test(path.split('/').at(-1) ?? '')) found.push(path);
  };
  for (const path of paths) visit(path, true);
  return found;
}

/**
 * The jobs' metrics as one run's: every stage, in the order they started, with the job-level figures
 * recomputed. The run's identity is the first job's, named for the whole run.
 */
export function mergeMetrics(jobs: readonly BuildMetrics[]): BuildMetrics {
  const [first] = jobs;
  if (!first) throw new Error('no build metrics to merge');
  const stages = jobs.flatMap((job) => job.stages).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const jobNames = [...new Set(jobs.map((job) => job.job).filter(Boolean))];
  return aggregate(
    {
      build_id: `${first.run_id || 'local'}-${first.run_attempt}`,
      repository: first.repository,
      ref: first.ref,
      sha: first.sha,
      run_id: first.run_id,
      run_attempt: first.run_attempt,
      job: jobNames.join(', '),
    },
    stages,
  );
}

export interface ReportOptions {
  paths: string[];
  previous?: string;
  html: string;
  markdown?: string;
  /** Where to write the merged metrics (the next run's `previous`). */
  json?: string;
  write: (text: string) => void;
}

export function writeReport(options: ReportOptions): number {
  const missing = options.paths.filter((path) => !existsSync(path));
  if (missing.length) throw new Error(`no such file or folder: ${missing.join(', ')}`);
  const jobs: BuildMetrics[] = [];
  for (const file of findMetricsFiles(options.paths)) {
    const metrics = readCheckedMetrics(file);
    if (metrics) jobs.push(metrics);
    else options.write(`Warning: ${file} is not build metrics of this version; left out of the report\n`);
  }
  if (!jobs.length) throw new Error(`no build-metrics files in ${options.paths.join(', ')}`);
  const metrics = mergeMetrics(jobs);
  const previous = options.previous ? readCheckedMetrics(options.previous) : undefined;
  if (options.previous && !previous) options.write(`Warning: ${options.previous} gives no trend (missing or not build metrics)\n`);
  writeFileSync(options.html, renderHtmlReport(metrics, previous));
  const markdown = renderMarkdownReport(metrics, previous);
  if (options.markdown) writeFileSync(options.markdown, markdown);
  if (options.json) writeFileSync(options.json, `${JSON.stringify(metrics, null, 2)}\n`);
  // On a runner the Markdown version is the job summary.
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  options.write(
    `Report of ${jobs.length} job${jobs.length === 1 ? '' : 's'}, ${metrics.stages.length} stages (${metrics.status}): ${options.html}\n`,
  );
  return 0;
}
