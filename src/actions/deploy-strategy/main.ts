/**
 * deploy-strategy: the deployment control loop inside the job — rolling, blue-green or canary with
 * health checks, smoke tests, an error-rate gate per step and automatic rollback on any failure,
 * including cancellation (the post step). The strategies run against a provider (provider.ts): docker
 * (containers behind nginx on one host) or kubernetes (Deployments behind a Service or a router).
 */
import { existsSync } from 'node:fs';
import { delimiter, dirname } from 'node:path';
import type { ActionContext } from '../../core/context.js';
import { ConfigError, errorMessage } from '../../core/errors.js';
import { formatSeconds } from '../../core/metrics/summary.js';
import { DockerProvider, type DockerSettings } from './docker-provider.js';
import { commandRate, probeWindow, prometheusRate, type Window } from './error-rate.js';
import type { Inputs } from './inputs.js';
import type { KubernetesSettings } from './kubernetes-provider.js';
import { JOB_LIMIT_MS, judgeWindow, makePlan, type Verdict } from './plan.js';
import { DeploymentFailure, type DeployProvider, type ProviderState, type ReadyOptions, type Version } from './provider.js';

interface StepRecord {
  traffic: number;
  requests: number | string;
  rate: string;
  verdict: Verdict | 'switched';
}

const MAX_EXTENSIONS = 3;

/** The provider for a state saved by `describe()`; the Kubernetes client is loaded only on that path. */
async function providerFor(ctx: ActionContext, state: ProviderState): Promise<DeployProvider> {
  if (state.provider === 'kubernetes') {
    const { KubernetesProvider } = await import('./kubernetes-provider.js');
    return KubernetesProvider.connect(ctx, state as unknown as KubernetesSettings);
  }
  return new DockerProvider(ctx, state as unknown as DockerSettings);
}

