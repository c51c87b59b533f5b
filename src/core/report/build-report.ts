/**
 * The build report people look at, from the build-metrics JSON: a self-contained HTML page (inline
 * CSS, no scripts, no external assets) and its Markdown twin for the job summary — a timeline of the
 * stages (what ran side by side, what incremental-hash skipped, what the cache served), tests by tier
 * for each component, coverage, vulnerabilities, image size, deployment, and a trend against the
 * previous run when there is one.
 */
import type { BuildMetrics, StageRecord } from '../metrics/record.js';
import { formatBytes, formatSeconds } from '../metrics/summary.js';
import { escapeHtml, markdownTable } from '../summary.js';

interface TierFigure {
  status: string;
  tests: number;
  seconds: number;
}

/** The tiers of one test stage (one per component when the pipeline fans out). */
interface TestRun {
  stage: StageRecord;
  tiers: [string, TierFigure][];
}

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'];

/** An action's stage fanned out per component records which one in `figures.component`. */
function componentOf(stage: StageRecord): string | undefined {
  return typeof stage.figures.component === 'string' && stage.figures.component ? stage.figures.component : undefined;
}

/** The stage whose result made this one unnecessary: `incremental-hash` when nothing had changed. */
function skippedBy(stage: StageRecord): string | undefined {
  return stage.status === 'skipped' && typeof stage.figures.skipped_by === 'string' ? stage.figures.skipped_by : undefined;
}

function stageTitle(stage: StageRecord): string {
  const component = componentOf(stage);
  return `${stage.name}${component ? ` · ${component}` : ''}${stage.phase === 'post' ? ' (post)' : ''}`;
}

function testRuns(metrics: BuildMetrics): TestRun[] {
  return metrics.stages
    .filter((stage) => stage.figures.tiers && typeof stage.figures.tiers === 'object')
    .map((stage) => ({ stage, tiers: Object.entries(stage.figures.tiers as Record<string, TierFigure>) }));
}

function image(metrics: BuildMetrics) {
  return metrics.artifacts.find((artifact) => artifact.kind === 'image');
}

function severe(metrics: BuildMetrics): number {
  return (metrics.findings.critical ?? 0) + (metrics.findings.high ?? 0);
}

function findingsTotal(metrics: BuildMetrics): number {
  return SEVERITIES.reduce((sum, severity) => sum + (metrics.findings[severity] ?? 0), 0);
}

function delta(now: number, before: number | undefined, unit: (value: number) => string): string {
  if (before === undefined) return '';
  const change = now - before;
  if (change === 0) return ' (no change)';
  return ` (${change > 0 ? '+' : '−'}${unit(Math.abs(change))} vs previous)`;
}

/** Whether the stage got anything from the cache: an exact hit, a partial one, or only misses. */
function cacheOutcome(stage: StageRecord): 'hit' | 'partial' | 'miss' | undefined {
  const cache = stage.figures.cache;
  if (!cache || cache.hits + cache.partial_hits + cache.misses === 0) return undefined;
  if (cache.hits) return 'hit';
  return cache.partial_hits ? 'partial' : 'miss';
}

function cacheNote(stage: StageRecord): string {
  const cache = stage.figures.cache;
  if (!cache || cache.hits + cache.partial_hits + cache.misses === 0) return '';
  const parts = [
    cache.hits ? `${cache.hits} hit` : '',
    cache.partial_hits ? `${cache.partial_hits} partial` : '',
    cache.misses ? `${cache.misses} miss` : '',
  ].filter(Boolean);
  return `cache ${parts.join(', ')}${cache.bytes_restored ? ` (${formatBytes(cache.bytes_restored)} restored)` : ''}`;
}

function stageNote(stage: StageRecord): string {
  const parts: string[] = [];
  if (stage.figures.components !== undefined)
    parts.push(`${stage.figures.components_changed}/${stage.figures.components} components changed`);
  const cache = cacheNote(stage);
  if (cache) parts.push(cache);
  if (stage.phase === 'post' && stage.figures.cache?.bytes_saved) parts.push(`${formatBytes(stage.figures.cache.bytes_saved)} saved`);
  if (stage.error && stage.status !== 'success') parts.push(stage.error);
  return parts.join(' · ');
}

