/**
 * The Kubernetes provider, through @kubernetes/client-node (loaded only on this path). Rolling updates
 * the manifest's Deployment in place; blue-green and canary run two Deployments, `<name>-blue` and
 * `<name>-green`, whose pods carry a slot label, and move traffic by the Service's selector, by the
 * ratio of replicas, by HTTPRoute weights or by an ingress-nginx canary Ingress. The state — role,
 * revision, previous revision, traffic, start time, expiry — is recorded as annotations on the
 * Deployments, so a later run (or the post step) can finish, undo or roll back.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as k8s from '@kubernetes/client-node';
import type { ActionContext } from '../../core/context.js';
import { ConfigError } from '../../core/errors.js';
import { findFiles } from '../../core/glob.js';
import {
  ANNOTATION,
  canaryIngress,
  deploymentImage,
  type HttpRoute,
  labelSelector,
  type ManifestSet,
  otherSlot,
  PREFIX,
  podProblem,
  type Role,
  readManifests,
  rolloutState,
  SERVICE_LABEL,
  SLOT_LABEL,
  type Slot,
  slotDeployment,
  weightedRoute,
  withImage,
} from './kubernetes-manifests.js';
import { replicaSplit, routeWeights } from './plan.js';
import { DeploymentFailure, type DeployProvider, type ProviderState, type ReadyOptions, type Version } from './provider.js';

export interface KubernetesSettings {
  kubeconfig: string;
  namespace: string;
  manifests: string[];
  /** Where relative manifest paths start. */
  workspace: string;
  service: string;
  /** The HTTPRoute or Ingress name (traffic gateway-api / ingress-nginx). */
  route: string;
  traffic: 'replicas' | 'gateway-api' | 'ingress-nginx';
  strategy: 'rolling' | 'blue-green' | 'canary';
  keepPreviousMs: number;
  rolloutTimeoutMs: number;
  /** The image being deployed (empty for a rollback). */
  image: string;
}

export interface KubeVersion extends Version {
  deployment: string;
  slot?: Slot;
  /** The replicas the manifest asks for (a canary by replicas scales below it). */
  replicas: number;
  /** The image before this one (recorded on the Deployment). */
  previousRevision?: string;
  /** The percentage of traffic recorded on the Deployment. */
  traffic?: string;
}

