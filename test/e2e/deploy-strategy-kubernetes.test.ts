/**
 * deploy-strategy end to end with the kubernetes provider: the compiled action, through the
 * unmodified @kubernetes/client-node, against test/services/kubernetes-api.ts — an HTTP server on
 * 127.0.0.1 speaking the Kubernetes REST API with a simulated deployment controller (no API server can
 * run on this machine). Each case uses its own namespace.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTemporaryFolders, runAction, temporaryFolder } from '../harness.js';
import { type KubernetesApi, startKubernetesApi, TOKEN } from '../services/kubernetes-api.js';

const PREFIX = 'deploy.build-tools.dev';
const SLOT = `${PREFIX}/slot`;
const IMAGE = 'registry.example/shop';

afterAll(removeTemporaryFolders);

describe('deploy-strategy with the kubernetes provider', () => {
  let api: KubernetesApi;
  let workspace: string;
  let kubeconfig: string;

  beforeAll(async () => {
    api = await startKubernetesApi();
    workspace = temporaryFolder('deploy-k8s-');
    kubeconfig = api.writeKubeconfig(workspace);
    writeFileSync(join(workspace, 'ca.pem'), api.certificate);
    writeFileSync(
      join(workspace, 'deployment.yaml'),
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: shop, labels: { app: shop } }',
        'spec:',
        '  replicas: 4',
        '  selector: { matchLabels: { app: shop } }',
        '  template:',
        '    metadata: { labels: { app: shop } }',
        '    spec:',
        '      containers:',
        `      - { name: web, image: "${IMAGE}:placeholder", ports: [{ containerPort: 8080 }] }`,
        '      - { name: log-shipper, image: "registry.example/shipper:3" }',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: { name: shop }',
        'spec: { selector: { app: shop }, ports: [{ port: 80, targetPort: 8080 }] }',
        '---',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: { name: shop-settings }',
        'data: { mode: production }',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await api?.close();
  });

  const deploy = (
    namespace: string,
    inputs: Record<string, string>,
    options: { timeoutMs?: number; jobStatus?: 'cancelled'; env?: Record<string, string> } = {},
  ) =>
    runAction('deploy-strategy', {
      workspace,
      ...options,
      inputs: {
        provider: 'kubernetes',
        kubeconfig,
        namespace,
        manifests: '*.yaml',
        service: 'shop',
        'step-duration': '1s',
        'rollout-timeout': '60s',
        'error-rate-source': 'command',
        'error-rate-command': 'echo 0.2',
        ...inputs,
      },
    });

  const deployment = (namespace: string, name: string) => api.get('deployments', namespace, name);
  const selector = (namespace: string) => api.get('services', namespace, 'shop')?.spec.selector;
  const webImage = (namespace: string, name: string) =>
    deployment(namespace, name)?.spec.template.spec.containers.find((container: { name: string }) => container.name === 'web')?.image;

  it('updates rolling in place, substituting the image into the matching container, and records the state', async () => {
    const first = await deploy('rolling', { strategy: 'rolling', image: `${IMAGE}:v1` });
    expect(first.main.exitCode, first.main.stdout).toBe(0);
    expect(first.main.outputs).toMatchObject({ result: 'promoted', traffic: '100', revision: `${IMAGE}:v1`, 'previous-revision': '' });
    expect(first.main.stdout).toContain('not applied: ConfigMap/shop-settings');
    expect(selector('rolling')).toEqual({ app: 'shop' });

    const second = await deploy('rolling', { strategy: 'rolling', image: `${IMAGE}:v2` });
    expect(second.main.exitCode, second.main.stdout).toBe(0);
    expect(second.main.outputs).toMatchObject({ result: 'promoted', revision: `${IMAGE}:v2`, 'previous-revision': `${IMAGE}:v1` });
    const shop = deployment('rolling', 'shop');
    expect(webImage('rolling', 'shop')).toBe(`${IMAGE}:v2`);
    expect(shop?.spec.template.spec.containers[1].image).toBe('registry.example/shipper:3');
    expect(shop?.status).toMatchObject({ readyReplicas: 4, updatedReplicas: 4, observedGeneration: shop?.metadata.generation });
    expect(shop?.metadata.annotations).toMatchObject({
      [`${PREFIX}/role`]: 'active',
      [`${PREFIX}/revision`]: `${IMAGE}:v2`,
      [`${PREFIX}/previous-revision`]: `${IMAGE}:v1`,
      [`${PREFIX}/traffic`]: '100',
    });
    expect(Date.parse(shop?.metadata.annotations[`${PREFIX}/started-at`])).toBeGreaterThan(Date.now() - 60_000);
  });

  it('fails fast on an image that cannot be pulled and rolls the Deployment back to the previous image', async () => {
    api.failingImages.set(`${IMAGE}:typo`, 'ImagePullBackOff');
    const run = await deploy('rolling', { strategy: 'rolling', image: `${IMAGE}:typo` });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.outputs).toMatchObject({ result: 'rolled-back', traffic: '0', 'previous-revision': `${IMAGE}:v2` });
    expect(run.main.outputs['rollback-reason']).toMatch(/cannot become ready: pod shop-\w+-\d, container web: ImagePullBackOff/);
    expect(Number(run.main.outputs.duration)).toBeLessThan(10);
    expect(webImage('rolling', 'shop')).toBe(`${IMAGE}:v2`);
  });

  it('takes over a Deployment another tool made, and on failure puts its own image back rather than deleting it', async () => {
    api.seed('deployments', 'adopt', {
      metadata: { name: 'shop', labels: { app: 'shop' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'shop' } },
        template: {
          metadata: { labels: { app: 'shop' } },
          spec: {
            containers: [
              { name: 'log-shipper', image: 'registry.example/shipper:3' },
              { name: 'web', image: `${IMAGE}:v0` },
            ],
          },
        },
      },
    });
    const run = await deploy('adopt', { strategy: 'rolling', image: `${IMAGE}:typo` });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.outputs).toMatchObject({ result: 'rolled-back', 'previous-revision': `${IMAGE}:v0` });
    expect(webImage('adopt', 'shop')).toBe(`${IMAGE}:v0`);
    // The spec is the manifest's from now on; only the image is the one that served before.
    expect(
      deployment('adopt', 'shop')?.spec.template.spec.containers.map((container: { name: string; image: string }) => container.image),
    ).toEqual([`${IMAGE}:v0`, 'registry.example/shipper:3']);
  });

  it('rolls a rolling deployment back to the recorded previous image on request', async () => {
    const run = await deploy('rolling', { strategy: 'rolling', action: 'rollback' });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(run.main.outputs).toMatchObject({ result: 'rolled-back', revision: `${IMAGE}:v1`, 'previous-revision': `${IMAGE}:v2` });
    expect(webImage('rolling', 'shop')).toBe(`${IMAGE}:v1`);
  });

  it('deploys blue-green: waits for the rollout, switches the selector, keeps blue annotated with its expiry, retries a 409', async () => {
    const first = await deploy('bg', { strategy: 'blue-green', image: `${IMAGE}:v1` });
    expect(first.main.exitCode, first.main.stdout).toBe(0);
    expect(selector('bg')).toEqual({ app: 'shop', [SLOT]: 'blue' });
    expect(webImage('bg', 'shop-blue')).toBe(`${IMAGE}:v1`);

    api.conflictOn('services', 'bg', 'shop', 2);
    const before = api.requests.length;
    const smokeLog = join(workspace, 'smoke.log');
    const second = await deploy('bg', {
      strategy: 'blue-green',
      image: `${IMAGE}:v2`,
      'keep-previous': '2h',
      'smoke-command': `echo "$DEPLOY_NAMESPACE $DEPLOY_DEPLOYMENT $DEPLOY_SELECTOR" > ${smokeLog}`,
    });
    expect(second.main.exitCode, second.main.stdout).toBe(0);
    expect(second.main.outputs).toMatchObject({ result: 'promoted', revision: `${IMAGE}:v2`, 'previous-revision': `${IMAGE}:v1` });
    expect(readFileSync(smokeLog, 'utf8').trim()).toBe(`bg shop-green app=shop,${SLOT}=green`);
    expect(selector('bg')).toEqual({ app: 'shop', [SLOT]: 'green' });
    const conflicts = api.requests
      .slice(before)
      .filter((request) => request.method === 'PUT' && request.path.endsWith('/namespaces/bg/services/shop'));
    expect(conflicts.map((request) => request.status)).toEqual([409, 409, 200]);
    expect(second.main.stdout).toContain('409 Conflict');
    const blue = deployment('bg', 'shop-blue');
    expect(blue?.metadata.annotations[`${PREFIX}/role`]).toBe('previous');
    const expiresIn = Date.parse(blue?.metadata.annotations[`${PREFIX}/expires-at`]) - Date.now();
    expect(expiresIn).toBeGreaterThan(1.9 * 3600_000);
    expect(expiresIn).toBeLessThanOrEqual(2 * 3600_000);
    expect(deployment('bg', 'shop-green')?.metadata.annotations[`${PREFIX}/role`]).toBe('active');
  });

  it('fails fast on a crash-looping image, long before rollout-timeout, and leaves the traffic where it was', async () => {
    api.failingImages.set(`${IMAGE}:crash`, 'CrashLoopBackOff');
    const run = await deploy('bg', { strategy: 'blue-green', image: `${IMAGE}:crash`, 'rollout-timeout': '5m' });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.outputs).toMatchObject({ result: 'rolled-back', traffic: '0', 'previous-revision': `${IMAGE}:v2` });
    expect(run.main.outputs['rollback-reason']).toMatch(/CrashLoopBackOff/);
    expect(Number(run.main.outputs.duration)).toBeLessThan(10);
    expect(selector('bg')).toEqual({ app: 'shop', [SLOT]: 'green' });
    // The crash-looping version went into blue's slot and is gone again; green serves.
    expect(deployment('bg', 'shop-blue')).toBeUndefined();
    expect(deployment('bg', 'shop-green')?.metadata.annotations[`${PREFIX}/role`]).toBe('active');
  });

  it('rolls blue-green back on request to the kept previous Deployment', async () => {
    await deploy('bg', { strategy: 'blue-green', image: `${IMAGE}:v3` });
    expect(selector('bg')).toEqual({ app: 'shop', [SLOT]: 'blue' });
    // The kubeconfig from KUBECONFIG this time (its first file), as kubectl reads it.
    const run = await deploy(
      'bg',
      { strategy: 'blue-green', action: 'rollback', kubeconfig: '' },
      { env: { KUBECONFIG: `${kubeconfig}:${join(workspace, 'second-kubeconfig')}` } },
    );
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(run.main.outputs).toMatchObject({ result: 'rolled-back', revision: `${IMAGE}:v2`, 'previous-revision': `${IMAGE}:v3` });
    expect(selector('bg')).toEqual({ app: 'shop', [SLOT]: 'green' });
    expect(deployment('bg', 'shop-blue')).toBeUndefined();
  });

  it('promotes a good canary by replica ratio and reports the effective weights', async () => {
    await deploy('canary', { strategy: 'canary', image: `${IMAGE}:v1` });
    const run = await deploy('canary', { strategy: 'canary', image: `${IMAGE}:v2`, steps: '10,50,100' });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(run.main.outputs).toMatchObject({ result: 'promoted', traffic: '100' });
    // 10% of 4 pods is at least one pod: 1 new beside 3 old, 25%.
    expect(run.main.summary).toMatch(/\| 1 \| 25% \| n\/a \| 0\.2% \| pass \|/);
    expect(run.main.summary).toMatch(/\| 2 \| 50% \| n\/a \| 0\.2% \| pass \|/);
    expect(run.main.stdout).toContain('Step 10% (effective 25%)');
    expect(selector('canary')).toEqual({ app: 'shop', [SLOT]: 'green' });
    expect(deployment('canary', 'shop-green')?.spec.replicas).toBe(4);
  });

  it('rolls a bad canary back at its first step with all traffic and all replicas on the old version', async () => {
    const run = await deploy('canary', { strategy: 'canary', image: `${IMAGE}:v3`, steps: '50,100', 'error-rate-command': 'echo 4.5' });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.outputs).toMatchObject({ result: 'rolled-back', traffic: '0', 'previous-revision': `${IMAGE}:v2` });
    expect(run.main.outputs['rollback-reason']).toBe('error rate 4.5% at 50% traffic is above max-error-rate 1%');
    expect(selector('canary')).toEqual({ app: 'shop', [SLOT]: 'green' });
    expect(deployment('canary', 'shop-green')?.spec.replicas).toBe(4);
    expect(deployment('canary', 'shop-blue')).toBeUndefined();
    expect(run.main.summary).toMatch(/\| 1 \| 50% \| n\/a \| 4\.5% \| fail \|/);
  });

  it('shifts HTTPRoute backendRef weights step by step (gateway-api) and rolls back to the stable Service alone', async () => {
    api.seed('httproutes', 'gw', {
      metadata: { name: 'shop-route' },
      spec: {
        parentRefs: [{ name: 'public' }],
        rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'shop', port: 80 }] }],
      },
    });
    const seen = join(workspace, 'gateway-weights.log');
    const recordWeights = `curl -sf --cacert ${join(workspace, 'ca.pem')} -H 'Authorization: Bearer ${TOKEN}' ${api.url}/apis/gateway.networking.k8s.io/v1/namespaces/gw/httproutes/shop-route >> ${seen}; echo >> ${seen}`;
    const common = { strategy: 'canary', traffic: 'gateway-api', route: 'shop-route' };
    await deploy('gw', { ...common, image: `${IMAGE}:v1` });
    const good = await deploy('gw', {
      ...common,
      image: `${IMAGE}:v2`,
      steps: '20,60,100',
      'error-rate-command': `${recordWeights}; echo 0`,
    });
    expect(good.main.exitCode, good.main.stdout).toBe(0);
    const weights = readFileSync(seen, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) =>
        JSON.parse(line).spec.rules[0].backendRefs.map((ref: { name: string; weight: number }) => `${ref.name}=${ref.weight}`),
      );
    expect(weights).toEqual([
      ['shop=80', 'shop-canary=20'],
      ['shop=40', 'shop-canary=60'],
    ]);
    expect(api.get('httproutes', 'gw', 'shop-route')?.spec.rules[0].backendRefs).toEqual([{ name: 'shop', port: 80, weight: 100 }]);
    expect(selector('gw')).toEqual({ app: 'shop', [SLOT]: 'green' });
    expect(api.get('services', 'gw', 'shop-canary')).toBeUndefined();

    const bad = await deploy('gw', { ...common, image: `${IMAGE}:v3`, steps: '20,100', 'error-rate-command': 'echo 2' });
    expect(bad.main.outputs.result).toBe('rolled-back');
    expect(api.get('httproutes', 'gw', 'shop-route')?.spec.rules[0].backendRefs).toEqual([{ name: 'shop', port: 80, weight: 100 }]);
    expect(selector('gw')).toEqual({ app: 'shop', [SLOT]: 'green' });
    expect(api.get('services', 'gw', 'shop-canary')).toBeUndefined();

    const noRoute = await deploy('gw', { ...common, route: 'missing', image: `${IMAGE}:v4`, steps: '20,100' });
    expect(noRoute.main.exitCode).toBe(1);
    expect(noRoute.main.outputs['rollback-reason']).toBe('route: there is no HTTPRoute missing in namespace gw (traffic: gateway-api)');
    // Checked before anything was deployed: no new Deployment, green still serves.
    expect(deployment('gw', 'shop-blue')).toBeUndefined();
    expect(deployment('gw', 'shop-green')?.metadata.annotations).toMatchObject({
      [`${PREFIX}/role`]: 'active',
      [`${PREFIX}/revision`]: `${IMAGE}:v2`,
    });
  });

  it('weights an ingress-nginx canary Ingress and removes it after promotion', async () => {
    api.seed('ingresses', 'ing', {
      metadata: { name: 'shop' },
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: 'shop.example',
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'shop', port: { number: 80 } } } }] },
          },
        ],
      },
    });
    const seen = join(workspace, 'ingress.log');
    const recordCanary = `curl -sf --cacert ${join(workspace, 'ca.pem')} -H 'Authorization: Bearer ${TOKEN}' ${api.url}/apis/networking.k8s.io/v1/namespaces/ing/ingresses/shop-canary >> ${seen}; echo >> ${seen}`;
    await deploy('ing', { strategy: 'canary', traffic: 'ingress-nginx', image: `${IMAGE}:v1` });
    const run = await deploy('ing', {
      strategy: 'canary',
      traffic: 'ingress-nginx',
      image: `${IMAGE}:v2`,
      steps: '30,100',
      'error-rate-command': `${recordCanary}; echo 0`,
    });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    const canary = JSON.parse(readFileSync(seen, 'utf8').trim());
    expect(canary.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/canary': 'true',
      'nginx.ingress.kubernetes.io/canary-weight': '30',
    });
    expect(canary.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'shop.example',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'shop-canary', port: { number: 80 } } } }] },
        },
      ],
    });
    expect(api.get('ingresses', 'ing', 'shop-canary')).toBeUndefined();
    expect(selector('ing')).toEqual({ app: 'shop', [SLOT]: 'green' });
  });

  it('restores the previous version in the post step when the job is cancelled mid-canary', async () => {
    await deploy('cancel', { strategy: 'canary', image: `${IMAGE}:v1` });
    const run = await deploy(
      'cancel',
      { strategy: 'canary', image: `${IMAGE}:v2`, steps: '50,100', 'step-duration': '30s', 'error-rate-command': 'sleep 30; echo 0' },
      { timeoutMs: 6000, jobStatus: 'cancelled' },
    );
    expect(run.main.exitCode).not.toBe(0);
    expect(run.post?.exitCode, run.post?.stdout).toBe(0);
    expect(run.post?.outputs).toMatchObject({ result: 'rolled-back' });
    expect(selector('cancel')).toEqual({ app: 'shop', [SLOT]: 'blue' });
    expect(deployment('cancel', 'shop-green')).toBeUndefined();
    expect(deployment('cancel', 'shop-blue')?.spec.replicas).toBe(4);
  });

  it('names a missing kubeconfig and missing manifests in one line each', async () => {
    const commandSource = { 'error-rate-source': 'command', 'error-rate-command': 'echo 0' };
    const noManifests = await runAction('deploy-strategy', {
      inputs: { provider: 'kubernetes', strategy: 'rolling', service: 'shop', image: `${IMAGE}:v1`, ...commandSource },
    });
    expect(noManifests.main.exitCode).toBe(1);
    const errors = noManifests.main.annotations.filter((annotation) => annotation.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(`input 'manifests' is not set: expected the manifest files or globs`);

    const badTraffic = await runAction('deploy-strategy', {
      inputs: {
        provider: 'kubernetes',
        strategy: 'canary',
        service: 'shop',
        image: `${IMAGE}:v1`,
        manifests: '*.yaml',
        traffic: 'weights',
        ...commandSource,
      },
    });
    expect(
      badTraffic.main.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message),
    ).toEqual([expect.stringContaining(`input 'traffic' is "weights": expected one of replicas, gateway-api, ingress-nginx`)]);

    const noKubeconfig = await runAction('deploy-strategy', {
      workspace,
      env: { KUBECONFIG: undefined },
      inputs: { provider: 'kubernetes', strategy: 'rolling', service: 'shop', image: `${IMAGE}:v1`, manifests: '*.yaml', ...commandSource },
    });
    expect(noKubeconfig.main.exitCode).toBe(1);
    expect(noKubeconfig.main.annotations.find((annotation) => annotation.level === 'error')?.message).toMatch(
      /^kubeconfig: no kubeconfig given/,
    );
  });
});
