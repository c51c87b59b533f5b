/**
 * run-test-pyramid: runs the tiers in order (a tier may run alongside the previous one), each with
 * its services up and waited for, reads their JUnit and coverage, and reports them as one: outputs,
 * a merged JUnit file, a job summary, annotations at the failing lines, the pyramid's shape.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionContext } from '../../core/context.js';
import { ConfigError, errorMessage } from '../../core/errors.js';
import { ExecError } from '../../core/exec.js';
import { findFiles } from '../../core/glob.js';
import { parseDuration } from '../../core/inputs.js';
import { ANNOTATIONS_SHOWN_PER_STEP } from '../../core/log.js';
import { formatSeconds } from '../../core/metrics/summary.js';
import { type CoverageMap, lineCoverage, mergeCoverage, readCoverageFile } from './coverage.js';
import type { Inputs, TierDefinition } from './inputs.js';
import { failureLocation, JunitError, type JunitTotals, parseJunit, type TestCase } from './junit.js';
import { evaluatePyramid, type PyramidVerdict, parsePyramidPolicy } from './pyramid.js';
import { TierCaseWriter, writeMergedReport } from './report.js';
import { type RunningServices, startServices, waitForTargets } from './services.js';
import { planShards } from './shard.js';

export interface TierOutcome {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  reason?: string;
  exitCode?: number;
  seconds: number;
  totals: JunitTotals;
  coverage?: number;
  failures: TestCase[];
  problems: string[];
  casesFile?: string;
  fileSeconds: Record<string, number>;
  servicesLog?: string;
}

const emptyTotals = (): JunitTotals => ({ total: 0, passed: 0, failed: 0, skipped: 0, flaky: 0, seconds: 0 });
const asList = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Tiers grouped into batches: a tier with parallel-with-previous joins the batch before it. */
export function batches(tiers: readonly TierDefinition[]): TierDefinition[][] {
  const groups: TierDefinition[][] = [];
  for (const tier of tiers) {
    if (tier['parallel-with-previous'] && groups.length) groups.at(-1)?.push(tier);
    else groups.push([tier]);
  }
  return groups;
}

/** `{files}` becomes "$@", so file names reach the command as arguments, never as shell text. */
export function tierScript(run: string): string {
  return run.replace(/\{files\}/g, '"$@"');
}

interface TierContext {
  ctx: ActionContext;
  root: string;
  work: string;
  shardFiles?: string[];
  coverageMaps: CoverageMap[];
}

