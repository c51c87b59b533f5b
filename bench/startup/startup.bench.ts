/**
 * Start-up cost of every action bundle: each run of each action pays it. Runs each compiled
 * dist/<action>/index.js under the runner's Node with an input it rejects (the bundle loads, parses
 * its inputs, writes its error, summary and metrics, and exits) and reports the median of 15 runs,
 * against the 0.15 s budget and actions/setup-node's 0.49 s measured on this machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { ROOT, runnerNode } from '../../test/harness.js';

const BUDGET_SECONDS = 0.15;
const SETUP_NODE_SECONDS = 0.49;
const RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function timeRuns(args: string[], env: NodeJS.ProcessEnv): number {
  const seconds: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    spawnSync(runnerNode(), args, { env, stdio: 'ignore' });
    seconds.push((performance.now() - started) / 1000);
  }
  return median(seconds);
}

it('every action bundle starts and finishes a run that does little within the budget', () => {
  const temp = mkdtempSync(join(tmpdir(), 'startup-'));
  const files = Object.fromEntries(['OUTPUT', 'STATE', 'ENV', 'PATH', 'STEP_SUMMARY'].map((name) => [`GITHUB_${name}`, join(temp, name)]));
  for (const file of Object.values(files)) writeFileSync(file, '');
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, RUNNER_TEMP: temp, ...files, 'INPUT_METRICS-ENDPOINT': 'not-a-url' };
  const baseline = timeRuns(['-e', ''], env);
  const rows: string[][] = [['bundle', 'median s', 'vs budget 0.15 s', 'vs setup-node 0.49 s']];
  rows.push(['node -e "" (floor)', baseline.toFixed(3), '', '']);
  const actions = readdirSync(join(ROOT, 'dist')).filter((name) => name !== 'cli' && existsSync(join(ROOT, 'dist', name, 'index.js')));
  for (const name of actions.sort()) {
    const seconds = timeRuns([join(ROOT, 'dist', name, 'index.js')], env);
    rows.push([
      name,
      seconds.toFixed(3),
      `${(seconds / BUDGET_SECONDS).toFixed(2)}×${seconds <= BUDGET_SECONDS ? ' ✓' : ' ✗'}`,
      `${(SETUP_NODE_SECONDS / seconds).toFixed(1)}× faster`,
    ]);
  }
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  console.log(
    `\nStart-up, median of ${RUNS} runs under ${runnerNode()}:\n${rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')).join('\n')}\n`,
  );
});