function failedStages(metrics: BuildMetrics): StageRecord[] {
  return metrics.stages.filter((stage) => stage.status === 'failure');
}

/** A figure of this run against the previous one; `better` says which direction is good. */
interface TrendRow {
  figure: string;
  now: string;
  before: string;
  change: string;
  verdict: 'better' | 'worse' | 'same' | 'neutral';
}

function trendRows(metrics: BuildMetrics, previous: BuildMetrics): TrendRow[] {
  const rows: TrendRow[] = [];
  const add = (
    figure: string,
    now: number | undefined,
    before: number | undefined,
    show: (value: number) => string,
    /** Which way is good; undefined when neither is (more tests may only mean more components changed). */
    lowerIsBetter: boolean | undefined,
    showChange: (value: number) => string = show,
  ) => {
    if (now === undefined || before === undefined) return;
    const change = Math.round((now - before) * 1000) / 1000;
    rows.push({
      figure,
      now: show(now),
      before: show(before),
      change: change === 0 ? 'no change' : `${change > 0 ? '+' : '−'}${showChange(Math.abs(change))}`,
      verdict: change === 0 ? 'same' : lowerIsBetter === undefined ? 'neutral' : change < 0 === lowerIsBetter ? 'better' : 'worse',
    });
  };
  const plain = (value: number) => String(value);
  add('duration', metrics.duration.total, previous.duration.total, formatSeconds, true);
  add('tests', metrics.tests.total, previous.tests.total, plain, undefined);
  add('failed tests', metrics.tests.failed, previous.tests.failed, plain, true);
  add(
    'coverage',
    metrics.tests.coverage,
    previous.tests.coverage,
    (value) => `${value}%`,
    false,
    (value) => `${value.toFixed(1)} pp`,
  );
  add(
    'cache hit rate',
    Math.round(metrics.cache.hit_rate * 100),
    Math.round(previous.cache.hit_rate * 100),
    (value) => `${value}%`,
    false,
    (value) => `${value} pp`,
  );
  add('critical and high findings', severe(metrics), severe(previous), plain, true);
  add('all findings', findingsTotal(metrics), findingsTotal(previous), plain, true);
  add('image size', image(metrics)?.bytes, image(previous)?.bytes, formatBytes, true);
  return rows;
}

/** Per component when several test stages measured coverage (the job figure is the last one's). */
function coverageDetail(metrics: BuildMetrics, previous: BuildMetrics | undefined): string {
  const measured = testRuns(metrics).filter(({ stage }) => stage.figures.tests?.coverage !== undefined);
  if (measured.length > 1)
    return measured.map(({ stage }) => `${componentOf(stage) ?? stage.name} ${stage.figures.tests?.coverage}%`).join(', ');
  const now = metrics.tests.coverage;
  const before = previous?.tests.coverage;
  return now !== undefined && before !== undefined ? delta(now, before, (value) => `${value.toFixed(1)} pp`).trim() : '';
}

