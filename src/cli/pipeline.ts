/**
 * `build-tools pipeline [dir]`: the design's master build script, on a laptop — six numbered stages
 * (environment validation, dependencies, configuration, tests, artifacts, post-build validation) that
 * run the actions' compiled bundles exactly as a runner would, with one RUNNER_TEMP, one metrics file,
 * the local cache, a coloured stage log, time tracking, SKIP_* switches and fail-fast. At the end it
 * writes the build-metrics JSON and the HTML and Markdown reports.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { errorMessage } from '../core/errors.js';
import { which } from '../core/exec.js';
import { type ActionRun, runActionLocally } from '../core/local-runner.js';
import { appendStage, readMetricsFile } from '../core/metrics/file.js';
import type { BuildMetrics } from '../core/metrics/record.js';
import { formatSeconds } from '../core/metrics/summary.js';
import { renderHtmlReport, renderMarkdownReport } from '../core/report/build-report.js';
import { type DeployStagePlan, planDeployStage, startFront, stopDeployment } from './deploy-front.js';
import { renderSummaryAsText } from './summary-text.js';

export interface PipelineConfig {
  /** Variables for every stage (the shell's own environment wins). */
  env?: Record<string, string | number | boolean>;
  components?: unknown;
  dependencies?: Record<string, unknown>;
  configuration?: Record<string, unknown>;
  tests?: Record<string, unknown>;
  package?: Record<string, unknown>;
  scan?: Record<string, unknown>;
  deploy?: Record<string, unknown>;
}

export interface PipelineOptions {
  root: string;
  directory: string;
  skip: Set<string>;
  verbose: boolean;
  /** Run tests and artifacts even when incremental-hash says nothing changed. */
  force: boolean;
  color: boolean;
  runnerTemp: string;
  write: (text: string) => void;
}

type StageOutcome = 'passed' | 'failed' | 'skipped';

const STAGES = ['environment validation', 'dependencies', 'configuration', 'tests', 'artifacts', 'post-build validation'] as const;

function stringInputs(values: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values ?? {}).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
  );
}

export function readPipelineConfig(directory: string): PipelineConfig {
  const file = ['build-tools.yml', 'build-tools.yaml'].map((name) => join(directory, name)).find(existsSync);
  if (!file) return {};
  return (parseYaml(readFileSync(file, 'utf8')) as PipelineConfig | null) ?? {};
}

/** Which stages the environment lets run; the reason for each that cannot. */
async function validateEnvironment(
  run: (program: string, args: string[]) => Promise<boolean>,
): Promise<Record<string, string | undefined>> {
  const missing: Record<string, string | undefined> = {};
  if (!(await run('docker', ['version', '--format', '{{.Server.Version}}']))) missing.docker = 'no Docker engine is reachable';
  if (!(await run('git', ['--version']))) missing.git = 'git is not installed';
  return missing;
}

function failedRun(run: ActionRun): boolean {
  return run.main.exitCode !== 0 || (run.post !== undefined && run.post.exitCode !== 0);
}

/** The first reference docker-package tagged (its `tags` output is a JSON list), else the image ID. */
export function builtImageOf(outputs: Record<string, string>): string | undefined {
  try {
    const tags = JSON.parse(outputs.tags ?? '[]') as unknown;
    if (Array.isArray(tags) && typeof tags[0] === 'string' && tags[0]) return tags[0];
  } catch {
    // not a list: fall back to the ID
  }
  return outputs['image-id'] || undefined;
}

/** `build-tools pipeline [dir] --down`: takes down what the deploy stage left running. */
export async function takeDownDeployment(directory: string, write: (text: string) => void): Promise<number> {
  const service = readPipelineConfig(directory).deploy?.service;
  const done = await stopDeployment(join(directory, '.build-tools', 'deploy'), typeof service === 'string' ? service : undefined);
  write(`${done.length ? done.join('\n') : 'nothing of the deploy stage is running'}\n`);
  return 0;
}

