/**
 * The Kubernetes provider's decisions over plain objects: which Deployment the manifests hold, where
 * the image goes, the blue/green Deployment made from it, when a rollout is done, which pod status
 * means it never will be, and the routing objects (canary Ingress, HTTPRoute weights). No API calls.
 */
import type { V1Deployment, V1Ingress, V1Pod, V1Service } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { ConfigError } from '../../core/errors.js';

/** Annotations and labels this action writes live under this prefix. */
export const PREFIX = 'deploy.build-tools.dev';
export const SLOT_LABEL = `${PREFIX}/slot`;
export const SERVICE_LABEL = `${PREFIX}/service`;
export const ANNOTATION = {
  role: `${PREFIX}/role`,
  revision: `${PREFIX}/revision`,
  previousRevision: `${PREFIX}/previous-revision`,
  traffic: `${PREFIX}/traffic`,
  startedAt: `${PREFIX}/started-at`,
  deployedAt: `${PREFIX}/deployed-at`,
  expiresAt: `${PREFIX}/expires-at`,
  replicas: `${PREFIX}/replicas`,
} as const;
export const NGINX_CANARY = 'nginx.ingress.kubernetes.io/canary';
export const NGINX_CANARY_WEIGHT = 'nginx.ingress.kubernetes.io/canary-weight';

export type Slot = 'blue' | 'green';
export type Role = 'active' | 'candidate' | 'previous';

export function otherSlot(slot: Slot | undefined): Slot {
  return slot === 'blue' ? 'green' : 'blue';
}

export interface ManifestSet {
  deployment: V1Deployment;
  /** The Service named by the `service` input, when the manifests hold it. */
  service?: V1Service;
  /** Kinds the manifests hold that this action does not apply (reported, not applied). */
  ignored: string[];
}

/** Reads the manifests: exactly one Deployment, optionally the Service; a file that is not YAML names itself. */
export function readManifests(files: readonly { path: string; text: string }[], serviceName: string): ManifestSet {
  const deployments: { object: V1Deployment; path: string }[] = [];
  let service: V1Service | undefined;
  const ignored: string[] = [];
  for (const file of files) {
    for (const document of parseAllDocuments(file.text)) {
      if (document.errors.length) {
        throw new ConfigError(`manifests: ${file.path} is not valid YAML: ${document.errors[0]?.message.split('\n')[0]}`, {
          file: file.path,
        });
      }
      const object = document.toJS() as { kind?: string; metadata?: { name?: string } } | null;
      if (!object) continue;
      if (!object.kind || !object.metadata?.name)
        throw new ConfigError(`manifests: ${file.path} holds an object without kind or metadata.name`, { file: file.path });
      if (object.kind === 'Deployment') deployments.push({ object: object as V1Deployment, path: file.path });
      else if (object.kind === 'Service' && object.metadata.name === serviceName) service = object as V1Service;
      else ignored.push(`${object.kind}/${object.metadata.name}`);
    }
  }
  if (deployments.length !== 1) {
    throw new ConfigError(
      `manifests: expected exactly one Deployment, found ${deployments.length}${deployments.length ? ` (${deployments.map((found) => `${found.object.metadata?.name} in ${found.path}`).join(', ')})` : ''}`,
    );
  }
  const deployment = (deployments[0] as { object: V1Deployment }).object;
  if (!deployment.spec?.selector?.matchLabels || !Object.keys(deployment.spec.selector.matchLabels).length)
    throw new ConfigError(`manifests: Deployment ${deployment.metadata?.name} needs spec.selector.matchLabels`);
  if (!deployment.spec.template?.spec?.containers?.length)
    throw new ConfigError(`manifests: Deployment ${deployment.metadata?.name} has no containers`);
  return { deployment, service, ignored };
}

/** `registry:5000/team/app:1.2@sha256:…` → `registry:5000/team/app`. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0] as string;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

/**
 * Puts `image` into the containers whose image has the same repository; when none has, into the first
 * container. Returns a copy and the names of the containers changed.
 */
export function withImage(deployment: V1Deployment, image: string): { deployment: V1Deployment; containers: string[] } {
  const copy = structuredClone(deployment);
  const containers = copy.spec?.template.spec?.containers ?? [];
  const repository = imageRepository(image);
  let matching = containers.filter((container) => container.image && imageRepository(container.image) === repository);
  if (!matching.length) matching = containers.slice(0, 1);
  for (const container of matching) container.image = image;
  return { deployment: copy, containers: matching.map((container) => container.name) };
}

/** The image a Deployment runs in the container `withImage` would change for `image` (same repository, else the first). */
export function deploymentImage(deployment: V1Deployment, image = ''): string {
  const containers = deployment.spec?.template.spec?.containers ?? [];
  const repository = image && imageRepository(image);
  const matching = containers.find((container) => repository && container.image && imageRepository(container.image) === repository);
  return (matching ?? containers[0])?.image ?? '';
}

/**
 * The Deployment for one slot (`<name>-blue` / `<name>-green`, its pods labelled with the slot) or, for
 * a rolling update, the manifest's own; labelled with the service and annotated with the deployment state.
 */