async function runTier(tier: TierDefinition, context: TierContext): Promise<TierOutcome> {
  const { ctx, root, work } = context;
  const outcome: TierOutcome = {
    name: tier.name,
    status: 'passed',
    seconds: 0,
    totals: emptyTotals(),
    failures: [],
    problems: [],
    fileSeconds: {},
  };
  const started = Date.now();
  let services: RunningServices | undefined;
  const slug = tier.name.replace(/[^a-zA-Z0-9_-]/g, '-');
  try {
    if (tier.services) {
      if (!existsSync(join(root, tier.services)))
        throw new ConfigError(`tier '${tier.name}': services file '${tier.services}' does not exist`);
      services = await startServices(tier.services, `rtp-${(ctx.runner.runId || 'local').toLowerCase()}-${slug.toLowerCase()}`, root);
    }
    const targets = tier['wait-for'] ?? [];
    if (targets.length) {
      const timeout = parseDuration(tier['wait-timeout'] ?? '60s') as number;
      await ctx.log.group(`Waiting for ${targets.join(', ')}`, () => waitForTargets(targets, timeout, tier.name, ctx.signal));
    }
    const files = context.shardFiles ?? [];
    const run = await ctx.exec('bash', ['-eo', 'pipefail', '-c', tierScript(tier.run), 'bash', ...files], {
      cwd: root,
      env: { TEST_FILES: files.join(' '), TEST_TIER: tier.name },
      group: `Tier ${tier.name}: ${tier.run}`,
      allowFailure: true,
    });
    outcome.exitCode = run.exitCode;
    // Reports older than this tier's start are left over from an earlier run: ignore them.
    const reports = findFiles(root, asList(tier.results)).filter((file) => statSync(join(root, file)).mtimeMs >= started - 1000);
    if (reports.length === 0) outcome.problems.push(`no JUnit results matched ${asList(tier.results).join(', ')} (written by this run)`);
    const writer = new TierCaseWriter(join(work, `${slug}.cases.xml`));
    outcome.casesFile = writer.path;
    for (const report of reports) {
      try {
        const parsed = await parseJunit(join(root, report), { onCase: (testCase) => writer.write(testCase) });
        for (const key of ['total', 'passed', 'failed', 'skipped', 'flaky', 'seconds'] as const) outcome.totals[key] += parsed[key];
        outcome.failures.push(...parsed.failures);
        for (const [file, seconds] of Object.entries(parsed.fileSeconds))
          outcome.fileSeconds[file] = (outcome.fileSeconds[file] ?? 0) + seconds;
      } catch (error) {
        if (!(error instanceof JunitError)) throw error;
        outcome.problems.push(error.message.replace(`${join(root, report)}`, report));
      }
    }
    await writer.close();
    if (reports.length && outcome.totals.total === 0) outcome.problems.push(`the results (${reports.join(', ')}) contain no test cases`);
    const maps: CoverageMap[] = [];
    for (const file of findFiles(root, asList(tier.coverage))) {
      try {
        maps.push(await readCoverageFile(join(root, file), root));
      } catch (error) {
        outcome.problems.push(`coverage file ${file} could not be read: ${errorMessage(error)}`);
      }
    }
    if (maps.length) {
      context.coverageMaps.push(...maps);
      outcome.coverage = lineCoverage(mergeCoverage(maps)).percent;
    } else if (tier.coverage) outcome.problems.push(`no coverage matched ${asList(tier.coverage).join(', ')}`);
    if (run.exitCode !== 0 && outcome.totals.failed === 0) outcome.problems.push(`the command exited with code ${run.exitCode}`);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ExecError) outcome.problems.push(error.message);
    else throw error;
  } finally {
    outcome.seconds = (Date.now() - started) / 1000;
    const failed = outcome.totals.failed > 0 || outcome.problems.length > 0;
    if (failed) outcome.status = 'failed';
    if (services) {
      const keepLogsIn = failed ? join(work, `${slug}.services.log`) : undefined;
      await services.stop({ keepLogsIn });
      if (keepLogsIn) {
        outcome.servicesLog = keepLogsIn;
        await ctx.log.group(`Service logs of tier ${tier.name} (kept in ${keepLogsIn})`, async () =>
          ctx.log.info(readFileSync(keepLogsIn, 'utf8')),
        );
      }
    }
  }
  return outcome;
}

function durationsLocation(ctx: ActionContext, tier: string, label: string) {
  const slug = tier.replace(/[^a-zA-Z0-9_-]/g, '-');
  return {
    directory: join(ctx.runner.temp, 'run-test-pyramid', 'durations', slug, label),
    prefix: `run-test-pyramid-durations-${slug}-${label}-`,
  };
}

async function restoreDurations(ctx: ActionContext, tier: string, count: number): Promise<Record<string, number>> {
  const labels = ['all', ...Array.from({ length: count }, (_, index) => `${index + 1}of${count}`)];
  const durations: Record<string, number> = {};
  for (const label of labels) {
    const location = durationsLocation(ctx, tier, label);
    const restored = await ctx.cache.restore([location.directory], `${location.prefix}${ctx.runner.runId}`, [location.prefix]);
    if (restored.hit === 'miss') continue;
    try {
      Object.assign(durations, JSON.parse(readFileSync(join(location.directory, 'durations.json'), 'utf8')));
    } catch {
      ctx.log.warn(`The recorded test durations (${restored.key}) could not be read.`);
    }
  }
  return durations;
}

function annotateFailures(ctx: ActionContext, root: string, outcomes: TierOutcome[]): void {
  // One annotation is left for the step's own error line.
  const budget = ANNOTATIONS_SHOWN_PER_STEP - 1;
  const failures = outcomes.flatMap((outcome) => outcome.failures.map((testCase) => ({ tier: outcome.name, testCase })));
  failures.slice(0, budget).forEach(({ tier, testCase }) => {
    const location = failureLocation(testCase, (file) => existsSync(join(root, file)), root);
    ctx.log.error(
      `${testCase.message ?? 'failed'}${testCase.details ? `\n\n${testCase.details.split('\n').slice(0, 12).join('\n')}` : ''}`,
      {
        ...location,
        title: `${tier}: ${[testCase.classname, testCase.name].filter(Boolean).join(' › ')}`,
      },
    );
  });
  if (failures.length > budget) {
    ctx.log.info(
      `${failures.length - budget} more failures are not annotated (the runner shows ${ANNOTATIONS_SHOWN_PER_STEP} per step); see the job summary.`,
    );
  }
}

