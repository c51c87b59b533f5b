/**
 * setup-deps against the actions/setup-node pattern, in one run, on a real project with 300+ packages
 * in its lockfile (jest's dependency tree, locked against the npm registry):
 * cold (empty caches), warm with the download cache, warm with the installed-tree cache, and the
 * setup-node pattern — restore the npm cache folder (a tar archive, as actions/cache stores it), then `npm ci`.
 * Target: the installed-tree hit at most a third of the setup-node pattern's time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { runAction } from '../../test/harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'deps-bench-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it('setup-deps: cold, warm download cache, warm installed tree, and setup-node’s pattern', async () => {
  const project = join(scratch, 'project');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'bench', version: '1.0.0', private: true, devDependencies: { jest: '29.7.0' } }),
  );
  execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, stdio: 'pipe' });
  const packages = Object.keys(JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')).packages).length - 1;
  const runnerTemp = join(scratch, 'temp');
  const cacheDirectory = join(scratch, 'cache');
  const npmCache = join(scratch, 'npm-cache');
  let runId = 0;
  const timed = async (inputs: Record<string, string>) => {
    rmSync(join(project, 'node_modules'), { recursive: true, force: true });
    const started = performance.now();
    const run = await runAction('setup-deps', {
      workspace: project,
      runnerTemp,
      cacheDirectory,
      inputs,
      env: { npm_config_cache: npmCache, GITHUB_RUN_ID: String(++runId) },
    });
    if (run.main.exitCode !== 0) throw new Error(run.main.stdout);
    return (performance.now() - started) / 1000;
  };
  const cold = await timed({ 'cache-installed': 'true' });
  rmSync(npmCache, { recursive: true, force: true });
  const warmDownload = await timed({});
  const warmInstalled = await timed({ 'cache-installed': 'true' });

  // actions/setup-node with cache: npm — actions/cache restores ~/.npm from its archive, then `npm ci`.
  const archive = join(scratch, 'npm-cache.tar');
  execFileSync('tar', ['-cf', archive, '-C', npmCache, '.']);
  rmSync(npmCache, { recursive: true, force: true });
  rmSync(join(project, 'node_modules'), { recursive: true, force: true });
  const started = performance.now();
  execFileSync('mkdir', ['-p', npmCache]);
  execFileSync('tar', ['-xf', archive, '-C', npmCache]);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: project,
    stdio: 'pipe',
    env: { ...process.env, npm_config_cache: npmCache },
  });
  const setupNode = (performance.now() - started) / 1000;

  console.log(
    `\nsetup-deps, ${packages} packages in package-lock.json:\n` +
      `  cold (empty caches)                     ${cold.toFixed(2)} s\n` +
      `  warm, download cache                    ${warmDownload.toFixed(2)} s  (${(warmDownload / setupNode).toFixed(2)}× setup-node)\n` +
      `  warm, installed-tree cache              ${warmInstalled.toFixed(2)} s  (${(warmInstalled / setupNode).toFixed(2)}× setup-node, target ≤ 0.33)\n` +
      `  setup-node pattern (restore + npm ci)   ${setupNode.toFixed(2)} s\n`,
  );
});
