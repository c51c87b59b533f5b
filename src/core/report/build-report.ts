/**
 * The build report people look at, from the build-metrics JSON: a self-contained HTML page (inline
 * CSS, no scripts, no external assets) and its Markdown twin for the job summary — a timeline of the
 * stages, tests by tier, coverage, vulnerabilities, image size, deployment, and a trend against the
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

function tiersOf(metrics: BuildMetrics): Record<string, TierFigure> {
  const stage = metrics.stages.find((candidate) => candidate.figures.tiers);
  return (stage?.figures.tiers as Record<string, TierFigure> | undefined) ?? {};
}

function image(metrics: BuildMetrics) {
  return metrics.artifacts.find((artifact) => artifact.kind === 'image');
}

function delta(now: number, before: number | undefined, unit: (value: number) => string): string {
  if (before === undefined) return '';
  const change = now - before;
  if (change === 0) return ' (no change)';
  return ` (${change > 0 ? '+' : '−'}${unit(Math.abs(change))} vs previous)`;
}

function cacheNote(stage: StageRecord): string {
  const cache = stage.figures.cache;
  if (!cache || cache.hits + cache.partial_hits + cache.misses === 0) return '';
  return `cache ${cache.hits} hit${cache.partial_hits ? `, ${cache.partial_hits} partial` : ''}${cache.misses ? `, ${cache.misses} miss` : ''}`;
}

function stageNote(stage: StageRecord): string {
  const parts: string[] = [];
  if (stage.figures.components !== undefined)
    parts.push(`${stage.figures.components_changed}/${stage.figures.components} components changed`);
  const cache = cacheNote(stage);
  if (cache) parts.push(cache);
  if (stage.status === 'skipped' && stage.error) parts.push(stage.error);
  return parts.join(' · ');
}

export function renderMarkdownReport(metrics: BuildMetrics, previous?: BuildMetrics): string {
  const lines: string[] = [`## Build report — ${metrics.status === 'success' ? '✅ success' : `❌ ${metrics.status}`}`, ''];
  lines.push(
    `Total ${formatSeconds(metrics.duration.total)}${delta(metrics.duration.total, previous?.duration.total, formatSeconds)} · ` +
      `tests ${metrics.tests.passed}/${metrics.tests.total} passed${metrics.tests.coverage !== undefined ? ` · coverage ${metrics.tests.coverage}%` : ''} · ` +
      `cache hit rate ${Math.round(metrics.cache.hit_rate * 100)}%`,
    '',
  );
  lines.push(
    markdownTable(
      ['stage', 'status', 'duration', 'notes'],
      metrics.stages.map((stage) => [
        `${stage.name}${stage.phase === 'post' ? ' (post)' : ''}`,
        stage.status,
        formatSeconds(stage.duration),
        stageNote(stage),
      ]),
    ),
    '',
  );
  const tiers = Object.entries(tiersOf(metrics));
  if (tiers.length)
    lines.push(
      markdownTable(
        ['tier', 'status', 'tests', 'duration'],
        tiers.map(([name, tier]) => [name, tier.status, tier.tests, formatSeconds(tier.seconds)]),
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
  if (metrics.deploy)
    lines.push(
      `Deployment: ${metrics.deploy.strategy} → ${metrics.deploy.result}${metrics.deploy.traffic !== undefined ? ` (${metrics.deploy.traffic}% traffic)` : ''}`,
    );
  return `${lines.join('\n')}\n`;
}

const STATUS_COLOUR: Record<string, string> = { success: '#2da44e', failure: '#cf222e', skipped: '#8c959f', cancelled: '#bf8700' };

export function renderHtmlReport(metrics: BuildMetrics, previous?: BuildMetrics): string {
  const start = Math.min(...metrics.stages.map((stage) => Date.parse(stage.start)));
  const span = Math.max(1, ...metrics.stages.map((stage) => Date.parse(stage.start) - start + stage.duration * 1000));
  const bars = metrics.stages
    .map((stage) => {
      const left = ((Date.parse(stage.start) - start) / span) * 100;
      const width = Math.max(0.8, ((stage.duration * 1000) / span) * 100);
      const note = stageNote(stage);
      return `<div class="row"><div class="label">${escapeHtml(stage.name)}${stage.phase === 'post' ? ' <small>post</small>' : ''}</div><div class="track"><div class="bar" style="left:${left.toFixed(2)}%;width:${width.toFixed(2)}%;background:${STATUS_COLOUR[stage.status] ?? '#57606a'}" title="${escapeHtml(`${stage.status}, ${formatSeconds(stage.duration)}`)}"></div></div><div class="value">${escapeHtml(formatSeconds(stage.duration))} · ${escapeHtml(stage.status)}${note ? ` · ${escapeHtml(note)}` : ''}</div></div>`;
    })
    .join('\n');
  const tiers = Object.entries(tiersOf(metrics))
    .map(
      ([name, tier]) =>
        `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(tier.status)}</td><td>${tier.tests}</td><td>${escapeHtml(formatSeconds(tier.seconds))}</td></tr>`,
    )
    .join('');
  const severities = ['critical', 'high', 'medium', 'low', 'unknown'];
  const built = image(metrics);
  const card = (title: string, value: string, detail = '') =>
    `<div class="card"><div class="title">${escapeHtml(title)}</div><div class="big">${escapeHtml(value)}</div><div class="detail">${escapeHtml(detail)}</div></div>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Build report ${escapeHtml(metrics.build_id)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:24px;color:#1f2328;background:#fff}
h1{font-size:20px;margin:0 0 4px} .sub{color:#57606a;margin-bottom:16px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:150px}
.card .title{color:#57606a;font-size:12px;text-transform:uppercase}.card .big{font-size:22px;font-weight:600}.card .detail{color:#57606a;font-size:12px}
.row{display:grid;grid-template-columns:170px 1fr 320px;gap:8px;align-items:center;margin:4px 0}
.track{position:relative;height:16px;background:#f6f8fa;border-radius:3px}.bar{position:absolute;top:0;height:16px;border-radius:3px}
.value{color:#57606a;font-size:12px} table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d0d7de;padding:4px 10px;text-align:left}
.status-success{color:#2da44e}.status-failure{color:#cf222e}
</style></head><body>
<h1>Build report — <span class="status-${escapeHtml(metrics.status)}">${escapeHtml(metrics.status)}</span></h1>
<div class="sub">${escapeHtml(metrics.repository || 'local')} · ${escapeHtml(metrics.ref)} · build ${escapeHtml(metrics.build_id)} · ${escapeHtml(metrics.timestamp)}</div>
<div class="cards">
${card('Duration', formatSeconds(metrics.duration.total), delta(metrics.duration.total, previous?.duration.total, formatSeconds).trim())}
${card('Tests', `${metrics.tests.passed}/${metrics.tests.total}`, `${metrics.tests.failed} failed, ${metrics.tests.skipped} skipped`)}
${card('Coverage', metrics.tests.coverage !== undefined ? `${metrics.tests.coverage}%` : '—')}
${card('Cache hit rate', `${Math.round(metrics.cache.hit_rate * 100)}%`, `${metrics.cache.hits} hit, ${metrics.cache.partial_hits} partial, ${metrics.cache.misses} miss`)}
${card('Findings', String(severities.reduce((sum, severity) => sum + (metrics.findings[severity] ?? 0), 0)), severities.map((severity) => `${metrics.findings[severity] ?? 0} ${severity}`).join(', '))}
${card('Image', built ? formatBytes(built.bytes ?? 0) : '—', built ? `${built.name}${delta(built.bytes ?? 0, previous ? image(previous)?.bytes : undefined, formatBytes)}` : 'not built')}
${card('Deployment', metrics.deploy ? metrics.deploy.result : '—', metrics.deploy ? `${metrics.deploy.strategy}${metrics.deploy.traffic !== undefined ? `, ${metrics.deploy.traffic}% traffic` : ''}` : 'not deployed')}
</div>
<h2>Timeline</h2>
<div id="timeline">
${bars}
</div>
${tiers ? `<h2>Tests by tier</h2><table><tr><th>tier</th><th>status</th><th>tests</th><th>duration</th></tr>${tiers}</table>` : ''}
</body></html>
`;
}