function deploymentLine(metrics: BuildMetrics): string | undefined {
  const deploy = metrics.deploy;
  if (!deploy) return undefined;
  return [
    `${deploy.strategy}${deploy.environment ? ` to ${deploy.environment}` : ''} → ${deploy.result}`,
    deploy.traffic !== undefined ? `${deploy.traffic}% traffic` : '',
    deploy.revision ? `revision ${deploy.revision}` : '',
    deploy.rollback_reason ? `reason: ${deploy.rollback_reason}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** When a stage started, counted from the first stage. */
function offset(seconds: number): string {
  return seconds < 1 ? '+0 s' : `+${formatSeconds(seconds)}`;
}

export function renderMarkdownReport(metrics: BuildMetrics, previous?: BuildMetrics): string {
  const lines: string[] = [`## Build report — ${metrics.status === 'success' ? '✅ success' : `❌ ${metrics.status}`}`, ''];
  for (const stage of failedStages(metrics)) lines.push(`- ❌ **${stageTitle(stage)}**${stage.error ? `: ${stage.error}` : ''}`);
  if (failedStages(metrics).length) lines.push('');
  lines.push(
    `Total ${formatSeconds(metrics.duration.total)}${delta(metrics.duration.total, previous?.duration.total, formatSeconds)} · ` +
      `tests ${metrics.tests.passed}/${metrics.tests.total} passed${metrics.tests.coverage !== undefined ? ` · coverage ${metrics.tests.coverage}%` : ''} · ` +
      `cache hit rate ${Math.round(metrics.cache.hit_rate * 100)}%`,
    '',
  );
  const start = Math.min(...metrics.stages.map((stage) => Date.parse(stage.start)));
  // The start offset shows what ran side by side; the cache column, what the cache served.
  lines.push(
    markdownTable(
      ['stage', 'status', 'start', 'duration', 'cache', 'notes'],
      metrics.stages.map((stage) => [
        stageTitle(stage),
        skippedBy(stage) === 'incremental-hash' ? 'skipped (unchanged)' : stage.status,
        offset((Date.parse(stage.start) - start) / 1000),
        stage.status === 'skipped' ? '—' : formatSeconds(stage.duration),
        cacheOutcome(stage) ?? '',
        stageNote(stage),
      ]),
    ),
    '',
  );
  const runs = testRuns(metrics);
  const perComponent = runs.some(({ stage }) => componentOf(stage));
  if (runs.length)
    lines.push(
      markdownTable(
        [...(perComponent ? ['component'] : []), 'tier', 'status', 'tests', 'duration'],
        runs.flatMap(({ stage, tiers }) =>
          tiers.map(([name, tier]) => [
            ...(perComponent ? [componentOf(stage) ?? ''] : []),
            name,
            tier.status,
            tier.tests,
            formatSeconds(tier.seconds),
          ]),
        ),
      ),
      '',
    );
  const findings = Object.entries(metrics.findings).filter(([, count]) => count > 0);
  lines.push(
    `Vulnerabilities and findings: ${findings.length ? findings.map(([severity, count]) => `${count} ${severity}`).join(', ') : 'none'}`,
  );
  const built = image(metrics);
  if (built)
    lines.push(
      `Image: ${built.name}, ${formatBytes(built.bytes ?? 0)}${delta(built.bytes ?? 0, previous ? image(previous)?.bytes : undefined, formatBytes)}`,
    );
  const deployment = deploymentLine(metrics);
  if (deployment) lines.push(`Deployment: ${deployment}`);
  if (previous) {
    lines.push(
      '',
      `### Against the previous run (${previous.build_id})`,
      '',
      markdownTable(
        ['figure', 'this run', 'previous', 'change'],
        trendRows(metrics, previous).map((row) => [
          row.figure,
          row.now,
          row.before,
          `${row.verdict === 'better' ? '🟢 ' : row.verdict === 'worse' ? '🔴 ' : ''}${row.change}`,
        ]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Fills for drawn shapes; text uses darker shades (see the style sheet) so the two never share a colour. */
const STATUS_FILL: Record<string, string> = {
  success: '#2da44e',
  passed: '#2da44e',
  failure: '#cf222e',
  failed: '#cf222e',
  cancelled: '#bf8700',
  skipped: '#8c959f',
};

/** Round seconds between axis ticks: at most about eight ticks over `span` seconds. */
function tickStep(span: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  return steps.find((step) => span / step <= 8) ?? Math.ceil(span / 8 / 3600) * 3600;
}

function tickLabel(second: number): string {
  if (second < 60) return `${second} s`;
  return `${Math.floor(second / 60)} min${second % 60 ? ` ${second % 60} s` : ''}`;
}

function timeline(metrics: BuildMetrics): string {
  if (!metrics.stages.length) return '<p>No stage recorded.</p>';
  const start = Math.min(...metrics.stages.map((stage) => Date.parse(stage.start)));
  const spanMs = Math.max(1000, ...metrics.stages.map((stage) => Date.parse(stage.start) - start + stage.duration * 1000));
  const percent = (ms: number) => `${((ms / spanMs) * 100).toFixed(2)}%`;
  const step = tickStep(spanMs / 1000);
  const ticks: string[] = [];
  // A tick too close to the right end would not fit its label.
  for (let second = 0; second * 1000 <= spanMs * 0.92; second += step)
    ticks.push(`<span class="tick" style="left:${percent(second * 1000)}">${escapeHtml(tickLabel(second))}</span>`);
  const rows = metrics.stages.map((stage) => {
    const left = Date.parse(stage.start) - start;
    const cache = cacheOutcome(stage);
    const note = stageNote(stage);
    const bar =
      stage.status === 'skipped'
        ? `<div class="bar skipped" style="left:${percent(left)}"></div>`
        : `<div class="bar" style="left:${percent(left)};width:max(4px,${percent(stage.duration * 1000)});background:${STATUS_FILL[stage.status] ?? '#57606a'}"></div>`;
    return (
      `<div class="row stage-${escapeHtml(stage.status)}" data-stage="${escapeHtml(stageTitle(stage))}">` +
      `<div class="label">${escapeHtml(stage.name)}${componentOf(stage) ? ` <span class="component">${escapeHtml(componentOf(stage) ?? '')}</span>` : ''}${stage.phase === 'post' ? ' <small>post</small>' : ''}</div>` +
      `<div class="track">${bar}</div>` +
      `<div class="cache">${cache ? `<span class="chip cache-${cache}" title="${escapeHtml(cacheNote(stage))}">cache ${cache}</span>` : ''}${skippedBy(stage) ? `<span class="chip unchanged" title="skipped by ${escapeHtml(skippedBy(stage) ?? '')}">unchanged</span>` : ''}</div>` +
      `<div class="value"><b>${escapeHtml(stage.status === 'skipped' ? 'skipped' : formatSeconds(stage.duration))}</b>${stage.status !== 'skipped' && stage.status !== 'success' ? ` · <span class="text-${escapeHtml(stage.status)}">${escapeHtml(stage.status)}</span>` : ''}${note ? ` · ${escapeHtml(note)}` : ''}</div>` +
      '</div>'
    );
  });
  return `<div class="legend"><span><i class="swatch" style="background:${STATUS_FILL.success}"></i>succeeded</span><span><i class="swatch" style="background:${STATUS_FILL.failure}"></i>failed</span><span><i class="swatch skipped"></i>skipped</span><span><span class="chip unchanged">unchanged</span> skipped by incremental-hash</span><span><span class="chip cache-hit">cache hit</span> <span class="chip cache-partial">cache partial</span> <span class="chip cache-miss">cache miss</span></span></div>
<div id="timeline">
<div class="row axis"><div class="ticks">${ticks.join('')}</div></div>
${rows.join('\n')}
</div>`;
}

function testTables(metrics: BuildMetrics): string {
  const runs = testRuns(metrics);
  if (!runs.length) return '';
  const body = runs
    .map(({ stage, tiers }) => {
      const tests = stage.figures.tests;
      const heading = `${escapeHtml(componentOf(stage) ?? stage.name)}${tests ? ` — ${tests.passed}/${tests.total} passed${tests.failed ? `, <span class="text-failure">${tests.failed} failed</span>` : ''}${tests.coverage !== undefined ? `, coverage ${tests.coverage}%` : ''}` : ''}`;
      const rows = tiers
        .map(
          ([name, tier]) =>
            `<tr class="tier-${escapeHtml(tier.status)}"><td>${escapeHtml(name)}</td><td><span class="pill pill-${escapeHtml(tier.status)}">${escapeHtml(tier.status)}</span></td><td class="number">${tier.tests}</td><td class="number">${escapeHtml(formatSeconds(tier.seconds))}</td></tr>`,
        )
        .join('');
      return `<div class="tests"><h3>${heading}</h3><table><tr><th>tier</th><th>status</th><th>tests</th><th>duration</th></tr>${rows}</table></div>`;
    })
    .join('\n');
  return `<h2>Tests by tier</h2>\n<div class="test-runs">${body}</div>`;
}

function trendTable(metrics: BuildMetrics, previous: BuildMetrics | undefined): string {
  if (!previous) return '';
  const rows = trendRows(metrics, previous)
    .map(
      (row) =>
        `<tr><td>${escapeHtml(row.figure)}</td><td class="number">${escapeHtml(row.now)}</td><td class="number">${escapeHtml(row.before)}</td><td class="number trend-${row.verdict}">${escapeHtml(row.change)}</td></tr>`,
    )
    .join('');
  return `<h2>Against the previous run</h2>
<div class="sub">build ${escapeHtml(previous.build_id)} · ${escapeHtml(previous.ref)} · ${escapeHtml(previous.timestamp)} · ${escapeHtml(previous.status)}</div>
<table id="trend"><tr><th>figure</th><th>this run</th><th>previous</th><th>change</th></tr>${rows}</table>`;
}

export function renderHtmlReport(metrics: BuildMetrics, previous?: BuildMetrics): string {
  const built = image(metrics);
  const card = (title: string, value: string, detail = '', tone = '') =>
    `<div class="card${tone ? ` ${tone}` : ''}"><div class="title">${escapeHtml(title)}</div><div class="big">${escapeHtml(value)}</div><div class="detail">${escapeHtml(detail)}</div></div>`;
  const failures = failedStages(metrics)
    .map((stage) => `<li><b>${escapeHtml(stageTitle(stage))}</b>${stage.error ? `: ${escapeHtml(stage.error)}` : ''}</li>`)
    .join('');
  const deploy = metrics.deploy;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Build report ${escapeHtml(metrics.build_id)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:24px;color:#1f2328;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}h3{font-size:14px;margin:0 0 4px} .sub{color:#57606a;margin-bottom:12px}
ul.failures{margin:8px 0;padding-left:20px;color:#a40e26}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:150px;max-width:320px}.card.bad{border-color:#ff8182}
.card .title{color:#57606a;font-size:12px;text-transform:uppercase}.card .big{font-size:22px;font-weight:600}.card .detail{color:#57606a;font-size:12px;overflow-wrap:anywhere}
.legend{display:flex;gap:16px;flex-wrap:wrap;color:#57606a;font-size:12px;margin-bottom:6px;align-items:center}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-2px;margin-right:4px}
.row{display:grid;grid-template-columns:minmax(120px,230px) minmax(200px,1fr) 96px minmax(160px,360px);grid-template-areas:'label track cache value';gap:8px;align-items:center;min-height:24px;border-top:1px solid #f0f2f4}
.label{grid-area:label}.track,.ticks{grid-area:track}.cache{grid-area:cache}.value{grid-area:value}
@media (max-width:820px){body{margin:12px}.row{grid-template-columns:minmax(0,1fr) 96px;grid-template-areas:'label cache' 'track track' 'value value';gap:2px 8px;padding:4px 0}.row.axis{grid-template-areas:'track track'}}
.row.axis{border-top:0;min-height:18px}.ticks{position:relative;height:18px;border-bottom:1px solid #d0d7de}
.tick{position:absolute;white-space:nowrap;bottom:1px;font-size:11px;color:#57606a;border-left:1px solid #d0d7de;padding-left:3px;height:16px;line-height:16px}
.stage-failure .label{color:#a40e26;font-weight:600}.label{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}.component{color:#57606a;background:#f6f8fa;border:1px solid #d0d7de;border-radius:10px;padding:0 6px;font-size:12px}
.track{position:relative;height:16px;background:#f6f8fa;border-radius:3px}.bar{position:absolute;top:0;height:16px;border-radius:3px}
.bar.skipped{margin-left:-5px}.bar.skipped,.swatch.skipped{width:10px;background:repeating-linear-gradient(135deg,#8c959f 0 3px,#eaeef2 3px 6px)}
.chip{display:inline-block;font-size:11px;line-height:16px;padding:0 6px;border-radius:8px;white-space:nowrap}
.unchanged{background:#8250df;color:#fff}.cache-hit{background:#0969da;color:#fff}.cache-partial{background:#54aeff;color:#0a3069}.cache-miss{background:#fff;color:#57606a;border:1px solid #8c959f;line-height:14px}
.value{color:#57606a;font-size:12px}.value b{color:#1f2328;font-weight:600}
.text-failure{color:#a40e26;font-weight:600}.text-cancelled{color:#7d4e00}.text-success{color:#1a7f37}
.test-runs{display:flex;gap:24px;flex-wrap:wrap}
table{border-collapse:collapse;margin:4px 0}td,th{border:1px solid #d0d7de;padding:4px 10px;text-align:left}td.number{text-align:right}
.pill{display:inline-block;padding:0 8px;border-radius:10px;color:#fff;font-size:12px;line-height:18px}
.pill-passed{background:#2da44e}.pill-failed{background:#cf222e}.pill-skipped{background:#8c959f}
tr.tier-failed td{background:#ffebe9}
.trend-better{color:#1a7f37}.trend-worse{color:#a40e26}.trend-same,.trend-neutral{color:#57606a}
.status-success{color:#1a7f37}.status-failure{color:#a40e26}.status-cancelled{color:#7d4e00}
</style></head><body>
<h1>Build report — <span class="status-${escapeHtml(metrics.status)}">${escapeHtml(metrics.status)}</span></h1>
<div class="sub">${escapeHtml(metrics.repository || 'local')} · ${escapeHtml(metrics.ref)} · build ${escapeHtml(metrics.build_id)} · ${escapeHtml(metrics.timestamp)}</div>
${failures ? `<ul class="failures">${failures}</ul>` : ''}
<div class="cards">
${card('Duration', formatSeconds(metrics.duration.total), delta(metrics.duration.total, previous?.duration.total, formatSeconds).trim())}
${
  metrics.tests.total
    ? card(
        'Tests',
        `${metrics.tests.passed}/${metrics.tests.total}`,
        `${metrics.tests.failed} failed, ${metrics.tests.skipped} skipped${metrics.tests.flaky ? `, ${metrics.tests.flaky} flaky` : ''}`,
        metrics.tests.failed ? 'bad' : '',
      )
    : card('Tests', '—', 'no test ran')
}
${card('Coverage', metrics.tests.coverage !== undefined ? `${metrics.tests.coverage}%` : '—', coverageDetail(metrics, previous))}
${card('Cache hit rate', `${Math.round(metrics.cache.hit_rate * 100)}%`, `${metrics.cache.hits} hit, ${metrics.cache.partial_hits} partial, ${metrics.cache.misses} miss · ${formatBytes(metrics.cache.bytes_restored)} restored`)}
${card('Vulnerabilities', String(findingsTotal(metrics)), SEVERITIES.map((severity) => `${metrics.findings[severity] ?? 0} ${severity}`).join(', '), severe(metrics) ? 'bad' : '')}
${card('Image', built ? formatBytes(built.bytes ?? 0) : '—', built ? `${built.name}${delta(built.bytes ?? 0, previous ? image(previous)?.bytes : undefined, formatBytes)}` : 'not built')}
${card('Deployment', deploy ? deploy.result : '—', deploy ? (deploymentLine(metrics) ?? '') : 'not deployed', deploy && deploy.result !== 'promoted' ? 'bad' : '')}
</div>
<h2>Timeline</h2>
${timeline(metrics)}
${testTables(metrics)}
${trendTable(metrics, previous)}
</body></html>
`;
}
