/**
 * A stand-in for a Kubernetes API server, for the resources deploy-strategy uses: apps/v1 Deployments,
 * v1 Services and Pods, networking.k8s.io/v1 Ingresses, gateway.networking.k8s.io/v1 HTTPRoutes. No API
 * server can run on this machine, so this one speaks the REST protocol over real HTTP on 127.0.0.1:
 * GET (list with labelSelector) / POST / PUT / PATCH (merge, strategic-merge as merge, JSON patch) /
 * DELETE, Status objects with 404 / 409 / 401 / 415, a resourceVersion per write and 409 Conflict on a
 * stale PUT. A simulated deployment controller creates pods and, after `readyDelayMs`, marks them ready
 * and the Deployment's status rolled out — or, for images in `failingImages`, leaves them waiting in
 * CrashLoopBackOff / ImagePullBackOff, as the kubelet reports them. It serves HTTPS with a certificate
 * made for the run (openssl), and the kubeconfig trusts that certificate, as a cluster's does.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects are free-form JSON here.
type KubeObject = Record<string, any>;

const RESOURCES: Record<string, { kind: string; apiVersion: string; group: string }> = {
  deployments: { kind: 'Deployment', apiVersion: 'apps/v1', group: 'apps' },
  services: { kind: 'Service', apiVersion: 'v1', group: '' },
  pods: { kind: 'Pod', apiVersion: 'v1', group: '' },
  ingresses: { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', group: 'networking.k8s.io' },
  httproutes: { kind: 'HTTPRoute', apiVersion: 'gateway.networking.k8s.io/v1', group: 'gateway.networking.k8s.io' },
};

const PATH = /^\/(?:api\/v1|apis\/([^/]+)\/v1)\/namespaces\/([^/]+)\/([a-z]+)(?:\/([^/]+))?$/;

export const TOKEN = 'test-token';

export interface RecordedRequest {
  method: string;
  path: string;
  contentType?: string;
  status: number;
  /** When the request arrived (Date.now()). */
  at: number;
}

export interface KubernetesApi {
  url: string;
  /** The server's certificate (PEM), for clients other than the kubeconfig's (curl --cacert). */
  certificate: string;
  /** Images whose pods never become ready, with the waiting reason the kubelet would report. */
  failingImages: Map<string, 'CrashLoopBackOff' | 'ImagePullBackOff'>;
  /** How long the simulated controller takes to make a Deployment's pods ready. */
  readyDelayMs: number;
  requests: RecordedRequest[];
  /** Writes a kubeconfig pointing at this server (token auth, the given default namespace); returns its path. */
  writeKubeconfig(folder: string, namespace?: string): string;
  /** The next `times` PUTs of this object answer 409 Conflict, as if another writer had changed it first. */
  conflictOn(resource: string, namespace: string, name: string, times?: number): void;
  get(resource: string, namespace: string, name: string): KubeObject | undefined;
  list(resource: string, namespace: string): KubeObject[];
  /** Stores an object as if created by someone else (resourceVersion and metadata filled in). */
  seed(resource: string, namespace: string, object: KubeObject): KubeObject;
  reset(): void;
  close(): Promise<void>;
}

function status(code: number, reason: string, message: string, details?: { name?: string; kind?: string }): KubeObject {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code };
}

