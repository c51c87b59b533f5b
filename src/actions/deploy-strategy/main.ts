/**
 * deploy-strategy: the deployment control loop inside the job — rolling, blue-green or canary with
 * health checks, smoke tests, an error-rate gate per step and automatic rollback on any failure,
 * including cancellation (the post step). Docker provider: containers behind nginx on one host.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ActionContext } from '../../core/context.js';
import { ConfigError, errorMessage } from '../../core/errors.js';
import { formatSeconds } from '../../core/metrics/summary.js';
import { DockerProvider, type SlotContainer } from './docker-provider.js';
import { commandRate, probeWindow, prometheusRate, type Window } from './error-rate.js';
import type { Inputs } from './inputs.js';
import { JOB_LIMIT_MS, judgeWindow, makePlan, type Verdict } from './plan.js';

interface StepRecord {
  traffic: number;
  requests: number | string;
  rate: string;
  verdict: Verdict | 'switched';
}

interface InProgress {
  service: string;
  ports: [number, number];
  upstreamFile: string;
  reload: string[];
  runArgs: string[];
}

class DeploymentFailure extends Error {}

const MAX_EXTENSIONS = 3;

function provider(
  ctx: ActionContext,
  inputs: Pick<Inputs, 'service' | 'docker-ports' | 'nginx-upstream-file' | 'nginx-reload' | 'docker-run-args'>,
): DockerProvider {
  return new DockerProvider(
    ctx,
    inputs.service,
    inputs['docker-ports'] as [number, number],
    inputs['nginx-upstream-file'] as string,
    inputs['nginx-reload'],
    inputs['docker-run-args'] ?? [],
  );
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

async function waitHealthy(
  ctx: ActionContext,
  docker: DockerProvider,
  container: SlotContainer,
  healthPath: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const url = `http://127.0.0.1:${container.port}${healthPath}`;
  for (;;) {
    await docker.assertRunning(container);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new DeploymentFailure(`the new version did not become healthy at ${url} within the rollout-timeout`);
    if (ctx.signal.aborted) throw new DeploymentFailure('the job was cancelled');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function runHooks(
  ctx: ActionContext,
  commands: readonly string[] | undefined,
  what: string,
  env: Record<string, string>,
): Promise<void> {
  for (const command of commands ?? []) {
    const result = await ctx.exec('bash', ['-eo', 'pipefail', '-c', command], { group: `${what}: ${command}`, env, allowFailure: true });
    if (result.exitCode !== 0) throw new DeploymentFailure(`${what} command failed (exit ${result.exitCode}): ${command}`);
  }
}

async function measure(inputs: Inputs, ctx: ActionContext, candidate: SlotContainer, ms: number): Promise<Window> {
  if (inputs['error-rate-source'] === 'command')
    return commandRate(ctx, inputs['error-rate-command'] as string, { DEPLOY_CANDIDATE_URL: `http://127.0.0.1:${candidate.port}` });
  if (inputs['error-rate-source'] === 'prometheus') {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return prometheusRate(inputs['prometheus-url'] as string, inputs['prometheus-query'] as string);
  }
  return probeWindow(`http://127.0.0.1:${candidate.port}${pathOf(inputs['health-url'] as string)}`, ms, inputs['min-requests'], ctx.signal);
}

export async function main(inputs: Inputs, ctx: ActionContext): Promise<void> {
  const started = Date.now();
  if (inputs.provider === 'kubernetes') {
    throw new ConfigError('provider: kubernetes is not available in this release; use provider: docker (see deploy-strategy/README.md)');
  }
  if (!existsSync(dirname(inputs['nginx-upstream-file'] as string))) {
    throw new ConfigError(`nginx-upstream-file '${inputs['nginx-upstream-file']}' is not in an existing folder`);
  }
  const docker = provider(ctx, inputs);
  const containers = await docker.containers();
  const active = containers.find((container) => container.role === 'active');
  const previousContainer = containers.find((container) => container.role === 'previous');
  const steps: StepRecord[] = [];
  const finish = (
    result: 'promoted' | 'rolled-back' | 'failed',
    traffic: number,
    revision: string,
    previousRevision: string,
    reason = '',
  ) => {
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    ctx.setOutput('result', result);
    ctx.setOutput('traffic', traffic);
    ctx.setOutput('revision', revision);
    ctx.setOutput('previous-revision', previousRevision);
    ctx.setOutput('rollback-reason', reason);
    ctx.setOutput('duration', seconds);
    ctx.metrics.record({
      deploy: {
        strategy: inputs.strategy,
        environment: inputs.environment,
        result,
        traffic,
        revision,
        previous_revision: previousRevision,
        ...(reason ? { rollback_reason: reason } : {}),
      },
    });
    ctx.summary.heading(
      `Deployment to ${inputs.environment}: ${result === 'promoted' ? '✅ promoted' : result === 'rolled-back' ? '↩️ rolled back' : '❌ failed'}`,
    );
    ctx.summary.paragraph(
      `${inputs.strategy} of \`${revision}\`${previousRevision ? ` (previous \`${previousRevision}\`)` : ''} in ${formatSeconds(seconds)}; ${traffic}% of traffic on the new version.${reason ? ` Reason: ${reason}` : ''}`,
    );
    if (steps.length)
      ctx.summary.table(
        ['step', 'traffic', 'requests', 'error rate', 'verdict'],
        steps.map((step, index) => [index + 1, `${step.traffic}%`, step.requests, step.rate, step.verdict]),
      );
  };

  if (inputs.action === 'rollback') {
    if (!previousContainer)
      throw new ConfigError(
        `no previous version of ${inputs.service} is kept to roll back to (kept for keep-previous after each deployment)`,
      );
    const age = Date.now() - Date.parse(previousContainer.deployedAt);
    if (age > inputs['keep-previous'] + 7 * 24 * 3600 * 1000)
      ctx.log.warn(`The previous version is older than keep-previous; rolling back anyway.`);
    await docker.startExisting(previousContainer);
    await waitHealthy(ctx, docker, previousContainer, inputs['health-url'] ? pathOf(inputs['health-url']) : '/', inputs['rollout-timeout']);
    const traffic = await docker.route(100, active, previousContainer);
    if (active) await docker.remove(active);
    await docker.setRole(previousContainer, 'active');
    finish('rolled-back', traffic, previousContainer.image, active?.image ?? '', 'rollback requested');
    return;
  }

  const image = inputs.image as string;
  const plan = makePlan(inputs.strategy, inputs.steps, inputs['step-duration']);
  ctx.log.info(
    `Plan: ${inputs.strategy} of ${image} to ${inputs.environment}${active ? ` (now ${active.image})` : ' (first deployment)'}; ` +
      `${inputs.strategy === 'canary' ? `traffic ${plan.steps.join(' → ')}%, ${formatSeconds(inputs['step-duration'] / 1000)} per step, ` : ''}at least ${formatSeconds(plan.minimumMs / 1000)}.`,
  );
  if (plan.minimumMs > JOB_LIMIT_MS) {
    throw new ConfigError(
      `the plan takes at least ${formatSeconds(plan.minimumMs / 1000)}, longer than a job may run (6 hours); use fewer steps or a shorter step-duration`,
    );
  }
  const stale = containers.filter((container) => container.role === 'candidate' || container.role === 'stale');
  for (const container of stale) await docker.remove(container);
  const env = { DEPLOY_ENVIRONMENT: inputs.environment, DEPLOY_IMAGE: image, DEPLOY_PREVIOUS_IMAGE: active?.image ?? '' };
  await runHooks(ctx, inputs['pre-deploy'], 'pre-deploy', env);

  const slot: 'a' | 'b' = active?.slot === 'a' ? 'b' : 'a';
  if (previousContainer && previousContainer.slot === slot) await docker.remove(previousContainer);
  const candidate = await docker.start(image, slot);
  ctx.saveState('in-progress', {
    service: inputs.service,
    ports: inputs['docker-ports'] as [number, number],
    upstreamFile: inputs['nginx-upstream-file'] as string,
    reload: inputs['nginx-reload'],
    runArgs: inputs['docker-run-args'] ?? [],
  } satisfies InProgress);
  let traffic = 0;
  try {
    await waitHealthy(ctx, docker, candidate, inputs['health-url'] ? pathOf(inputs['health-url']) : '/', inputs['rollout-timeout']);
    if (inputs['smoke-command'])
      await runHooks(ctx, [inputs['smoke-command']], 'smoke test', { ...env, DEPLOY_URL: `http://127.0.0.1:${candidate.port}` });
    if (inputs.strategy === 'canary' && active) {
      for (const step of plan.steps.filter((percent) => percent < 100)) {
        traffic = await docker.route(step, active, candidate);
        let window: Window = { requests: 0, errors: 0 };
        let judged = judgeWindow(0, 0, inputs['max-error-rate'], inputs['min-requests']);
        for (let extension = 0; extension <= MAX_EXTENSIONS; extension++) {
          await docker.assertRunning(candidate);
          const more = await measure(inputs, ctx, candidate, inputs['step-duration']);
          window = { requests: window.requests + more.requests, errors: window.errors + more.errors, rate: more.rate };
          judged =
            window.rate !== undefined
              ? { verdict: window.rate > inputs['max-error-rate'] ? 'fail' : 'pass', rate: window.rate }
              : judgeWindow(window.requests, window.errors, inputs['max-error-rate'], inputs['min-requests']);
          if (judged.verdict !== 'inconclusive') break;
          ctx.log.info(
            `Step ${step}%: ${window.requests} requests, fewer than min-requests ${inputs['min-requests']}; extending the window.`,
          );
        }
        steps.push({
          traffic,
          requests: Number.isFinite(window.requests) ? window.requests : 'n/a',
          rate: `${judged.rate}%`,
          verdict: judged.verdict,
        });
        ctx.log.info(
          `Step ${step}% (effective ${traffic}%): error rate ${judged.rate}% over ${Number.isFinite(window.requests) ? window.requests : 'the window'} requests → ${judged.verdict}`,
        );
        if (judged.verdict === 'inconclusive')
          throw new DeploymentFailure(
            `step ${step}% stayed inconclusive: fewer than min-requests (${inputs['min-requests']}) after ${MAX_EXTENSIONS} extensions`,
          );
        if (judged.verdict === 'fail')
          throw new DeploymentFailure(
            `error rate ${judged.rate}% at ${step}% traffic is above max-error-rate ${inputs['max-error-rate']}%`,
          );
      }
    }
    traffic = await docker.route(100, undefined, candidate);
    steps.push({ traffic: 100, requests: '', rate: '', verdict: 'switched' });
    await runHooks(ctx, inputs['post-deploy'], 'post-deploy', env);
  } catch (error) {
    const reason = errorMessage(error);
    ctx.log.error(`Rolling back: ${reason}`);
    if (active) await docker.route(0, active, candidate).catch(() => undefined);
    if (active) await docker.route(100, undefined, active);
    await docker.remove(candidate);
    ctx.saveState('in-progress', null);
    finish(active ? 'rolled-back' : 'failed', 0, image, active?.image ?? '', reason);
    ctx.fail(`deployment of ${image} ${active ? 'rolled back' : 'failed'}: ${reason}`);
    return;
  }
  // Promoted: the old version is kept as the previous one (for action: rollback), or removed after a rolling update.
  if (active) {
    if (previousContainer) await docker.remove(previousContainer);
    if (inputs.strategy === 'rolling') {
      // Give nginx's old workers a moment to finish in-flight requests before the old version goes.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await docker.remove(active);
    } else await docker.setRole(active, 'previous');
  }
  await docker.setRole(candidate, 'active');
  ctx.saveState('in-progress', null);
  finish('promoted', traffic, image, active?.image ?? '');
}

/** Runs after the job (post-if: always()): a deployment main left in progress — cancelled — is rolled back. */
export async function post(ctx: ActionContext): Promise<void> {
  const state = ctx.getState<InProgress | null>('in-progress');
  if (!state) return;
  ctx.log.warn('The deployment did not finish (the job was cancelled or failed mid-way): restoring the previous version.');
  const docker = new DockerProvider(ctx, state.service, state.ports, state.upstreamFile, state.reload, state.runArgs);
  const containers = await docker.containers();
  const active = containers.find((container) => container.role === 'active');
  const candidate = containers.find((container) => container.role === 'candidate');
  if (active) await docker.route(100, undefined, active);
  if (candidate) await docker.remove(candidate);
  ctx.setOutput('result', 'rolled-back');
  ctx.setOutput('rollback-reason', 'the job was cancelled before the deployment finished');
}