export async function runPipeline(options: PipelineOptions): Promise<number> {
  const { root, directory, write } = options;
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const config = readPipelineConfig(directory);
  const runId = String(Date.now());
  const output = join(directory, '.build-tools');
  const runFolder = join(output, 'runs', runId);
  mkdirSync(runFolder, { recursive: true });
  const metricsFile = join(runFolder, 'build-metrics.json');
  const previousRun = existsSync(join(output, 'runs'))
    ? readdirSync(join(output, 'runs'))
        .filter((name) => name !== runId && existsSync(join(output, 'runs', name, 'build-metrics.json')))
        .sort()
        .at(-1)
    : undefined;
  // The schema (zod) loads only when there is a previous run to compare with.
  const previous = previousRun
    ? (await import('../core/metrics/schema.js')).readCheckedMetrics(join(output, 'runs', previousRun, 'build-metrics.json'))
    : undefined;
  const configured = Object.fromEntries(
    Object.entries(config.env ?? {})
      .filter(([name]) => process.env[name] === undefined)
      .map(([name, value]) => [name, String(value)]),
  );
  const env = {
    ...configured,
    BUILD_TOOLS_CACHE_BACKEND: process.env.BUILD_TOOLS_CACHE_BACKEND ?? 'local',
    BUILD_TOOLS_METRICS_FILE: metricsFile,
    GITHUB_RUN_ID: runId,
    GITHUB_REPOSITORY: `local/${resolve(directory).split('/').pop()}`,
  };
  const identity = {
    build_id: `${runId}-1-pipeline`,
    repository: env.GITHUB_REPOSITORY,
    ref: 'refs/heads/main',
    sha: '',
    run_id: runId,
    run_attempt: '1',
    job: 'pipeline',
  };
  const outcomes: StageOutcome[] = [];
  const started = performance.now();
  let failed = false;
  let nothingChanged = false;
  /** The image docker-package built in this run: what the deploy stage deploys. */
  let builtImage: string | undefined;

  const step = async (action: string, inputs: Record<string, string>): Promise<ActionRun> => {
    const run = await runActionLocally({
      actionDirectory: join(root, action),
      inputs,
      workspace: directory,
      runnerTemp: options.runnerTemp,
      githubActions: false,
      env,
      onOutput: options.verbose ? (text) => write(text.replace(/^/gm, '    │ ')) : undefined,
    });
    const summary = [run.main, run.post]
      .filter(Boolean)
      .map((result) => result?.summary ?? '')
      .join('');
    if (summary.trim()) write(`${renderSummaryAsText(summary).replace(/^/gm, '    ')}\n`);
    for (const annotation of [...run.main.annotations, ...(run.post?.annotations ?? [])]) {
      const where = annotation.properties.file
        ? ` (${annotation.properties.file}${annotation.properties.line ? `:${annotation.properties.line}` : ''})`
        : '';
      write(
        `    ${annotation.level === 'error' ? paint(31, 'error') : paint(33, annotation.level)}: ${annotation.message.split('\n')[0]}${where}\n`,
      );
    }
    return run;
  };
  let skippedInStage = 0;
  /** `skippedBy` names the stage whose result made this one unnecessary (the report marks it). */
  const recordStage = (name: string, status: 'skipped' | 'failure', reason: string, skippedBy?: string) =>
    appendStage(metricsFile, identity, {
      name,
      phase: 'main',
      start: new Date().toISOString(),
      duration: 0,
      status,
      error: reason,
      figures: skippedBy ? { skipped_by: skippedBy } : {},
    });
  const skipStage = (name: string, reason: string, skippedBy?: string) => {
    skippedInStage++;
    recordStage(name, 'skipped', reason, skippedBy);
    write(`    ${paint(90, `skipped: ${reason}`)}\n`);
  };

  const missing = await validateEnvironment(async (program, args) => {
    try {
      const { execFileSync } = await import('node:child_process');
      execFileSync(program, args, { stdio: 'ignore', timeout: 15_000 });
      return true;
    } catch {
      return false;
    }
  });

  for (const [index, stage] of STAGES.entries()) {
    const header = `[${index + 1}/${STAGES.length}] ${stage}`;
    write(`\n${paint(1, paint(36, header))}\n`);
    const stageStarted = performance.now();
    skippedInStage = 0;
    let outcome: StageOutcome = 'passed';
    const switchName = `SKIP_${stage.split(' ')[0]?.toUpperCase()}`;
    if (failed) {
      outcome = 'skipped';
      write(`    ${paint(90, 'skipped: an earlier stage failed (fail-fast)')}\n`);
    } else if (options.skip.has(stage.split(' ')[0] as string) || process.env[switchName] === '1' || process.env[switchName] === 'true') {
      outcome = 'skipped';
      write(`    ${paint(90, `skipped by ${switchName} / --skip ${stage.split(' ')[0]}`)}\n`);
    } else {
      const results: ActionRun[] = [];
      if (stage === 'environment validation') {
        write(`    Node ${process.version}; ${Object.values(missing).filter(Boolean).join('; ') || 'Docker engine and git available'}\n`);
      } else if (stage === 'dependencies') {
        results.push(await step('setup-deps', stringInputs(config.dependencies)));
      } else if (stage === 'configuration') {
        if (config.components) {
          const hashed = await step('incremental-hash', {
            components: typeof config.components === 'string' ? config.components : JSON.stringify(config.components),
          });
          results.push(hashed);
          nothingChanged = hashed.main.outputs['any-changed'] === 'false' && !options.force;
        }
        if (config.configuration) results.push(await step('docker-package', { ...stringInputs(config.configuration), build: 'false' }));
        if (!results.length) skipStage('configuration', 'no components or configuration in build-tools.yml');
      } else if (nothingChanged && (stage === 'tests' || stage === 'artifacts')) {
        skipStage(
          stage === 'tests' ? 'run-test-pyramid' : 'docker-package',
          'no component changed since the last successful build (--force runs it anyway)',
          'incremental-hash',
        );
      } else if (stage === 'tests') {
        if (config.tests) results.push(await step('run-test-pyramid', stringInputs(config.tests)));
        else skipStage('run-test-pyramid', 'no tests in build-tools.yml');
      } else if (stage === 'artifacts') {
        if (!config.package) skipStage('docker-package', 'no package in build-tools.yml');
        else if (missing.docker) skipStage('docker-package', missing.docker);
        else {
          const packaged = await step('docker-package', stringInputs(config.package));
          results.push(packaged);
          builtImage = builtImageOf(packaged.main.outputs);
        }
      } else if (stage === 'post-build validation') {
        if (config.scan) results.push(await step('security-scan', stringInputs(config.scan)));
        if (results.some(failedRun)) skipStage('deploy-strategy', 'security-scan failed (fail-fast)');
        else if (!config.deploy) skipStage('deploy-strategy', 'deploy is not configured in build-tools.yml');
        else if (missing.docker) skipStage('deploy-strategy', missing.docker);
        else if (!builtImage)
          skipStage(
            'deploy-strategy',
            nothingChanged
              ? 'no component changed since the last successful build, so no new image (--force runs it anyway)'
              : 'docker-package built no image to deploy',
            nothingChanged ? 'incremental-hash' : undefined,
          );
        else {
          let plan: DeployStagePlan | undefined;
          try {
            plan = planDeployStage(stringInputs(config.deploy), builtImage, join(output, 'deploy'));
            if (plan.front && !which('nginx')) {
              // Like a missing engine, a missing nginx is the machine's limit, not the project's failure.
              skipStage(
                'deploy-strategy',
                'nginx is not installed: the local deploy stage runs it as the front (apt-get install nginx, brew install nginx)',
              );
              plan = undefined;
            } else if (plan.front) {
              const done = await startFront(plan.front);
              write(`    nginx front ${done} on 127.0.0.1:${plan.front.port} (${plan.front.directory})\n`);
            }
          } catch (error) {
            // The user's deploy section or front cannot work: one line, in the log and the metrics.
            write(`    ${paint(31, 'error')}: ${errorMessage(error)}\n`);
            recordStage('deploy-strategy', 'failure', errorMessage(error));
            plan = undefined;
            outcome = 'failed';
          }
          if (plan) {
            const deployed = await step('deploy-strategy', plan.inputs);
            results.push(deployed);
            const url = plan.inputs['health-url'];
            if (deployed.main.outputs.result) write(`    ${builtImage}: ${deployed.main.outputs.result}${url ? ` (${url})` : ''}\n`);
          }
        }
      }
      if (outcome === 'failed' || results.some(failedRun)) {
        outcome = 'failed';
        failed = true;
      } else if (!results.length && skippedInStage) outcome = 'skipped';
    }
    outcomes.push(outcome);
    const colour = outcome === 'passed' ? 32 : outcome === 'failed' ? 31 : 90;
    write(`    ${paint(colour, outcome)} in ${formatSeconds((performance.now() - stageStarted) / 1000)}\n`);
  }

  const metrics: BuildMetrics | undefined = readMetricsFile(metricsFile);
  write(
    `\n${paint(1, 'Pipeline')} ${failed ? paint(31, 'failed') : paint(32, 'passed')} in ${formatSeconds((performance.now() - started) / 1000)}\n`,
  );
  STAGES.forEach((stage, index) => {
    write(`  ${index + 1}. ${stage.padEnd(24)} ${outcomes[index]}\n`);
  });
  if (metrics) {
    const html = join(output, 'report.html');
    writeFileSync(html, renderHtmlReport(metrics, previous));
    writeFileSync(join(runFolder, 'report.html'), renderHtmlReport(metrics, previous));
    writeFileSync(join(output, 'report.md'), renderMarkdownReport(metrics, previous));
    write(`\nMetrics: ${metricsFile}\nReport:  ${html}\n`);
  }
  return failed ? 1 : 0;
}