export function slotDeployment(
  base: V1Deployment,
  slot: Slot | undefined,
  service: string,
  annotations: Record<string, string>,
): V1Deployment {
  const copy = structuredClone(base);
  const metadata = copy.metadata ?? {};
  copy.metadata = {
    ...metadata,
    name: slot ? `${metadata.name}-${slot}` : metadata.name,
    labels: { ...metadata.labels, [SERVICE_LABEL]: service },
    annotations: { ...metadata.annotations, ...annotations },
  };
  delete copy.metadata.namespace;
  delete copy.status;
  if (slot && copy.spec) {
    copy.spec.selector = { ...copy.spec.selector, matchLabels: { ...copy.spec.selector.matchLabels, [SLOT_LABEL]: slot } };
    copy.spec.template.metadata = {
      ...copy.spec.template.metadata,
      labels: { ...copy.spec.template.metadata?.labels, [SLOT_LABEL]: slot },
    };
  }
  return copy;
}

/** `{a: 'b', c: 'd'}` → `a=b,c=d`, the form of a label selector in a list request. */
export function labelSelector(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** Done as `kubectl rollout status` decides: the controller saw this generation and every replica is updated and ready. */
export function rolloutState(deployment: V1Deployment): { done: boolean; summary: string } {
  const wanted = deployment.spec?.replicas ?? 1;
  const status = deployment.status ?? {};
  const observed = (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 1);
  const updated = status.updatedReplicas ?? 0;
  const ready = status.readyReplicas ?? 0;
  const total = status.replicas ?? 0;
  const done = observed && updated >= wanted && ready >= wanted && total <= wanted;
  return {
    done,
    summary: observed
      ? `${updated}/${wanted} updated, ${ready}/${wanted} ready${total > wanted ? `, ${total - wanted} old still running` : ''}`
      : 'the controller has not seen the change yet',
  };
}

/** Waiting reasons from which a pod does not recover on its own within a rollout. */
const HOPELESS = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/** The first pod that cannot become ready, as one line (pod, container, reason, message); undefined when none. */
export function podProblem(pods: readonly V1Pod[]): string | undefined {
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    if (pod.status?.phase === 'Failed')
      return `pod ${pod.metadata?.name} failed${pod.status.reason ? `: ${pod.status.reason}` : ''}${pod.status.message ? ` (${pod.status.message})` : ''}`;
    for (const container of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
      const waiting = container.state?.waiting;
      if (waiting?.reason && HOPELESS.has(waiting.reason))
        return `pod ${pod.metadata?.name}, container ${container.name}: ${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}`;
    }
  }
  return undefined;
}

/** The canary Ingress for ingress-nginx: the main Ingress's rules, sending to the canary Service, with the weight. */
export function canaryIngress(main: V1Ingress, stableService: string, canaryService: string, weight: number, service: string): V1Ingress {
  const rules = structuredClone(main.spec?.rules ?? []);
  let pointsAtStable = false;
  for (const rule of rules) {
    for (const path of rule.http?.paths ?? []) {
      if (path.backend.service?.name === stableService) {
        path.backend.service.name = canaryService;
        pointsAtStable = true;
      }
    }
  }
  if (!pointsAtStable)
    throw new ConfigError(`route: Ingress ${main.metadata?.name} has no path whose backend is the Service ${stableService}`);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: `${main.metadata?.name}-canary`,
      labels: { [SERVICE_LABEL]: service },
      annotations: { [NGINX_CANARY]: 'true', [NGINX_CANARY_WEIGHT]: String(weight) },
    },
    spec: { ...(main.spec?.ingressClassName ? { ingressClassName: main.spec.ingressClassName } : {}), rules },
  };
}

interface BackendRef {
  name: string;
  weight?: number;
  [key: string]: unknown;
}
export interface HttpRoute {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string>; [key: string]: unknown };
  spec?: { rules?: { backendRefs?: BackendRef[]; [key: string]: unknown }[]; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * The HTTPRoute with each rule that sends to the stable or the canary Service split between them by
 * weight; a weight of 0 drops the canary's backendRef. Gateway API weights are proportional integers.
 */
export function weightedRoute(route: HttpRoute, stable: string, canary: string, weights: { stable: number; canary: number }): HttpRoute {
  const copy = structuredClone(route);
  let matched = false;
  for (const rule of copy.spec?.rules ?? []) {
    const template = rule.backendRefs?.find((ref) => ref.name === stable || ref.name === canary);
    if (!template) continue;
    matched = true;
    rule.backendRefs = [
      ...(rule.backendRefs ?? []).filter((ref) => ref.name !== stable && ref.name !== canary),
      { ...template, name: stable, weight: weights.stable },
      ...(weights.canary > 0 ? [{ ...template, name: canary, weight: weights.canary }] : []),
    ];
  }
  if (!matched) throw new ConfigError(`route: HTTPRoute ${route.metadata?.name} has no rule whose backendRefs name the Service ${stable}`);
  return copy;
}
