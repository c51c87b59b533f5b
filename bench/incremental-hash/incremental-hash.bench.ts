/**
 * incremental-hash against what users run today, in one run, on make-tree.mjs's 50,000-file tree
 * (20 components, ~190 MiB):
 * - plain tree, cold (empty cache): the action vs @actions/glob's hashFiles('**') vs
 *   `find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum`;
 * - git checkout, cold: the action vs `git add -A && git ls-files -s`.
 * Targets: plain ≤ ¼ of the pipeline's time; git checkout ≤ 2× git's own figure.
 * For scale it also times the floor under the plain-tree figure: reading and hashing the same files
 * with the action's own FileHasher, in this process (no start-up, no walk, no record), on one thread
 * and on all — which also shows how much a second thread buys on this machine.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { FileHasher } from '../../src/actions/incremental-hash/file-hashing.js';
import { WALK_FORMAT, walkDirectory } from '../../src/actions/incremental-hash/file-listing.js';
import { ROOT, runAction } from '../../test/harness.js';

const FILES = Number(process.env.BENCH_FILES ?? 50_000);
/** Rounds per workload; the figures are their medians. */
const PLAIN_ROUNDS = 5;
const GIT_ROUNDS = 9;
const scratch = mkdtempSync(join(tmpdir(), 'ih-bench-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const components = Array.from({ length: 20 }, (_, index) => `comp${index}: comp${index}/**`).join('\n');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function seconds(work: () => void): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

/** Seconds to read and hash every file below `root` with `threads` threads, from the action's worker bundle, as the action does from the workspace. */
async function hashingFloor(root: string, threads: number): Promise<number> {
  const previous = process.cwd();
  process.chdir(root);
  try {
    const paths = walkDirectory(root, true);
    const started = performance.now();
    const hasher = new FileHasher(root, WALK_FORMAT, { workerEntry: join(ROOT, 'dist', 'incremental-hash', 'hash.worker.js'), threads });
    for (const path of paths) hasher.add(path);
    await hasher.finish();
    return (performance.now() - started) / 1000;
  } finally {
    process.chdir(previous);
  }
}

/** The step as the runner runs it: from starting node on the bundle to its exit (not the harness's own set-up). */
async function actionSeconds(workspace: string): Promise<{ wall: number; hashing: number }> {
  const run = await runAction('incremental-hash', { workspace, inputs: { components }, runPost: false });
  const wall = run.main.durationMs / 1000;
  if (run.main.exitCode !== 0) throw new Error(run.main.stdout);
  const hashing = Number(/, ([\d.]+) (ms|s)\n/.exec(run.main.stdout)?.[1] ?? Number.NaN);
  return { wall, hashing: /ms\n/.test(run.main.stdout) ? hashing / 1000 : hashing };
}

it('incremental-hash vs hashFiles, find|sha256sum and git', async () => {
  const plain = join(scratch, 'plain');
  execFileSync(process.execPath, [join(__dirname, '..', 'make-tree.mjs'), plain, '--files', String(FILES)], { stdio: 'inherit' });
  const checkout = join(scratch, 'checkout');
  cpSync(plain, checkout, { recursive: true });
  // Warm the page cache the same way for everyone.
  execFileSync('sh', ['-c', `cat $(find ${plain} ${checkout} -type f) > /dev/null 2>&1 || true`]);

  // Medians of alternating rounds: single runs on a shared machine vary by a tenth of a second.
  const rounds = { pipeline: [] as number[], action: [] as number[], hashing: [] as number[] };
  for (let round = 0; round < PLAIN_ROUNDS; round++) {
    rounds.pipeline.push(
      seconds(() => execFileSync('sh', ['-c', 'find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum'], { cwd: plain })),
    );
    const run = await actionSeconds(plain);
    rounds.action.push(run.wall);
    rounds.hashing.push(run.hashing);
  }
  const floor = { one: [] as number[], all: [] as number[] };
  for (let round = 0; round < PLAIN_ROUNDS; round++) {
    floor.one.push(await hashingFloor(plain, 1));
    floor.all.push(await hashingFloor(plain, availableParallelism()));
  }
  const floorOne = median(floor.one);
  const floorAll = median(floor.all);
  const pipeline = median(rounds.pipeline);
  const action = { wall: median(rounds.action), hashing: median(rounds.hashing) };
  const { hashFiles } = await import('@actions/glob');
  const started = performance.now();
  const previous = process.cwd();
  process.env.GITHUB_WORKSPACE = plain;
  process.chdir(plain);
  await hashFiles('**');
  process.chdir(previous);
  const glob = (performance.now() - started) / 1000;

  const git = (...args: string[]) => spawnSync('git', args, { cwd: checkout, stdio: 'ignore' });
  git('init', '-q');
  // Committing 50,000 loose objects would start a background `git gc` that competes for the CPU
  // with whatever is measured next; a CI checkout comes packed.
  git('config', 'gc.auto', '0');
  git('add', '-A');
  git('-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-qm', 'tree');
  // git's own figure in a checkout that already has its index (as a CI checkout does).
  const gitRounds = { git: [] as number[], action: [] as number[] };
  for (let round = 0; round < GIT_ROUNDS; round++) {
    gitRounds.git.push(
      seconds(() => {
        git('add', '-A');
        git('ls-files', '-s');
      }),
    );
    gitRounds.action.push((await actionSeconds(checkout)).wall);
  }
  const gitFigure = median(gitRounds.git);
  const actionInGit = { wall: median(gitRounds.action) };

  const rows = [
    ['workload', 'tool', 'seconds', 'ratio'],
    ['plain tree', 'incremental-hash (cold, whole step)', action.wall.toFixed(3), ''],
    ['plain tree', '  of which listing + hashing', action.hashing.toFixed(3), ''],
    ['plain tree', '  floor: reading + hashing alone, 1 thread', floorOne.toFixed(3), ''],
    [
      'plain tree',
      `  floor: reading + hashing alone, ${availableParallelism()} threads`,
      floorAll.toFixed(3),
      `${(floorOne / floorAll).toFixed(2)}× one thread's speed; ${(floorAll / pipeline).toFixed(2)}× the pipeline`,
    ],
    ['plain tree', 'find | sort | sha256sum', pipeline.toFixed(3), `action ${(action.wall / pipeline).toFixed(2)}× of it (target ≤ 0.25)`],
    ['plain tree', "@actions/glob hashFiles('**')", glob.toFixed(3), `action ${(glob / action.wall).toFixed(1)}× faster (target ≈ 80×)`],
    ['git checkout', 'incremental-hash (cold, whole step)', actionInGit.wall.toFixed(3), ''],
    [
      'git checkout',
      'git add -A && git ls-files -s',
      gitFigure.toFixed(3),
      `action ${(actionInGit.wall / gitFigure).toFixed(2)}× of it (target ≤ 2)`,
    ],
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  console.log(
    `\nincremental-hash, ${FILES} files (medians: plain tree of ${PLAIN_ROUNDS} runs, git checkout of ${GIT_ROUNDS}):\n${rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')).join('\n')}\n`,
  );
});
