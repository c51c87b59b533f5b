import type { V1Deployment, V1Ingress, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  canaryIngress,
  deploymentImage,
  imageRepository,
  labelSelector,
  otherSlot,
  podProblem,
  readManifests,
  rolloutState,
  SERVICE_LABEL,
  SLOT_LABEL,
  slotDeployment,
  weightedRoute,
  withImage,
} from './kubernetes-manifests.js';

const deploymentYaml = `apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: elsewhere, labels: { app: shop } }
spec:
  replicas: 3
  selector: { matchLabels: { app: shop } }
  template:
    metadata: { labels: { app: shop } }
    spec:
      containers:
      - { name: sidecar, image: "mesh/proxy:1.2" }
      - { name: web, image: "registry:5000/team/shop:old" }
`;

function deployment(): V1Deployment {
  return readManifests([{ path: 'k8s/deployment.yaml', text: deploymentYaml }], 'shop').deployment;
}

describe('manifests', () => {
  it('finds the one Deployment and the named Service, and lists what it does not apply', () => {
    const set = readManifests(
      [
        { path: 'deployment.yaml', text: deploymentYaml },
        {
          path: 'service.yaml',
          text: 'kind: Service\napiVersion: v1\nmetadata: { name: shop }\n---\nkind: Service\napiVersion: v1\nmetadata: { name: other }\n---\n',
        },
      ],
      'shop',
    );
    expect(set.deployment.metadata?.name).toBe('shop');
    expect(set.service?.metadata?.name).toBe('shop');
    expect(set.ignored).toEqual(['Service/other']);
  });

  it('names the problem with the manifests', () => {
    expect(() => readManifests([{ path: 'a.yaml', text: 'kind: Service\nmetadata: { name: shop }\n' }], 'shop')).toThrow(
      'manifests: expected exactly one Deployment, found 0',
    );
    expect(() =>
      readManifests(
        [
          { path: 'a.yaml', text: deploymentYaml },
          { path: 'b.yaml', text: deploymentYaml },
        ],
        'shop',
      ),
    ).toThrow('found 2 (shop in a.yaml, shop in b.yaml)');
    expect(() => readManifests([{ path: 'bad.yaml', text: 'kind: [' }], 'shop')).toThrow(/^manifests: bad.yaml is not valid YAML/);
    expect(() => readManifests([{ path: 'c.yaml', text: 'kind: Deployment\nmetadata: { name: x }\nspec: {}\n' }], 'shop')).toThrow(
      'Deployment x needs spec.selector.matchLabels',
    );
  });

  it('puts the image into the containers of the same repository, else the first', () => {
    expect(imageRepository('registry:5000/team/shop:v2@sha256:abc')).toBe('registry:5000/team/shop');
    expect(imageRepository('registry:5000/team/shop')).toBe('registry:5000/team/shop');
    expect(imageRepository('shop:1')).toBe('shop');
    const replaced = withImage(deployment(), 'registry:5000/team/shop:new');
    expect(replaced.containers).toEqual(['web']);
    expect(replaced.deployment.spec?.template.spec?.containers.map((container) => container.image)).toEqual([
      'mesh/proxy:1.2',
      'registry:5000/team/shop:new',
    ]);
    expect(deploymentImage(deployment(), 'registry:5000/team/shop:new')).toBe('registry:5000/team/shop:old');
    expect(deploymentImage(deployment())).toBe('mesh/proxy:1.2');
    const first = withImage(deployment(), 'elsewhere/app:1');
    expect(first.containers).toEqual(['sidecar']);
    // The input is not changed.
    expect(deployment().spec?.template.spec?.containers[0]?.image).toBe('mesh/proxy:1.2');
  });

  it('makes the slot Deployment: its own name, the slot in selector and pod labels, the service label and annotations', () => {
    const green = slotDeployment(deployment(), 'green', 'shop', { 'deploy.build-tools.dev/revision': 'x' });
    expect(green.metadata).toMatchObject({
      name: 'shop-green',
      labels: { app: 'shop', [SERVICE_LABEL]: 'shop' },
      annotations: { 'deploy.build-tools.dev/revision': 'x' },
    });
    expect(green.metadata?.namespace).toBeUndefined();
    expect(green.spec?.selector.matchLabels).toEqual({ app: 'shop', [SLOT_LABEL]: 'green' });
    expect(green.spec?.template.metadata?.labels).toEqual({ app: 'shop', [SLOT_LABEL]: 'green' });
    const rolling = slotDeployment(deployment(), undefined, 'shop', {});
    expect(rolling.metadata?.name).toBe('shop');
    expect(rolling.spec?.selector.matchLabels).toEqual({ app: 'shop' });
    expect(otherSlot(undefined)).toBe('blue');
    expect(otherSlot('blue')).toBe('green');
    expect(labelSelector({ app: 'shop', [SLOT_LABEL]: 'blue' })).toBe(`app=shop,${SLOT_LABEL}=blue`);
  });

  it('calls a rollout done only when the generation is observed and every replica is updated and ready', () => {
    const at = (status: V1Deployment['status'], generation = 2): V1Deployment => ({
      metadata: { generation },
      spec: { replicas: 3 } as V1Deployment['spec'],
      status,
    });
    expect(rolloutState(at({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3 })).done).toBe(true);
    expect(rolloutState(at({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3 }))).toEqual({
      done: false,
      summary: 'the controller has not seen the change yet',
    });
    expect(rolloutState(at({ observedGeneration: 2, replicas: 4, updatedReplicas: 3, readyReplicas: 3 }))).toEqual({
      done: false,
      summary: '3/3 updated, 3/3 ready, 1 old still running',
    });
    expect(rolloutState(at({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 2 })).done).toBe(false);
  });

  it('finds pods that will not become ready', () => {
    const pod = (reason: string, name = 'shop-1'): V1Pod => ({
      metadata: { name },
      status: {
        phase: 'Pending',
        containerStatuses: [
          { name: 'web', image: 'x', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason, message: 'detail' } } },
        ],
      },
    });
    expect(podProblem([pod('ContainerCreating')])).toBeUndefined();
    expect(podProblem([pod('ContainerCreating'), pod('CrashLoopBackOff', 'shop-2')])).toBe(
      'pod shop-2, container web: CrashLoopBackOff (detail)',
    );
    expect(podProblem([pod('ErrImagePull')])).toBe('pod shop-1, container web: ErrImagePull (detail)');
    expect(podProblem([{ metadata: { name: 'shop-3' }, status: { phase: 'Failed', reason: 'Evicted' } }])).toBe(
      'pod shop-3 failed: Evicted',
    );
  });
});

