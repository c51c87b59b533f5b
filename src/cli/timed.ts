/**
 * `build-tools timed`: runs one command as it is (its output in a log group) and records it as a stage
 * of this job's build metrics — the file the job's actions write to — so the reusable workflow's
 * validate commands (lint, type-check, build) are timed into the same metrics and report.
 */
import { displayCommand, exec } from '../core/exec.js';
import { appendStage, buildIdentity, metricsFilePath } from '../core/metrics/file.js';
import { readRunnerContext } from '../core/runner-context.js';

export interface TimedCommand {
  /** The stage's name in the metrics, e.g. `validate`. */
  stage: string;
  /** The component it ran for (the report names the stage after it). */
  component?: string;
  /** What the log and the metrics call the command (defaults to the program and its arguments). */
  title?: string;
  program: string;
  args: string[];
}

/** Runs the command; returns its exit code after recording the stage. */
export async function runTimed(command: TimedCommand, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const startedAt = new Date();
  const title = command.title ?? displayCommand(command.program, command.args);
  const result = await exec(command.program, command.args, { group: title, allowFailure: true });
  const runner = readRunnerContext(env);
  appendStage(metricsFilePath(runner, env), buildIdentity(runner), {
    name: command.stage,
    phase: 'main',
    start: startedAt.toISOString(),
    duration: Math.round(result.durationMs) / 1000,
    status: result.exitCode === 0 ? 'success' : 'failure',
    ...(result.exitCode === 0 ? {} : { error: `${title} exited with code ${result.exitCode}` }),
    figures: { command: title, ...(command.component ? { component: command.component } : {}) },
  });
  return result.exitCode;
}