function matchesSelector(labels: Record<string, string> | undefined, selector: string | null): boolean {
  if (!selector) return true;
  return selector
    .split(',')
    .filter(Boolean)
    .every((term) => {
      const negated = /^([^!=]+)!=(.*)$/.exec(term);
      if (negated) return labels?.[negated[1] as string] !== negated[2];
      const [key, value] = term.split(/==?/) as [string, string | undefined];
      return value === undefined ? key in (labels ?? {}) : labels?.[key] === value;
    });
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const result: KubeObject = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as KubeObject) } : {};
  for (const [key, value] of Object.entries(patch as KubeObject)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** RFC 6902 JSON patch: add, replace, remove, test. */
function jsonPatch(target: KubeObject, operations: { op: string; path: string; value?: unknown }[]): KubeObject {
  const document = structuredClone(target);
  for (const operation of operations) {
    const keys = operation.path
      .split('/')
      .slice(1)
      .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop() as string;
    let parent: KubeObject = document;
    for (const key of keys) parent = parent[key] ??= {};
    if (operation.op === 'add' || operation.op === 'replace') {
      if (Array.isArray(parent))
        parent.splice(last === '-' ? parent.length : Number(last), operation.op === 'replace' ? 1 : 0, operation.value);
      else parent[last] = operation.value;
    } else if (operation.op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (operation.op === 'test') {
      if (JSON.stringify(parent[last]) !== JSON.stringify(operation.value)) throw new Error(`test failed at ${operation.path}`);
    } else throw new Error(`unsupported op ${operation.op}`);
  }
  return document;
}

/** A self-signed certificate for 127.0.0.1, made for this run. */
function makeCertificate(): { key: string; certificate: string } {
  const folder = mkdtempSync(join(tmpdir(), 'kubernetes-api-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=kubernetes-api-test',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(folder, 'key.pem'),
      '-out',
      join(folder, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const result = { key: readFileSync(join(folder, 'key.pem'), 'utf8'), certificate: readFileSync(join(folder, 'cert.pem'), 'utf8') };
  rmSync(folder, { recursive: true, force: true });
  return result;
}

export async function startKubernetesApi(): Promise<KubernetesApi> {
  const { key: tlsKey, certificate } = makeCertificate();
  const store = new Map<string, KubeObject>();
  const conflicts = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  let resourceVersion = 1000;
  const key = (resource: string, namespace: string, name: string) => `${resource}/${namespace}/${name}`;
  const nextVersion = () => String(++resourceVersion);

  const api: KubernetesApi = {
    url: '',
    certificate,
    failingImages: new Map(),
    readyDelayMs: 300,
    requests,
    writeKubeconfig(folder, namespace = 'default') {
      const path = join(folder, 'kubeconfig');
      writeFileSync(
        path,
        [
          'apiVersion: v1',
          'kind: Config',
          'clusters:',
          '- name: test',
          `  cluster: { server: "${api.url}", certificate-authority-data: ${Buffer.from(certificate).toString('base64')} }`,
          'users:',
          '- name: deployer',
          `  user: { token: ${TOKEN} }`,
          'contexts:',
          '- name: test',
          `  context: { cluster: test, user: deployer, namespace: ${namespace} }`,
          'current-context: test',
          '',
        ].join('\n'),
      );
      return path;
    },
    conflictOn(resource, namespace, name, times = 1) {
      conflicts.set(key(resource, namespace, name), times);
    },
    get: (resource, namespace, name) => store.get(key(resource, namespace, name)),
    list: (resource, namespace) => [...store.entries()].filter(([k]) => k.startsWith(`${resource}/${namespace}/`)).map(([, v]) => v),
    seed(resource, namespace, object) {
      const stored = create(resource, namespace, structuredClone(object));
      return stored;
    },
    reset() {
      store.clear();
      conflicts.clear();
      requests.length = 0;
      api.failingImages.clear();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function create(resource: string, namespace: string, object: KubeObject): KubeObject {
    const info = RESOURCES[resource] as { kind: string; apiVersion: string };
    object.apiVersion = info.apiVersion;
    object.kind = info.kind;
    object.metadata = {
      ...object.metadata,
      namespace,
      uid: randomUUID(),
      resourceVersion: nextVersion(),
      creationTimestamp: new Date().toISOString(),
      generation: 1,
    };
    if (resource === 'deployments') object.status = {};
    store.set(key(resource, namespace, object.metadata.name), object);
    if (resource === 'deployments') reconcile(namespace, object.metadata.name);
    return object;
  }

  /** Stores a changed object: a new resourceVersion, and a new generation when the spec changed. */
  function update(resource: string, namespace: string, stored: KubeObject, next: KubeObject): KubeObject {
    next.apiVersion = stored.apiVersion;
    next.kind = stored.kind;
    const specChanged = JSON.stringify(next.spec) !== JSON.stringify(stored.spec);
    next.metadata = {
      ...next.metadata,
      name: stored.metadata.name,
      namespace,
      uid: stored.metadata.uid,
      creationTimestamp: stored.metadata.creationTimestamp,
      resourceVersion: nextVersion(),
      generation: (stored.metadata.generation ?? 1) + (specChanged ? 1 : 0),
    };
    // Writes to the main resource leave the status alone (it has its own subresource).
    if ('status' in stored) next.status = stored.status;
    store.set(key(resource, namespace, stored.metadata.name), next);
    if (resource === 'deployments' && specChanged) reconcile(namespace, stored.metadata.name);
    return next;
  }

  function podsOf(namespace: string, deployment: KubeObject): [string, KubeObject][] {
    return [...store.entries()].filter(
      ([k, pod]) => k.startsWith(`pods/${namespace}/`) && pod.metadata.ownerDeployment === deployment.metadata.name,
    );
  }

  /** The simulated deployment controller: pods for the current template, then the rollout status. */
  function reconcile(namespace: string, name: string): void {
    const deployment = store.get(key('deployments', namespace, name));
    if (!deployment) return;
    const generation = deployment.metadata.generation;
    const template = deployment.spec?.template ?? {};
    const hash = createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 8);
    const replicas = deployment.spec?.replicas ?? 1;
    const containers: KubeObject[] = template.spec?.containers ?? [];
    const failing = containers.map((container) => api.failingImages.get(container.image)).find(Boolean);
    const makePods = (ready: boolean) => {
      const existing = podsOf(namespace, deployment);
      // Ready: the new pods replace every old one. Not yet: the old pods keep serving beside the new.
      if (ready) for (const [podKey] of existing) store.delete(podKey);
      const kept = ready ? 0 : existing.filter(([, pod]) => pod.metadata.templateHash === hash).length;
      for (let index = kept; index < replicas; index++) {
        const podName = `${name}-${hash}-${index}`;
        store.set(key('pods', namespace, podName), {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: podName,
            namespace,
            labels: { ...template.metadata?.labels, 'pod-template-hash': hash },
            resourceVersion: nextVersion(),
            ownerDeployment: name,
            templateHash: hash,
          },
          spec: { containers: containers.map((container) => ({ name: container.name, image: container.image })) },
          status: {
            phase: ready ? 'Running' : 'Pending',
            containerStatuses: containers.map((container) => ({
              name: container.name,
              image: container.image,
              ready,
              restartCount: failing === 'CrashLoopBackOff' ? 3 : 0,
              state: ready
                ? { running: { startedAt: new Date().toISOString() } }
                : {
                    waiting: failing
                      ? {
                          reason: failing,
                          message:
                            failing === 'ImagePullBackOff'
                              ? `Back-off pulling image "${container.image}"`
                              : `back-off 40s restarting failed container=${container.name}`,
                        }
                      : { reason: 'ContainerCreating' },
                  },
            })),
          },
        });
      }
    };
    // At once: pods of the new template appear, not ready (old ones stay until the new are ready).
    makePods(false);
    setTimeout(() => {
      const current = store.get(key('deployments', namespace, name));
      if (!current || current.metadata.generation !== generation) return;
      if (failing) {
        // Never ready: the controller has seen the generation, the new pods wait, the old keep serving.
        const all = podsOf(namespace, current);
        const old = all.filter(([, pod]) => pod.metadata.templateHash !== hash).length;
        current.status = {
          observedGeneration: generation,
          replicas: all.length,
          updatedReplicas: replicas,
          readyReplicas: old,
          availableReplicas: old,
        };
      } else {
        makePods(true);
        current.status = {
          observedGeneration: generation,
          replicas,
          updatedReplicas: replicas,
          readyReplicas: replicas,
          availableReplicas: replicas,
        };
      }
      current.metadata.resourceVersion = nextVersion();
    }, api.readyDelayMs);
  }

  function send(response: ServerResponse, code: number, body: KubeObject, record: RecordedRequest): void {
    record.status = code;
    response.writeHead(code, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname + url.search,
      contentType: request.headers['content-type'],
      status: 0,
      at: Date.now(),
    };
    requests.push(record);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (request.headers.authorization !== `Bearer ${TOKEN}`)
      return send(response, 401, status(401, 'Unauthorized', 'Unauthorized'), record);
    const match = PATH.exec(url.pathname);
    const resource = match?.[3] as string;
    const info = RESOURCES[resource];
    if (!match || !info || (match[1] ?? '') !== info.group)
      return send(response, 404, status(404, 'NotFound', `the server could not find the requested resource (${url.pathname})`), record);
    const namespace = match[2] as string;
    const name = match[4] ? decodeURIComponent(match[4]) : undefined;
    const notFound = () =>
      send(
        response,
        404,
        status(404, 'NotFound', `${resource}.${info.group || 'core'} "${name}" not found`, { name, kind: resource }),
        record,
      );
    let body: KubeObject = {};
    if (text) {
      try {
        body = JSON.parse(text) as KubeObject;
      } catch {
        return send(response, 400, status(400, 'BadRequest', 'the body is not JSON'), record);
      }
    }
    const method = request.method ?? 'GET';
    if (!name) {
      if (method === 'GET') {
        const items = api
          .list(resource, namespace)
          .filter((object) => matchesSelector(object.metadata.labels, url.searchParams.get('labelSelector')));
        return send(
          response,
          200,
          { apiVersion: info.apiVersion, kind: `${info.kind}List`, metadata: { resourceVersion: String(resourceVersion) }, items },
          record,
        );
      }
      if (method === 'POST') {
        const objectName = body.metadata?.name;
        if (!objectName)
          return send(response, 422, status(422, 'Invalid', `${info.kind} is invalid: metadata.name: Required value`), record);
        if (store.has(key(resource, namespace, objectName)))
          return send(
            response,
            409,
            status(409, 'AlreadyExists', `${resource} "${objectName}" already exists`, { name: objectName, kind: resource }),
            record,
          );
        return send(response, 201, create(resource, namespace, body), record);
      }
      return send(response, 405, status(405, 'MethodNotAllowed', `${method} is not allowed on a collection here`), record);
    }
    const stored = store.get(key(resource, namespace, name));
    if (method === 'GET') return stored ? send(response, 200, stored, record) : notFound();
    if (method === 'DELETE') {
      if (!stored) return notFound();
      store.delete(key(resource, namespace, name));
      if (resource === 'deployments') for (const [podKey] of podsOf(namespace, stored)) store.delete(podKey);
      return send(
        response,
        200,
        { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, kind: resource } },
        record,
      );
    }
    if (method === 'PUT') {
      if (!stored) return notFound();
      const pending = conflicts.get(key(resource, namespace, name)) ?? 0;
      if (pending > 0) {
        // Another writer got there first: its change bumps the resourceVersion, so the PUT is stale.
        conflicts.set(key(resource, namespace, name), pending - 1);
        stored.metadata.annotations = { ...stored.metadata.annotations, 'example.com/other-writer': String(pending) };
        stored.metadata.resourceVersion = nextVersion();
      }
      if (body.metadata?.resourceVersion && body.metadata.resourceVersion !== stored.metadata.resourceVersion) {
        return send(
          response,
          409,
          status(
            409,
            'Conflict',
            `Operation cannot be fulfilled on ${resource}.${info.group || 'core'} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
            { name, kind: resource },
          ),
          record,
        );
      }
      return send(response, 200, update(resource, namespace, stored, body), record);
    }
    if (method === 'PATCH') {
      if (!stored) return notFound();
      const type = (request.headers['content-type'] ?? '').split(';')[0];
      let next: KubeObject;
      try {
        if (type === 'application/merge-patch+json' || type === 'application/strategic-merge-patch+json')
          next = mergePatch(structuredClone(stored), body) as KubeObject;
        else if (type === 'application/json-patch+json') next = jsonPatch(stored, body as unknown as { op: string; path: string }[]);
        else
          return send(
            response,
            415,
            status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format: ${type}`),
            record,
          );
      } catch (error) {
        return send(response, 422, status(422, 'Invalid', String(error)), record);
      }
      return send(response, 200, update(resource, namespace, stored, next), record);
    }
    return send(response, 405, status(405, 'MethodNotAllowed', `${method} is not allowed`), record);
  }

  const server: Server = createServer({ key: tlsKey, cert: certificate }, (request, response) => {
    handle(request, response).catch((error) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status(500, 'InternalError', String(error))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}
