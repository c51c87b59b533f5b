/**
 * The local pipeline (`build-tools pipeline`) on the built-in example, twice, through the compiled CLI
 * and actions: without a Docker engine (package and deploy skipped, with their reasons), and with one
 * (the example's image built on a local Python base and deployed blue-green behind the pipeline's nginx).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { ROOT, removeTemporaryFolders, temporaryFolder } from '../harness.js';
import { debootstrapAvailable, importPythonImage } from '../services/debian-rootfs.js';
import { type DockerEngine, dockerEngineAvailable, startDockerEngine } from '../services/docker.js';
import { getText } from '../services/http.js';
import { freePort, portOpen } from '../services/ports.js';

afterAll(removeTemporaryFolders);

interface StageRecord {
  name: string;
  status: string;
  error?: string;
  figures: { deploy?: { result: string; strategy: string; revision?: string } };
}

function copyOfExample(): string {
  const example = temporaryFolder('pipeline-');
  cpSync(join(ROOT, 'examples/toolkit-app'), example, {
    recursive: true,
    filter: (source) => !source.includes('.build-tools') && !source.includes('node_modules'),
  });
  return example;
}

function pipelineRunner(example: string, extraEnv: Record<string, string>) {
  const env = {
    ...process.env,
    BUILD_TOOLS_CACHE_DIR: temporaryFolder('pipeline-cache-'),
    RUNNER_TEMP: temporaryFolder('pipeline-temp-'),
    NO_COLOR: '1',
    ...extraEnv,
  };
  return (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'dist/cli/index.js'), 'pipeline', example, ...args], { encoding: 'utf8', env });
}

function metricsOf(stdout: string): { stages: StageRecord[]; deploy?: { result: string }; cache: { hits: number } } {
  return JSON.parse(readFileSync(/Metrics: (.+)/.exec(stdout)?.[1] as string, 'utf8'));
}

describe('build-tools pipeline', () => {
  it('runs the six stages on the example, writes metrics and reports, and skips what did not change the second time', () => {
    const example = copyOfExample();
    // No engine behind this socket: the artifacts and deploy stages must say so and go on.
    const pipeline = pipelineRunner(example, { DOCKER_HOST: `unix://${join(example, 'no-docker.sock')}` });

    const first = pipeline();
    expect(first.status, first.stdout + first.stderr).toBe(0);
    for (const [index, stage] of [
      'environment validation',
      'dependencies',
      'configuration',
      'tests',
      'artifacts',
      'post-build validation',
    ].entries()) {
      expect(first.stdout).toContain(`[${index + 1}/6] ${stage}`);
    }
    expect(first.stdout).toMatch(/3 of 3 components changed/);
    expect(first.stdout).toMatch(/\*\*4\*\* tests: 4 passed/);
    expect(existsSync(join(example, '.build-tools/report.html'))).toBe(true);
    const runs = join(example, '.build-tools/runs');
    expect(first.stdout).toMatch(/Pipeline passed in/);
    expect(
      metricsOf(first.stdout)
        .stages.filter((stage) => stage.status === 'skipped' && ['docker-package', 'deploy-strategy'].includes(stage.name))
        .map((stage) => `${stage.name}:${stage.status}:${stage.error}`),
    ).toEqual(['docker-package:skipped:no Docker engine is reachable', 'deploy-strategy:skipped:no Docker engine is reachable']);
    expect(first.stdout).not.toContain('nginx front');
    expect(existsSync(join(example, '.build-tools/deploy'))).toBe(false);

    const second = pipeline();
    expect(second.status, second.stdout).toBe(0);
    expect(second.stdout).toMatch(/0 of 3 components changed since the last successful build/);
    expect(second.stdout).toContain('skipped: no component changed since the last successful build');
    expect(second.stdout).toMatch(/setup-deps · .* cache 1 hit/);
    const metrics = metricsOf(second.stdout);
    expect(metrics.cache.hits).toBeGreaterThan(0);
    expect(metrics.stages.map((stage: { name: string; status: string }) => `${stage.name}:${stage.status}`)).toEqual(
      expect.arrayContaining([
        'setup-deps:success',
        'incremental-hash:success',
        'run-test-pyramid:skipped',
        'security-scan:success',
        'deploy-strategy:skipped',
      ]),
    );
    const skippedTests = metrics.stages.find((stage: { name: string; status: string }) => stage.name === 'run-test-pyramid');
    expect(skippedTests?.figures).toEqual({ skipped_by: 'incremental-hash' });
    const report = readFileSync(join(example, '.build-tools/report.html'), 'utf8');
    expect(report).toContain('vs previous');
    expect(report).toMatch(/data-stage="run-test-pyramid"[^\n]*>unchanged</);
    expect(readFileSync(join(example, '.build-tools/report.md'), 'utf8')).toContain('| run-test-pyramid | skipped (unchanged) |');
    expect(existsSync(runs)).toBe(true);

    // `build-tools report`, as the reusable workflow's report job runs it on the jobs' downloaded metrics.
    const summary = join(temporaryFolder('pipeline-summary-'), 'summary.md');
    writeFileSync(summary, '');
    const html = join(example, 'merged.html');
    const merged = spawnSync(process.execPath, [join(ROOT, 'dist/cli/index.js'), 'report', runs, '--html', html], {
      encoding: 'utf8',
      env: { ...process.env, GITHUB_STEP_SUMMARY: summary },
    });
    expect(merged.status, merged.stdout + merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/^Report of 2 jobs, \d+ stages \(success\): /);
    expect(readFileSync(html, 'utf8')).toContain('<html');
    expect(readFileSync(summary, 'utf8')).toContain('| run-test-pyramid |');
  });
});

describe('build-tools timed and report, as the reusable workflow runs them', () => {
  it("times each validate command into the job's metrics and merges the jobs into one report", () => {
    const runnerTemp = temporaryFolder('timed-temp-');
    const cli = (args: string[], job: string) =>
      spawnSync(process.execPath, [join(ROOT, 'dist/cli/index.js'), ...args], {
        encoding: 'utf8',
        cwd: runnerTemp,
        env: { ...process.env, RUNNER_TEMP: runnerTemp, GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: job },
      });
    // As the root action's validate input runs each line: through bash, titled by the line.
    const timed = (job: string, component: string, line: string) =>
      cli(['timed', '--stage', 'validate', '--component', component, '--title', line, '--', 'bash', '-eo', 'pipefail', '-c', line], job);
    const lint = timed('validate', 'web', 'echo linted');
    expect(lint.status, lint.stderr).toBe(0);
    expect(lint.stdout).toContain('::group::echo linted\n');
    expect(lint.stdout).toContain('linted\n');
    const types = timed('typecheck', 'api', 'echo "2 type errors" >&2; exit 2');
    expect(types.status).toBe(2);
    expect(types.stdout + types.stderr).toContain('2 type errors');

    const html = join(runnerTemp, 'report.html');
    const merged = cli(['report', runnerTemp, '--html', html, '--markdown', join(runnerTemp, 'report.md')], 'report');
    expect(merged.status, merged.stdout + merged.stderr).toBe(0);
    expect(merged.stdout).toContain('Report of 2 jobs, 2 stages (failure)');
    const markdown = readFileSync(join(runnerTemp, 'report.md'), 'utf8');
    expect(markdown).toContain('validate · web');
    expect(markdown).toContain('validate · api');
    expect(markdown).toContain('echo "2 type errors" >&2; exit 2 exited with code 2');
  });
});

describe.skipIf(!dockerEngineAvailable() || !debootstrapAvailable())('build-tools pipeline with a Docker engine', () => {
  let engine: DockerEngine;
  let example: string;
  let front: number;
  let pipeline: ReturnType<typeof pipelineRunner>;

  beforeAll(async () => {
    engine = await startDockerEngine();
    // No registry is reachable: the example's Dockerfile is built FROM a Debian root with python3.
    const python = await importPythonImage(engine);
    example = copyOfExample();
    // The example's own ports, moved to free ones so that this test never meets another run's.
    const config = parseYaml(readFileSync(join(example, 'build-tools.yml'), 'utf8'));
    front = await freePort();
    config.package['build-args'] = `BASE_IMAGE=${python}`;
    config.deploy['health-url'] = `http://127.0.0.1:${front}/health`;
    config.deploy['docker-ports'] = `${await freePort()},${await freePort()}`;
    writeFileSync(join(example, 'build-tools.yml'), stringifyYaml(config));
    pipeline = pipelineRunner(example, engine.env);
  }, 600_000);

  afterAll(async () => {
    // The front outlives the pipeline by design; stop it through its pid file even if --down failed.
    const pidFile = join(example ?? '/nonexistent', '.build-tools/deploy/nginx.pid');
    if (existsSync(pidFile)) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGQUIT');
      } catch {
        // already stopped
      }
    }
    await engine?.stop();
  });

  it('packages the example, deploys it behind its own nginx front, skips the unchanged second time and takes it down', async () => {
    const first = pipeline();
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain(`nginx front started on 127.0.0.1:${front}`);
    expect(first.stdout).toContain(`toolkit-app:local: promoted (http://127.0.0.1:${front}/health)`);
    const metrics = metricsOf(first.stdout);
    const packageStages = (stages: StageRecord[]) => stages.filter((stage) => stage.name === 'docker-package').map((stage) => stage.status);
    // docker-package runs twice: the configuration stage's config bundle, then the artifacts stage's image.
    expect(packageStages(metrics.stages)).toEqual(['success', 'success']);
    const deployStage = metrics.stages.find((stage) => stage.name === 'deploy-strategy');
    expect(deployStage?.status).toBe('success');
    expect(deployStage?.figures.deploy).toMatchObject({ result: 'promoted', strategy: 'blue-green', revision: 'toolkit-app:local' });
    expect(metrics.deploy?.result).toBe('promoted');
    expect(readFileSync(join(example, '.build-tools/report.html'), 'utf8')).toContain('promoted');

    // Through the front: the service in its container (--network host, on the port deploy-strategy gave it).
    expect(await getText(`http://127.0.0.1:${front}/health`)).toEqual({ status: 200, text: 'ok' });
    expect((await getText(`http://127.0.0.1:${front}/greet?name=ada`)).text).toBe('hello, ada');
    const names = async () => (await engine.docker(['ps', '--format', '{{.Names}}'])).stdout.split('\n').filter(Boolean).sort();
    expect(await names()).toEqual(['toolkit-app-active']);

    const second = pipeline();
    expect(second.status, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toMatch(/0 of 3 components changed since the last successful build/);
    const again = metricsOf(second.stdout);
    expect(again.cache.hits).toBeGreaterThan(0);
    expect(packageStages(again.stages)).toEqual(['success', 'skipped']);
    expect(again.stages.find((stage) => stage.name === 'deploy-strategy')).toMatchObject({
      status: 'skipped',
      error: expect.stringMatching(/^no component changed since the last successful build/),
    });
    expect((await getText(`http://127.0.0.1:${front}/health`)).text).toBe('ok');

    const down = pipeline('--down');
    expect(down.status, down.stdout + down.stderr).toBe(0);
    expect(down.stdout).toContain('removed 1 container of toolkit-app');
    expect(down.stdout).toContain('stopped the nginx front');
    expect(await names()).toEqual([]);
    const deadline = Date.now() + 10_000;
    while ((await portOpen(front)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await portOpen(front)).toBe(false);

    // A machine with an engine but no nginx (a laptop): the deploy stage is skipped with the reason, the pipeline passes.
    const withoutNginx = (process.env.PATH ?? '')
      .split(delimiter)
      .filter((folder) => !existsSync(join(folder, 'nginx')))
      .join(delimiter);
    const laptop = pipelineRunner(example, { ...engine.env, PATH: withoutNginx })();
    expect(laptop.status, laptop.stdout + laptop.stderr).toBe(0);
    expect(metricsOf(laptop.stdout).stages.find((stage) => stage.name === 'deploy-strategy')).toMatchObject({
      status: 'skipped',
      error: expect.stringMatching(/^nginx is not installed/),
    });
    expect(await names()).toEqual([]);
  }, 900_000);
});