function settingsOf(inputs: Inputs, ctx: ActionContext): ProviderState {
  if (inputs.provider === 'kubernetes') {
    return {
      provider: 'kubernetes',
      // As kubectl: the input, else KUBECONFIG (its first file when it lists several).
      kubeconfig: inputs.kubeconfig ? ctx.resolvePath(inputs.kubeconfig) : (process.env.KUBECONFIG?.split(delimiter).find(Boolean) ?? ''),
      namespace: inputs.namespace,
      manifests: inputs.manifests ?? [],
      workspace: ctx.resolvePath('.'),
      service: inputs.service,
      route: inputs.route ?? inputs.service,
      traffic: inputs.traffic,
      strategy: inputs.strategy,
      keepPreviousMs: inputs['keep-previous'],
      rolloutTimeoutMs: inputs['rollout-timeout'],
      image: inputs.image ?? '',
    } satisfies KubernetesSettings & ProviderState;
  }
  if (!existsSync(dirname(inputs['nginx-upstream-file'] as string))) {
    throw new ConfigError(`nginx-upstream-file '${inputs['nginx-upstream-file']}' is not in an existing folder`);
  }
  return {
    provider: 'docker',
    service: inputs.service,
    ports: inputs['docker-ports'] as [number, number],
    upstreamFile: inputs['nginx-upstream-file'] as string,
    reload: inputs['nginx-reload'],
    runArgs: inputs['docker-run-args'] ?? [],
    keepsPrevious: inputs.strategy !== 'rolling',
  } satisfies DockerSettings & ProviderState;
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
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

/** One observation window; the http probe goes to the new version alone where the provider can reach it, else to health-url. */
async function measure(inputs: Inputs, ctx: ActionContext, candidateUrl: string | undefined, ms: number): Promise<Window> {
  if (inputs['error-rate-source'] === 'command')
    return commandRate(ctx, inputs['error-rate-command'] as string, { DEPLOY_CANDIDATE_URL: candidateUrl ?? '' });
  if (inputs['error-rate-source'] === 'prometheus') {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return prometheusRate(inputs['prometheus-url'] as string, inputs['prometheus-query'] as string);
  }
  const healthUrl = inputs['health-url'] as string;
  const url = candidateUrl ? `${candidateUrl}${pathOf(healthUrl)}` : healthUrl;
  return probeWindow(url, ms, inputs['min-requests'], ctx.signal);
}

export async function main(inputs: Inputs, ctx: ActionContext): Promise<void> {
  const started = Date.now();
  const settings = settingsOf(inputs, ctx);
  const provider = await providerFor(ctx, settings);
  const { active, previous } = await provider.versions();
  const readyOptions: ReadyOptions = {
    timeoutMs: inputs['rollout-timeout'],
    healthPath: inputs['health-url'] ? pathOf(inputs['health-url']) : '/',
    signal: ctx.signal,
  };
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
    if (!previous)
      throw new ConfigError(
        `no previous version of ${inputs.service} is kept to roll back to (kept for keep-previous after each deployment)`,
      );
    if (previous.keptUntil && Date.parse(previous.keptUntil) < Date.now())
      ctx.log.warn(`The previous version ${previous.revision} was kept until ${previous.keptUntil} (keep-previous); rolling back anyway.`);
    await provider.restore(previous, active, readyOptions);
    finish('rolled-back', 100, previous.revision, active?.revision ?? '', 'rollback requested');
    return;
  }

  const image = inputs.image as string;
  const plan = makePlan(inputs.strategy, inputs.steps, inputs['step-duration']);
  ctx.log.info(
    `Plan: ${inputs.strategy} of ${image} to ${inputs.environment}${active ? ` (now ${active.revision})` : ' (first deployment)'}; ` +
      `${inputs.strategy === 'canary' ? `traffic ${plan.steps.join(' → ')}%, ${formatSeconds(inputs['step-duration'] / 1000)} per step, ` : ''}at least ${formatSeconds(plan.minimumMs / 1000)}.`,
  );
  if (plan.minimumMs > JOB_LIMIT_MS) {
    throw new ConfigError(
      `the plan takes at least ${formatSeconds(plan.minimumMs / 1000)}, longer than a job may run (6 hours); use fewer steps or a shorter step-duration`,
    );
  }
  const env = { DEPLOY_ENVIRONMENT: inputs.environment, DEPLOY_IMAGE: image, DEPLOY_PREVIOUS_IMAGE: active?.revision ?? '' };
  await runHooks(ctx, inputs['pre-deploy'], 'pre-deploy', env);

  ctx.saveState('in-progress', settings);
  let candidate: Version | undefined;
  let traffic = 0;
  try {
    candidate = await provider.start(image, active, previous);
    await provider.waitReady(candidate, readyOptions);
    const candidateUrl = provider.urlOf(candidate);
    if (inputs['smoke-command'])
      await runHooks(ctx, [inputs['smoke-command']], 'smoke test', {
        ...env,
        DEPLOY_URL: inputs['health-url'] ?? '',
        ...provider.smokeEnvironment(candidate),
      });
    if (inputs.strategy === 'canary' && active) {
      for (const step of plan.steps.filter((percent) => percent < 100)) {
        traffic = await provider.route(step, active, candidate);
        let window: Window = { requests: 0, errors: 0 };
        let judged = judgeWindow(0, 0, inputs['max-error-rate'], inputs['min-requests']);
        for (let extension = 0; extension <= MAX_EXTENSIONS; extension++) {
          await provider.assertHealthy(candidate);
          const more = await measure(inputs, ctx, candidateUrl, inputs['step-duration']);
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
    traffic = await provider.route(100, active, candidate);
    steps.push({ traffic: 100, requests: '', rate: '', verdict: 'switched' });
    await runHooks(ctx, inputs['post-deploy'], 'post-deploy', env);
  } catch (error) {
    const reason = errorMessage(error);
    ctx.log.error(`Rolling back: ${reason}`);
    if (candidate) await provider.abort(candidate, active);
    ctx.saveState('in-progress', null);
    finish(active ? 'rolled-back' : 'failed', 0, image, active?.revision ?? '', reason);
    ctx.fail(`deployment of ${image} ${active ? 'rolled back' : 'failed'}: ${reason}`);
    return;
  }
  // Promoted: the old version is kept as the previous one (for action: rollback), or removed after a rolling update.
  await provider.promote(candidate, active, previous);
  ctx.saveState('in-progress', null);
  finish('promoted', traffic, image, active?.revision ?? '');
}

/** Runs after the job (post-if: always()): a deployment main left in progress — cancelled — is rolled back. */
export async function post(ctx: ActionContext): Promise<void> {
  const state = ctx.getState<ProviderState | null>('in-progress');
  if (!state) return;
  ctx.log.warn('The deployment did not finish (the job was cancelled or failed mid-way): restoring the previous version.');
  const provider = await providerFor(ctx, state);
  await provider.recover();
  ctx.setOutput('result', 'rolled-back');
  ctx.setOutput('rollback-reason', 'the job was cancelled before the deployment finished');
}
