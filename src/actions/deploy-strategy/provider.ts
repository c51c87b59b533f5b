/**
 * What the strategies need from where they deploy. main.ts runs rolling, blue-green and canary — the
 * gates, the rollback, the post step — against this interface; DockerProvider (containers behind
 * nginx) and KubernetesProvider (Deployments behind a Service, HTTPRoute or Ingress) implement it.
 */
import { ConfigError } from '../../core/errors.js';

export interface Version {
  /** The image this version runs. */
  revision: string;
  /** ISO time it was deployed (recorded on the resource). */
  deployedAt: string;
  /** ISO time after which a kept previous version may be removed (keep-previous); absent when not recorded. */
  keptUntil?: string;
}

export interface ReadyOptions {
  timeoutMs: number;
  /** Path probed on the version where the provider can reach it (docker). */
  healthPath: string;
  signal: AbortSignal;
}

export interface DeployProvider<V extends Version = Version> {
  /** The version serving now and the one kept for `action: rollback`, read from the resources. */
  versions(): Promise<{ active?: V; previous?: V }>;
  /** Removes what an interrupted run left behind, then starts `image` without traffic (rolling: updates in place). */
  start(image: string, active: V | undefined, previous: V | undefined): Promise<V>;
  /** Resolves when `version` is ready; throws at once when it cannot become ready (crash loop, image pull error). */
  waitReady(version: V, options: ReadyOptions): Promise<void>;
  /** Throws when `version` broke (exited, crash-looping) — checked during each canary step. */
  assertHealthy(version: V): Promise<void>;
  /** Where the runner can reach `version` alone, if it can (smoke tests and the http error-rate probe). */
  urlOf(version: V): string | undefined;
  /** Variables for the smoke test that say where `version` runs (DEPLOY_URL, or namespace and Deployment). */
  smokeEnvironment(version: V): Record<string, string>;
  /** Sends `percent` of the traffic to `next` and the rest to `current`; returns the percentage actually reached. */
  route(percent: number, current: V | undefined, next: V): Promise<number>;
  /** The new version is serving 100%: records it as active and keeps the old one as previous (not after rolling). */
  promote(next: V, current: V | undefined, previous: V | undefined): Promise<void>;
  /** Puts 100% back on `current` (when there is one) and removes `next`. */
  abort(next: V, current: V | undefined): Promise<void>;
  /** `action: rollback`: brings `previous` back with all the traffic; `current` is removed. */
  restore(previous: V, current: V | undefined, options: ReadyOptions): Promise<void>;
  /** Undoes a deployment that main left in progress (the post step after a cancellation). */
  recover(): Promise<void>;
  /** JSON the post step needs to rebuild this provider. */
  describe(): ProviderState;
}

export type ProviderState = { provider: 'docker' | 'kubernetes' } & Record<string, unknown>;

/**
 * Raised by a provider or a gate: the deployment cannot go on and rolls back; the message is the reason.
 * The user's to fix (their image, their gate), so outside a rollback it is one error line, not a bug report.
 */
export class DeploymentFailure extends ConfigError {}