describe('routing objects', () => {
  it('makes the ingress-nginx canary Ingress from the main one', () => {
    const main: V1Ingress = {
      metadata: { name: 'shop', annotations: { 'cert-manager.io/issuer': 'x' } },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['shop.example'] }],
        rules: [
          {
            host: 'shop.example',
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'shop', port: { number: 80 } } } }] },
          },
        ],
      },
    };
    const canary = canaryIngress(main, 'shop', 'shop-canary', 10, 'shop');
    expect(canary.metadata).toEqual({
      name: 'shop-canary',
      labels: { [SERVICE_LABEL]: 'shop' },
      annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '10' },
    });
    expect(canary.spec?.rules?.[0]?.http?.paths[0]?.backend.service?.name).toBe('shop-canary');
    expect(main.spec?.rules?.[0]?.http?.paths[0]?.backend.service?.name).toBe('shop');
    expect(() => canaryIngress(main, 'other', 'other-canary', 10, 'other')).toThrow('has no path whose backend is the Service other');
  });

  it('weights HTTPRoute backendRefs and drops the canary at weight 0, leaving other rules alone', () => {
    const route = {
      metadata: { name: 'shop' },
      spec: {
        rules: [{ backendRefs: [{ name: 'shop', port: 80 }] }, { backendRefs: [{ name: 'static', port: 8080 }] }],
      },
    };
    const split = weightedRoute(route, 'shop', 'shop-canary', { stable: 90, canary: 10 });
    expect(split.spec?.rules?.[0]?.backendRefs).toEqual([
      { name: 'shop', port: 80, weight: 90 },
      { name: 'shop-canary', port: 80, weight: 10 },
    ]);
    expect(split.spec?.rules?.[1]?.backendRefs).toEqual([{ name: 'static', port: 8080 }]);
    expect(weightedRoute(split, 'shop', 'shop-canary', { stable: 100, canary: 0 }).spec?.rules?.[0]?.backendRefs).toEqual([
      { name: 'shop', port: 80, weight: 100 },
    ]);
    expect(() => weightedRoute(route, 'cart', 'cart-canary', { stable: 50, canary: 50 })).toThrow(
      'has no rule whose backendRefs name the Service cart',
    );
  });
});