function writeSummary(
  ctx: ActionContext,
  outcomes: TierOutcome[],
  totals: JunitTotals,
  coverage: number | undefined,
  verdicts: PyramidVerdict[],
  shardNote: string | undefined,
): void {
  const summary = ctx.summary;
  summary.heading('Test pyramid');
  summary.paragraph(
    `**${totals.total}** tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped${totals.flaky ? `, ${totals.flaky} flaky` : ''}` +
      (coverage !== undefined ? ` · line coverage **${coverage}%**` : '') +
      (shardNote ? ` · ${shardNote}` : ''),
  );
  const icon = { passed: '✅', failed: '❌', skipped: '⏭️' } as const;
  summary.table(
    ['tier', 'status', 'tests', 'failed', 'skipped', 'duration', 'coverage', 'notes'],
    outcomes.map((outcome) => [
      outcome.name,
      `${icon[outcome.status]} ${outcome.status}`,
      outcome.totals.total,
      outcome.totals.failed,
      outcome.totals.skipped,
      formatSeconds(outcome.seconds),
      outcome.coverage === undefined ? '' : `${outcome.coverage}%`,
      [outcome.reason, ...outcome.problems].filter(Boolean).join('; '),
    ]),
  );
  if (verdicts.length) {
    summary.heading('Pyramid shape', 4);
    summary.table(
      ['tier', 'share of tests', 'policy', ''],
      verdicts.map((verdict) => [
        verdict.rule.tier,
        `${verdict.actual}%`,
        `${verdict.rule.operator} ${verdict.rule.percent}%`,
        verdict.ok ? '✅' : '⚠️',
      ]),
    );
  }
  const failures = outcomes.flatMap((outcome) => outcome.failures.map((testCase) => ({ tier: outcome.name, testCase })));
  if (failures.length) {
    summary.heading('Failures', 4);
    for (const [index, { tier, testCase }] of failures.slice(0, 50).entries()) {
      summary.details(
        `${tier}: ${[testCase.classname, testCase.name].filter(Boolean).join(' › ')} — ${(testCase.message ?? '').split('\n')[0]?.slice(0, 200)}`,
        `\`\`\`\n${(testCase.details ?? testCase.message ?? '').slice(0, 3000)}\n\`\`\``,
        { optional: index >= 10 },
      );
    }
    if (failures.length > 50) summary.paragraph(`…and ${failures.length - 50} more failures (see the merged JUnit report).`);
  }
}

