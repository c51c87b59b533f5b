/**
 * runAction: the one entry every action goes through. It picks the phase (main, or post when the
 * main step left `isPost` in state, as docker/actions-toolkit does), parses the inputs, times the
 * stage, records metrics, appends the job summary, turns errors into one ::error:: line, and
 * exits explicitly (an HTTP keep-alive must not hold the step open). The only try/catch at the top.
 */
import { appendFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { type ActionContext, createContext } from './context.js';
import { ConfigError, InputError } from './errors.js';
import { ExecError } from './exec.js';
import { httpUrl, type InputSchema, readInputs } from './inputs.js';
import { createLogger, type Logger } from './log.js';
import { exportMetrics } from './metrics/export.js';
import { appendStage, buildIdentity, metricsFilePath } from './metrics/file.js';
import type { StageRecord, StageStatus } from './metrics/record.js';
import { stageFooter } from './metrics/summary.js';
import { readRunnerContext } from './runner-context.js';
import { Summary } from './summary.js';
import { getState, issueCommand, saveState } from './workflow-commands.js';

/** Inputs every action accepts, besides its own. */
export const commonInputs = {
  'metrics-endpoint': z.optional(httpUrl()),
};

export interface ActionDefinition<S extends InputSchema> {
  /** The action's kebab-case name: its folder, src/actions/<name>/ and dist/<name>/. */
  name: string;
  inputs: S;
  /** Output names as in action.yml; setting any other is a bug. */
  outputs?: readonly string[];
  main(inputs: z.output<S>, ctx: ActionContext): Promise<void>;
  /** Runs after the job's later steps when action.yml declares `post`; gets what main saved in state. */
  post?(ctx: ActionContext): Promise<void>;
}

const CANCEL_GRACE_MS = 5000;

/** Logs an error the way its owner needs to read it. */
export function reportError(error: unknown, name: string, phase: string, log: Logger): void {
  if (error instanceof InputError) {
    log.error(`Invalid input${error.problems.length > 1 ? 's' : ''} for ${name}: ${error.message}`, { title: `${name}: invalid input` });
  } else if (error instanceof ConfigError) {
    log.error(error.message, error.location);
  } else if (error instanceof ExecError) {
    log.error(error.message);
  } else {
    const detail = error instanceof Error ? error : new Error(String(error));
    const frame = detail.stack
      ?.split('\n')
      .find((line) => line.trim().startsWith('at '))
      ?.trim();
    log.error(`build-tools bug in ${name} (${phase}): ${detail.message}${frame ? ` (${frame})` : ''}. Please report it with this log.`);
    if (detail.stack) log.debug(detail.stack);
  }
}

export async function runAction<S extends InputSchema>(definition: ActionDefinition<S>): Promise<never> {
  const startedAt = new Date();
  const started = performance.now();
  const phase: 'main' | 'post' = getState('isPost') === 'true' ? 'post' : 'main';
  const log = createLogger();
  const runner = readRunnerContext();
  const summary = new Summary();
  const abort = new AbortController();
  let status = 'success' as StageStatus;
  let failure: string | undefined;
  const ctx = createContext({
    name: definition.name,
    phase,
    runner,
    log,
    summary,
    signal: abort.signal,
    outputNames: definition.outputs,
    onFail: (message) => {
      status = 'failure';
      failure ??= message;
    },
  });
  // Node exits once nothing is left to wait on: an action that awaited something that can never
  // settle would otherwise end the step early, quietly and with success. Every deliberate end goes
  // through exit().
  let exiting = false;
  const exit = (code: number): never => {
    exiting = true;
    return process.exit(code);
  };
  process.exitCode = 1;
  process.once('exit', () => {
    if (!exiting)
      reportError(new Error(`the run ended before ${definition.name} finished: it was waiting on nothing`), definition.name, phase, log);
  });
  const onSignal = () => {
    status = 'cancelled';
    abort.abort(new Error('the job was cancelled'));
    setTimeout(() => exit(130), CANCEL_GRACE_MS).unref();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let metricsEndpoint: string | undefined;
  try {
    if (phase === 'main') {
      if (definition.post) saveState('isPost', 'true');
      const inputs = readInputs(
        z.safeExtend(definition.inputs as InputSchema, commonInputs) as unknown as S,
        process.env,
      ) as z.output<S> & {
        'metrics-endpoint'?: string;
      };
      metricsEndpoint = inputs['metrics-endpoint'];
      if (definition.post && metricsEndpoint) ctx.saveState('build-tools.metrics-endpoint', metricsEndpoint);
      await definition.main(inputs, ctx);
    } else {
      metricsEndpoint = ctx.getState<string>('build-tools.metrics-endpoint');
      await definition.post?.(ctx);
    }
  } catch (error) {
    if (status !== 'cancelled') status = 'failure';
    failure ??= error instanceof Error ? error.message : String(error);
    reportError(error, definition.name, phase, log);
  }

  const stage: StageRecord = {
    name: definition.name,
    phase,
    start: startedAt.toISOString(),
    duration: Math.round(performance.now() - started) / 1000,
    status,
    ...(failure ? { error: failure.split('\n')[0] } : {}),
    figures: { ...ctx.metrics.figures, ...(ctx.cacheIfUsed ? { cache: ctx.cacheIfUsed.figures } : {}) },
  };
  try {
    const metrics = appendStage(metricsFilePath(runner), buildIdentity(runner), stage);
    if (!summary.isEmpty || status !== 'success') {
      if (status !== 'success' && failure)
        summary.add(`> [!CAUTION]\n> ${definition.name} ${phase === 'post' ? '(post) ' : ''}failed: ${failure.split('\n')[0]}`);
      summary.add(stageFooter(stage));
      const file = process.env.GITHUB_STEP_SUMMARY;
      if (file) appendFileSync(file, summary.render());
    }
    await exportMetrics(stage, metrics, metricsEndpoint, log);
  } catch (error) {
    log.warn(`Could not record build metrics: ${error instanceof Error ? error.message : String(error)}`);
  }
  issueCommand('debug', `${definition.name} ${phase} finished in ${stage.duration} s (${status})`);
  // Let a piped stdout drain before exiting (writes to pipes are asynchronous on macOS).
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  return exit(status === 'success' ? 0 : 1);
}