const GATEWAY = { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes' } as const;
const CONFLICT_RETRIES = 5;
const POLL_MS = 500;

interface Clients {
  apps: k8s.AppsV1Api;
  core: k8s.CoreV1Api;
  networking: k8s.NetworkingV1Api;
  custom: k8s.CustomObjectsApi;
}

function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/** An API error as one line: the status code and the Status object's message. */
function describeApiError(error: unknown): string {
  const code = statusOf(error);
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  const body = (error as { body?: unknown }).body;
  let message = '';
  try {
    const parsed = (typeof body === 'string' ? JSON.parse(body) : body) as { message?: string } | undefined;
    message = parsed?.message ?? '';
  } catch {
    message = String(body ?? '').slice(0, 200);
  }
  return `the API server answered ${code}${message ? `: ${message}` : ''}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class KubernetesProvider implements DeployProvider<KubeVersion> {
  private manifestSet: ManifestSet | undefined;

  private constructor(
    private readonly ctx: ActionContext,
    private readonly settings: KubernetesSettings,
    private readonly clients: Clients,
  ) {}

  static async connect(ctx: ActionContext, settings: KubernetesSettings): Promise<KubernetesProvider> {
    if (!settings.kubeconfig)
      throw new ConfigError(
        'kubeconfig: no kubeconfig given; set the kubeconfig input to a file path or the KUBECONFIG environment variable',
      );
    if (!existsSync(settings.kubeconfig)) throw new ConfigError(`kubeconfig: the file '${settings.kubeconfig}' does not exist`);
    const client = await import('@kubernetes/client-node');
    const config = new client.KubeConfig();
    try {
      config.loadFromFile(settings.kubeconfig);
    } catch (error) {
      throw new ConfigError(`kubeconfig: '${settings.kubeconfig}' could not be read: ${error instanceof Error ? error.message : error}`);
    }
    if (!config.getCurrentCluster()) throw new ConfigError(`kubeconfig: '${settings.kubeconfig}' has no current context with a cluster`);
    return new KubernetesProvider(ctx, settings, {
      apps: config.makeApiClient(client.AppsV1Api),
      core: config.makeApiClient(client.CoreV1Api),
      networking: config.makeApiClient(client.NetworkingV1Api),
      custom: config.makeApiClient(client.CustomObjectsApi),
    });
  }

  describe(): ProviderState {
    return { provider: 'kubernetes', ...this.settings };
  }

  private get namespace(): string {
    return this.settings.namespace;
  }

  private get canaryService(): string {
    return `${this.settings.service}-canary`;
  }

  /** Runs one API call; an error becomes a DeploymentFailure naming what was being done. */
  private async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw new DeploymentFailure(`${what}: ${describeApiError(error)}`);
    }
  }

  /** Undefined when the object does not exist. */
  private async find<T>(what: string, request: () => Promise<T>): Promise<T | undefined> {
    try {
      return await request();
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw new DeploymentFailure(`${what}: ${describeApiError(error)}`);
    }
  }

  private async remove(what: string, request: () => Promise<unknown>): Promise<void> {
    try {
      await request();
    } catch (error) {
      if (statusOf(error) !== 404) throw new DeploymentFailure(`${what}: ${describeApiError(error)}`);
    }
  }

  /**
   * Read, change, replace — with the resourceVersion read, so a concurrent writer makes the API server
   * answer 409 Conflict instead of being overwritten; then read again and retry.
   */
  private async modify<T>(
    what: string,
    read: () => Promise<T>,
    replace: (object: T) => Promise<T>,
    change: (object: T) => void,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const object = await this.call(`reading ${what}`, read);
      change(object);
      try {
        return await replace(object);
      } catch (error) {
        if (statusOf(error) === 409 && attempt < CONFLICT_RETRIES) {
          this.ctx.log.info(`${what} changed while we updated it (409 Conflict); reading it again (attempt ${attempt + 1}).`);
          continue;
        }
        throw new DeploymentFailure(`updating ${what}: ${describeApiError(error)}`);
      }
    }
  }

  private readDeployment(name: string): Promise<k8s.V1Deployment> {
    return this.clients.apps.readNamespacedDeployment({ name, namespace: this.namespace });
  }

  private modifyDeployment(name: string, change: (deployment: k8s.V1Deployment) => void): Promise<k8s.V1Deployment> {
    return this.modify(
      `Deployment ${name}`,
      () => this.readDeployment(name),
      (body) => this.clients.apps.replaceNamespacedDeployment({ name, namespace: this.namespace, body }),
      change,
    );
  }

  private annotate(name: string, annotations: Record<string, string>, replicas?: number): Promise<k8s.V1Deployment> {
    return this.modifyDeployment(name, (deployment) => {
      deployment.metadata = { ...deployment.metadata, annotations: { ...deployment.metadata?.annotations, ...annotations } };
      if (replicas !== undefined && deployment.spec) deployment.spec.replicas = replicas;
    });
  }

  private manifests(): ManifestSet {
    if (this.manifestSet) return this.manifestSet;
    const files = findFiles(this.settings.workspace, this.settings.manifests);
    if (!files.length) throw new ConfigError(`manifests: no file matches ${this.settings.manifests.join(', ')}`);
    this.manifestSet = readManifests(
      files.map((path) => ({ path, text: readFileSync(join(this.settings.workspace, path), 'utf8') })),
      this.settings.service,
    );
    if (this.manifestSet.ignored.length)
      this.ctx.log.warn(`manifests: only the Deployment and the Service are applied; not applied: ${this.manifestSet.ignored.join(', ')}`);
    return this.manifestSet;
  }

  private versionOf(deployment: k8s.V1Deployment): KubeVersion {
    const annotations = deployment.metadata?.annotations ?? {};
    const slot = deployment.spec?.selector?.matchLabels?.[SLOT_LABEL] as Slot | undefined;
    return {
      deployment: deployment.metadata?.name ?? '',
      slot,
      revision: annotations[ANNOTATION.revision] || deploymentImage(deployment, this.settings.image),
      deployedAt: annotations[ANNOTATION.deployedAt] ?? annotations[ANNOTATION.startedAt] ?? '',
      keptUntil: annotations[ANNOTATION.expiresAt],
      replicas: Number(annotations[ANNOTATION.replicas] ?? deployment.spec?.replicas ?? 1),
      previousRevision: annotations[ANNOTATION.previousRevision],
      traffic: annotations[ANNOTATION.traffic],
    };
  }

  private async deployments(): Promise<{ deployment: k8s.V1Deployment; role: Role | undefined }[]> {
    const list = await this.call(`listing the Deployments of ${this.settings.service}`, () =>
      this.clients.apps.listNamespacedDeployment({
        namespace: this.namespace,
        labelSelector: `${SERVICE_LABEL}=${this.settings.service}`,
      }),
    );
    return list.items.map((deployment) => ({
      deployment,
      role: deployment.metadata?.annotations?.[ANNOTATION.role] as Role | undefined,
    }));
  }

  private get rolling(): boolean {
    return this.settings.strategy === 'rolling';
  }

  async versions(): Promise<{ active?: KubeVersion; previous?: KubeVersion }> {
    const deployments = await this.deployments();
    const slotted = (deployment: k8s.V1Deployment) => Boolean(deployment.spec?.selector?.matchLabels?.[SLOT_LABEL]);
    if (this.rolling) {
      // One Deployment, updated in place; the previous version is the image recorded before the update.
      // With manifests, it is the Deployment they name — also when another tool created it (no labels of ours yet).
      const named = this.settings.manifests.length ? this.manifests().deployment.metadata?.name : undefined;
      const found = named
        ? await this.find(`reading Deployment ${named}`, () => this.readDeployment(named))
        : deployments.find(({ deployment, role }) => !slotted(deployment) && role !== 'candidate')?.deployment;
      if (!found) return {};
      const annotations = found.metadata?.annotations ?? {};
      let active = this.versionOf(found);
      // Left as candidate by a run that could not finish: what should serve is the image before it.
      const before = annotations[ANNOTATION.previousRevision];
      if (annotations[ANNOTATION.role] === 'candidate' && before) active = { ...active, revision: before, previousRevision: undefined };
      const previousImage = active.previousRevision;
      return {
        active,
        previous: previousImage ? { ...active, revision: previousImage, previousRevision: undefined, keptUntil: undefined } : undefined,
      };
    }
    const withRole = (wanted: Role) => deployments.find(({ deployment, role }) => slotted(deployment) && role === wanted)?.deployment;
    const active = withRole('active');
    const previous = withRole('previous');
    return { active: active && this.versionOf(active), previous: previous && this.versionOf(previous) };
  }

  urlOf(): undefined {
    // Pods are not reachable from the runner; smoke tests get the namespace and Deployment (for kubectl port-forward).
    return undefined;
  }

  smokeEnvironment(version: KubeVersion): Record<string, string> {
    return {
      DEPLOY_NAMESPACE: this.namespace,
      DEPLOY_DEPLOYMENT: version.deployment,
      DEPLOY_SELECTOR: labelSelector(this.selectorFor(version.slot)),
    };
  }

  /** The Service, created from the manifests when the cluster does not have it yet. */
  private async ensureService(slot: Slot | undefined): Promise<void> {
    const name = this.settings.service;
    const existing = await this.find(`reading Service ${name}`, () =>
      this.clients.core.readNamespacedService({ name, namespace: this.namespace }),
    );
    if (existing) return;
    const fromManifest = this.manifests().service;
    if (!fromManifest)
      throw new ConfigError(`service: there is no Service ${name} in namespace ${this.namespace}, and the manifests do not hold one`);
    const body = structuredClone(fromManifest);
    body.metadata = { ...body.metadata, name, labels: { ...body.metadata?.labels, [SERVICE_LABEL]: name } };
    delete body.metadata.namespace;
    body.spec = { ...body.spec, selector: this.selectorFor(slot) };
    await this.call(`creating Service ${name}`, () => this.clients.core.createNamespacedService({ namespace: this.namespace, body }));
  }

  /** The pods of one slot (or, for rolling, of the Deployment): the manifest's selector plus the slot label. */
  private selectorFor(slot: Slot | undefined): Record<string, string> {
    const base = this.baseSelector();
    return slot ? { ...base, [SLOT_LABEL]: slot } : base;
  }

  private baseSelectorCache: Record<string, string> | undefined;
  private baseSelector(): Record<string, string> {
    if (!this.baseSelectorCache) throw new Error('the base selector is read in start() or from the Deployments first');
    return this.baseSelectorCache;
  }

  /** The selector without the slot label, from a Deployment this action made (rollback and post need no manifests). */
  private learnSelector(deployment: k8s.V1Deployment): void {
    const labels = { ...deployment.spec?.selector?.matchLabels };
    delete labels[SLOT_LABEL];
    this.baseSelectorCache = labels;
  }

  private async setServiceSelector(slot: Slot | undefined): Promise<void> {
    const name = this.settings.service;
    const selector = this.selectorFor(slot);
    await this.modify(
      `Service ${name}`,
      () => this.clients.core.readNamespacedService({ name, namespace: this.namespace }),
      (body) => this.clients.core.replaceNamespacedService({ name, namespace: this.namespace, body }),
      (service) => {
        service.spec = { ...service.spec, selector };
      },
    );
  }

  async start(image: string, active: KubeVersion | undefined, previous: KubeVersion | undefined): Promise<KubeVersion> {
    const manifests = this.manifests();
    const { deployment: base, containers } = withImage(manifests.deployment, image);
    this.learnSelector(base);
    const replicas = base.spec?.replicas ?? 1;
    const now = new Date().toISOString();
    this.ctx.log.info(
      `Image ${image} goes into container${containers.length > 1 ? 's' : ''} ${containers.join(', ')} of Deployment ${base.metadata?.name}.`,
    );
    const annotations = {
      [ANNOTATION.role]: 'candidate',
      [ANNOTATION.revision]: image,
      [ANNOTATION.previousRevision]: active?.revision ?? '',
      [ANNOTATION.traffic]: '0',
      [ANNOTATION.startedAt]: now,
      [ANNOTATION.replicas]: String(replicas),
    };
    if (this.rolling) {
      await this.ensureService(undefined);
      const desired = slotDeployment(base, undefined, this.settings.service, annotations);
      const name = desired.metadata?.name as string;
      await this.apply(desired);
      return { deployment: name, revision: image, deployedAt: now, replicas };
    }
    await this.cleanUp(active);
    const slot = otherSlot(active?.slot);
    await this.ensureService(active ? active.slot : slot);
    const desired = slotDeployment(base, slot, this.settings.service, annotations);
    const name = desired.metadata?.name as string;
    // The slots alternate, so the kept previous version is the one the new version replaces.
    if (previous && previous.deployment === name)
      this.ctx.log.info(`The new version replaces the kept previous version ${previous.revision} in ${name}.`);
    if (this.settings.strategy === 'canary' && active) await this.checkRouter();
    // A canary by replicas starts with one pod, outside the Service until the first step.
    if (this.settings.strategy === 'canary' && this.settings.traffic === 'replicas' && active && desired.spec) desired.spec.replicas = 1;
    await this.apply(desired);
    return { deployment: name, slot, revision: image, deployedAt: now, replicas };
  }

  /** Creates the Deployment, or replaces the one there (keeping its resourceVersion, retrying on 409). */
  private async apply(desired: k8s.V1Deployment): Promise<void> {
    const name = desired.metadata?.name as string;
    const existing = await this.find(`reading Deployment ${name}`, () => this.readDeployment(name));
    if (!existing) {
      await this.call(`creating Deployment ${name}`, () =>
        this.clients.apps.createNamespacedDeployment({ namespace: this.namespace, body: desired }),
      );
      return;
    }
    await this.modifyDeployment(name, (deployment) => {
      // Others' annotations stay; this action's state is replaced as a whole (no stale expires-at).
      const kept = Object.entries(deployment.metadata?.annotations ?? {}).filter(([key]) => !key.startsWith(`${PREFIX}/`));
      deployment.metadata = {
        ...deployment.metadata,
        labels: desired.metadata?.labels,
        annotations: { ...Object.fromEntries(kept), ...desired.metadata?.annotations },
      };
      deployment.spec = desired.spec;
    });
  }

  /** Before a canary starts: the HTTPRoute or Ingress exists and routes to the Service, so the first step can split it. */
  private async checkRouter(): Promise<void> {
    const name = this.settings.route;
    if (this.settings.traffic === 'gateway-api') {
      const route = await this.find(`reading HTTPRoute ${name}`, () =>
        this.clients.custom.getNamespacedCustomObject({ ...GATEWAY, namespace: this.namespace, name }),
      );
      if (!route) throw new ConfigError(`route: there is no HTTPRoute ${name} in namespace ${this.namespace} (traffic: gateway-api)`);
      weightedRoute(route as HttpRoute, this.settings.service, this.canaryService, { stable: 100, canary: 0 });
    }
    if (this.settings.traffic === 'ingress-nginx') {
      const ingress = await this.find(`reading Ingress ${name}`, () =>
        this.clients.networking.readNamespacedIngress({ name, namespace: this.namespace }),
      );
      if (!ingress) throw new ConfigError(`route: there is no Ingress ${name} in namespace ${this.namespace} (traffic: ingress-nginx)`);
      canaryIngress(ingress, this.settings.service, this.canaryService, 0, this.settings.service);
    }
  }

  /** What an interrupted canary left: the candidate Deployment, the canary Service and Ingress, the route's canary weight. */
  private async cleanUp(active: KubeVersion | undefined): Promise<void> {
    let leftOver = false;
    for (const { deployment, role } of await this.deployments()) {
      if (role !== 'candidate' || !deployment.metadata?.name) continue;
      const name = deployment.metadata.name;
      leftOver = true;
      this.ctx.log.info(`Removing ${name}, left behind by an interrupted deployment.`);
      await this.remove(`deleting Deployment ${name}`, () =>
        this.clients.apps.deleteNamespacedDeployment({ name, namespace: this.namespace }),
      );
    }
    if (active && (leftOver || active.traffic !== '100')) await this.routeAllTo(active);
  }

  async waitReady(version: KubeVersion, options: ReadyOptions): Promise<void> {
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
      const deployment = await this.call(`reading Deployment ${version.deployment}`, () => this.readDeployment(version.deployment));
      const state = rolloutState(deployment);
      if (state.done) return;
      await this.assertHealthy(version, deployment);
      if (Date.now() > deadline)
        throw new DeploymentFailure(
          `Deployment ${version.deployment} did not finish its rollout within the rollout-timeout (${state.summary})`,
        );
      if (options.signal.aborted) throw new DeploymentFailure('the job was cancelled');
      await sleep(POLL_MS);
    }
  }

  /** Fails fast on a pod that cannot become ready (image pull error, crash loop) instead of waiting out the timeout. */
  async assertHealthy(version: KubeVersion, known?: k8s.V1Deployment): Promise<void> {
    const deployment =
      known ?? (await this.call(`reading Deployment ${version.deployment}`, () => this.readDeployment(version.deployment)));
    const selector = labelSelector(deployment.spec?.selector?.matchLabels ?? {});
    const pods = await this.call(`listing the pods of ${version.deployment}`, () =>
      this.clients.core.listNamespacedPod({ namespace: this.namespace, labelSelector: selector }),
    );
    const image = version.revision;
    // During a rolling update the old pods share the selector; only the new version's pods count.
    const own = pods.items.filter((pod) => pod.spec?.containers?.some((container) => container.image === image) ?? true);
    const problem = podProblem(own);
    if (problem) throw new DeploymentFailure(`${version.revision} cannot become ready: ${problem}`);
  }

  private async waitFor(version: KubeVersion): Promise<void> {
    await this.waitReady(version, { timeoutMs: this.settings.rolloutTimeoutMs, healthPath: '/', signal: this.ctx.signal });
  }

  async route(percent: number, current: KubeVersion | undefined, next: KubeVersion): Promise<number> {
    if (this.rolling) return 100;
    if (!current || percent >= 100) {
      if (this.settings.traffic === 'replicas' && next.replicas) {
        await this.annotate(next.deployment, {}, next.replicas);
        await this.waitFor(next);
      }
      await this.setServiceSelector(next.slot);
      if (current) await this.clearCanaryRouting();
      await this.annotate(next.deployment, { [ANNOTATION.traffic]: '100' });
      return 100;
    }
    let effective = percent;
    if (this.settings.traffic === 'replicas') {
      const split = replicaSplit(next.replicas, percent);
      await this.annotate(next.deployment, {}, split.candidate);
      await this.waitFor(next);
      await this.setServiceSelector(undefined);
      await this.annotate(current.deployment, { [ANNOTATION.traffic]: String(100 - split.effective) }, split.active);
      effective = split.effective;
    } else {
      await this.ensureCanaryService(next.slot as Slot);
      const weights = routeWeights(percent);
      if (this.settings.traffic === 'gateway-api') await this.setRouteWeights(weights);
      else await this.setCanaryIngress(weights.canary);
    }
    await this.annotate(next.deployment, { [ANNOTATION.traffic]: String(effective) });
    return effective;
  }

  private async ensureCanaryService(slot: Slot): Promise<void> {
    const stable = await this.call(`reading Service ${this.settings.service}`, () =>
      this.clients.core.readNamespacedService({ name: this.settings.service, namespace: this.namespace }),
    );
    const body: k8s.V1Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: this.canaryService, labels: { [SERVICE_LABEL]: this.settings.service } },
      spec: { selector: this.selectorFor(slot), ports: stable.spec?.ports, type: 'ClusterIP' },
    };
    const existing = await this.find(`reading Service ${this.canaryService}`, () =>
      this.clients.core.readNamespacedService({ name: this.canaryService, namespace: this.namespace }),
    );
    if (!existing)
      await this.call(`creating Service ${this.canaryService}`, () =>
        this.clients.core.createNamespacedService({ namespace: this.namespace, body }),
      );
    else
      await this.modify(
        `Service ${this.canaryService}`,
        () => this.clients.core.readNamespacedService({ name: this.canaryService, namespace: this.namespace }),
        (replacement) =>
          this.clients.core.replaceNamespacedService({ name: this.canaryService, namespace: this.namespace, body: replacement }),
        (service) => {
          service.spec = { ...service.spec, selector: body.spec?.selector };
        },
      );
  }

  private async setRouteWeights(weights: { stable: number; canary: number }): Promise<void> {
    const name = this.settings.route;
    const target = { ...GATEWAY, namespace: this.namespace, name };
    let changed: HttpRoute | undefined;
    await this.modify<HttpRoute>(
      `HTTPRoute ${name}`,
      () => this.clients.custom.getNamespacedCustomObject(target) as Promise<HttpRoute>,
      (body) => this.clients.custom.replaceNamespacedCustomObject({ ...target, body }) as Promise<HttpRoute>,
      (route) => {
        changed = weightedRoute(route, this.settings.service, this.canaryService, weights);
        Object.assign(route, changed);
      },
    );
  }

  private async setCanaryIngress(weight: number): Promise<void> {
    const main = await this.call(`reading Ingress ${this.settings.route}`, () =>
      this.clients.networking.readNamespacedIngress({ name: this.settings.route, namespace: this.namespace }),
    );
    const body = canaryIngress(main, this.settings.service, this.canaryService, weight, this.settings.service);
    const name = body.metadata?.name as string;
    const existing = await this.find(`reading Ingress ${name}`, () =>
      this.clients.networking.readNamespacedIngress({ name, namespace: this.namespace }),
    );
    if (!existing) {
      await this.call(`creating Ingress ${name}`, () =>
        this.clients.networking.createNamespacedIngress({ namespace: this.namespace, body }),
      );
      return;
    }
    await this.modify(
      `Ingress ${name}`,
      () => this.clients.networking.readNamespacedIngress({ name, namespace: this.namespace }),
      (replacement) => this.clients.networking.replaceNamespacedIngress({ name, namespace: this.namespace, body: replacement }),
      (ingress) => {
        ingress.metadata = { ...ingress.metadata, annotations: { ...ingress.metadata?.annotations, ...body.metadata?.annotations } };
        ingress.spec = body.spec;
      },
    );
  }

  /** Removes the canary's share of the router: HTTPRoute back to the stable Service alone, canary Ingress and Service gone. */
  private async clearCanaryRouting(): Promise<void> {
    if (this.settings.traffic === 'gateway-api') await this.setRouteWeights({ stable: 100, canary: 0 });
    if (this.settings.traffic === 'ingress-nginx') {
      const name = `${this.settings.route}-canary`;
      await this.remove(`deleting Ingress ${name}`, () =>
        this.clients.networking.deleteNamespacedIngress({ name, namespace: this.namespace }),
      );
    }
    if (this.settings.traffic !== 'replicas') {
      await this.remove(`deleting Service ${this.canaryService}`, () =>
        this.clients.core.deleteNamespacedService({ name: this.canaryService, namespace: this.namespace }),
      );
    }
  }

  /** All traffic to `version`: its replicas back, the Service's selector on its slot, no canary routing. */
  private async routeAllTo(version: KubeVersion): Promise<void> {
    const deployment = await this.call(`reading Deployment ${version.deployment}`, () => this.readDeployment(version.deployment));
    this.learnSelector(deployment);
    if ((deployment.spec?.replicas ?? 0) < version.replicas) await this.annotate(version.deployment, {}, version.replicas);
    await this.setServiceSelector(version.slot);
    await this.clearCanaryRouting();
    await this.annotate(version.deployment, { [ANNOTATION.traffic]: '100' });
  }

  async promote(next: KubeVersion, current: KubeVersion | undefined, previous: KubeVersion | undefined): Promise<void> {
    const now = new Date().toISOString();
    await this.annotate(next.deployment, { [ANNOTATION.role]: 'active', [ANNOTATION.traffic]: '100', [ANNOTATION.deployedAt]: now });
    if (this.rolling || !current) return;
    const expiresAt = new Date(Date.now() + this.settings.keepPreviousMs).toISOString();
    await this.annotate(current.deployment, {
      [ANNOTATION.role]: 'previous',
      [ANNOTATION.traffic]: '0',
      [ANNOTATION.expiresAt]: expiresAt,
    });
    if (previous && previous.deployment !== next.deployment && previous.deployment !== current.deployment)
      await this.remove(`deleting Deployment ${previous.deployment}`, () =>
        this.clients.apps.deleteNamespacedDeployment({ name: previous.deployment, namespace: this.namespace }),
      );
    this.ctx.log.info(`Kept ${current.revision} (${current.deployment}) for action: rollback until ${expiresAt}.`);
  }

  async abort(next: KubeVersion, current: KubeVersion | undefined): Promise<void> {
    if (this.rolling) {
      if (!current) {
        await this.remove(`deleting Deployment ${next.deployment}`, () =>
          this.clients.apps.deleteNamespacedDeployment({ name: next.deployment, namespace: this.namespace }),
        );
        return;
      }
      await this.rollImage(next.deployment, current.revision, current.deployedAt, current.previousRevision ?? '');
      await this.waitFor(current).catch((error) =>
        this.ctx.log.warn(`The previous version is not ready yet: ${error instanceof Error ? error.message : error}`),
      );
      return;
    }
    if (current) await this.routeAllTo(current);
    await this.remove(`deleting Deployment ${next.deployment}`, () =>
      this.clients.apps.deleteNamespacedDeployment({ name: next.deployment, namespace: this.namespace }),
    );
  }

  /** Rolling: the Deployment back on `image`, recorded as active. */
  private async rollImage(name: string, image: string, deployedAt: string, previousRevision: string): Promise<void> {
    await this.modifyDeployment(name, (deployment) => {
      const updated = withImage(deployment, image).deployment;
      deployment.spec = updated.spec;
      deployment.metadata = {
        ...deployment.metadata,
        annotations: {
          ...deployment.metadata?.annotations,
          [ANNOTATION.role]: 'active',
          [ANNOTATION.revision]: image,
          [ANNOTATION.previousRevision]: previousRevision,
          [ANNOTATION.deployedAt]: deployedAt,
          [ANNOTATION.traffic]: '100',
        },
      };
    });
  }

  async restore(previous: KubeVersion, current: KubeVersion | undefined, options: ReadyOptions): Promise<void> {
    if (this.rolling) {
      await this.rollImage(previous.deployment, previous.revision, new Date().toISOString(), current?.revision ?? '');
      await this.waitReady(previous, options);
      return;
    }
    const deployment = await this.call(`reading Deployment ${previous.deployment}`, () => this.readDeployment(previous.deployment));
    this.learnSelector(deployment);
    await this.annotate(previous.deployment, { [ANNOTATION.expiresAt]: '' }, previous.replicas);
    await this.waitReady(previous, options);
    await this.setServiceSelector(previous.slot);
    await this.clearCanaryRouting();
    await this.annotate(previous.deployment, {
      [ANNOTATION.role]: 'active',
      [ANNOTATION.traffic]: '100',
      [ANNOTATION.deployedAt]: new Date().toISOString(),
    });
    if (current)
      await this.remove(`deleting Deployment ${current.deployment}`, () =>
        this.clients.apps.deleteNamespacedDeployment({ name: current.deployment, namespace: this.namespace }),
      );
  }

  async recover(): Promise<void> {
    const deployments = await this.deployments();
    const candidate = deployments.find(({ role }) => role === 'candidate')?.deployment;
    if (!candidate) return;
    const next = this.versionOf(candidate);
    if (this.rolling) {
      const previousImage = candidate.metadata?.annotations?.[ANNOTATION.previousRevision];
      await this.abort(next, previousImage ? { ...next, revision: previousImage } : undefined);
      return;
    }
    const active = deployments.find(({ role }) => role === 'active')?.deployment;
    this.learnSelector(candidate);
    await this.abort(next, active && this.versionOf(active));
  }
}