export async function main(inputs: Inputs, ctx: ActionContext): Promise<void> {
  const root = ctx.resolvePath(inputs['working-directory']);
  if (!existsSync(root)) throw new ConfigError(`working-directory '${inputs['working-directory']}' does not exist`);
  const rules = (() => {
    try {
      return inputs.pyramid && inputs['pyramid-mode'] !== 'off' ? parsePyramidPolicy(inputs.pyramid) : [];
    } catch (error) {
      throw new ConfigError(`pyramid: ${errorMessage(error)}`);
    }
  })();
  const work = join(ctx.runner.temp, 'run-test-pyramid', `${ctx.runner.runId || 'local'}-${Date.now()}`);
  mkdirSync(work, { recursive: true });

  let shardFiles: string[] | undefined;
  let shardNote: string | undefined;
  const shardTier = inputs['shard-tier'];
  if (inputs.shard && shardTier) {
    const [index, count] = inputs.shard.split('/').map(Number) as [number, number];
    const tier = inputs.tiers.find((candidate) => candidate.name === shardTier) as TierDefinition;
    const files = findFiles(root, asList(tier.files));
    if (files.length === 0) throw new ConfigError(`shard-tier '${shardTier}': its files (${asList(tier.files).join(', ')}) match nothing`);
    const durations = await restoreDurations(ctx, shardTier, count);
    const plan = planShards(files, count, durations);
    shardFiles = plan.shards[index - 1] ?? [];
    shardNote = `shard ${index}/${count} of ${shardTier}: ${shardFiles.length} of ${files.length} files, expected imbalance ${(plan.imbalance * 100).toFixed(1)}%${plan.unknownFiles ? ` (${plan.unknownFiles} files without recorded durations)` : ''}`;
    ctx.log.info(shardNote);
  }
  ctx.setOutput('shard-files', shardFiles ?? []);

  const outcomes: TierOutcome[] = [];
  const coverageMaps: CoverageMap[] = [];
  for (const batch of batches(inputs.tiers)) {
    const failedTier = outcomes.find((outcome) => outcome.status === 'failed');
    const running = batch.map((tier) => {
      const skip = (reason: string): Promise<TierOutcome> =>
        Promise.resolve({
          name: tier.name,
          status: 'skipped',
          reason,
          seconds: 0,
          totals: emptyTotals(),
          failures: [],
          problems: [],
          fileSeconds: {},
        });
      if (tier.optional && !inputs['run-optional']) return skip('optional tier (set run-optional: true to run it)');
      if (failedTier && inputs['fail-fast']) return skip(`tier '${failedTier.name}' failed (fail-fast)`);
      return runTier(tier, { ctx, root, work, coverageMaps, shardFiles: tier.name === shardTier ? shardFiles : undefined });
    });
    outcomes.push(...(await Promise.all(running)));
  }

  const totals = emptyTotals();
  for (const outcome of outcomes) for (const key of Object.keys(totals) as (keyof JunitTotals)[]) totals[key] += outcome.totals[key];
  const coverage = coverageMaps.length ? lineCoverage(mergeCoverage(coverageMaps)).percent : undefined;
  const verdicts = evaluatePyramid(rules, Object.fromEntries(outcomes.map((outcome) => [outcome.name, outcome.totals.total])));

  const report = join(work, 'junit-merged.xml');
  await writeMergedReport(report, outcomes);
  ctx.setOutput('total', totals.total);
  ctx.setOutput('passed', totals.passed);
  ctx.setOutput('failed', totals.failed);
  ctx.setOutput('skipped', totals.skipped);
  ctx.setOutput('flaky', totals.flaky);
  ctx.setOutput('coverage', coverage === undefined ? '' : String(coverage));
  ctx.setOutput('report', report);
  ctx.setOutput(
    'tiers',
    Object.fromEntries(
      outcomes.map((outcome) => [
        outcome.name,
        {
          status: outcome.status,
          ...(outcome.reason ? { reason: outcome.reason } : {}),
          tests: outcome.totals.total,
          passed: outcome.totals.passed,
          failed: outcome.totals.failed,
          skipped: outcome.totals.skipped,
          flaky: outcome.totals.flaky,
          seconds: Math.round(outcome.seconds * 1000) / 1000,
          ...(outcome.coverage === undefined ? {} : { coverage: outcome.coverage }),
          ...(outcome.problems.length ? { problems: outcome.problems } : {}),
        },
      ]),
    ),
  );

  // Keep this run's per-file durations for the shard tier, for the next run's plan.
  if (shardTier) {
    const outcome = outcomes.find((candidate) => candidate.name === shardTier);
    if (outcome && Object.keys(outcome.fileSeconds).length) {
      const location = durationsLocation(ctx, shardTier, inputs.shard ? inputs.shard.replace('/', 'of') : 'all');
      mkdirSync(location.directory, { recursive: true });
      writeFileSync(join(location.directory, 'durations.json'), JSON.stringify(outcome.fileSeconds));
      await ctx.cache.save([location.directory], `${location.prefix}${ctx.runner.runId || Date.now()}-${ctx.runner.runAttempt}`);
    }
  }

  annotateFailures(ctx, root, outcomes);
  writeSummary(ctx, outcomes, totals, coverage, verdicts, shardNote);
  ctx.metrics.record({
    tests: { total: totals.total, passed: totals.passed, failed: totals.failed, skipped: totals.skipped, flaky: totals.flaky, coverage },
    tiers: Object.fromEntries(
      outcomes.map((outcome) => [outcome.name, { status: outcome.status, tests: outcome.totals.total, seconds: outcome.seconds }]),
    ),
  });

  const problems: string[] = [];
  for (const outcome of outcomes.filter((candidate) => candidate.status === 'failed')) {
    problems.push(
      outcome.totals.failed
        ? `tier '${outcome.name}': ${outcome.totals.failed} of ${outcome.totals.total} tests failed`
        : `tier '${outcome.name}': ${outcome.problems.join('; ')}`,
    );
  }
  const threshold = inputs['coverage-threshold'];
  if (threshold !== undefined) {
    if (coverage === undefined) problems.push(`coverage-threshold is ${threshold}%, but no tier reported coverage`);
    else if (coverage < threshold) problems.push(`line coverage ${coverage}% is below the coverage-threshold of ${threshold}%`);
  }
  const broken = verdicts.filter((verdict) => !verdict.ok);
  if (broken.length) {
    const text = `the test pyramid is off its policy: ${broken.map((verdict) => `${verdict.rule.tier} is ${verdict.actual}% (policy ${verdict.rule.operator} ${verdict.rule.percent}%)`).join(', ')}`;
    if (inputs['pyramid-mode'] === 'fail') problems.push(text);
    else ctx.log.warn(text, { title: 'run-test-pyramid' });
  }
  if (problems.length) ctx.fail(problems.join('; '));
}
