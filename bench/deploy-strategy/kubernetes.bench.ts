/**
 * deploy-strategy with the kubernetes provider, against test/services/kubernetes-api.ts (an HTTPS
 * server speaking the Kubernetes API with a simulated controller; no API server runs here): time from
 * the bad canary's failed verdict to all traffic routed to the old version again (target: within 5 s of
 * the verdict) — the Service selecting only the old slot (canary by replicas), or the HTTPRoute sending
 * only to the stable Service (gateway-api). What a real cluster adds
 * after that — endpoints and kube-proxy or the gateway picking the change up — is not measured.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { removeTemporaryFolders, runAction, temporaryFolder } from '../../test/harness.js';
import { startKubernetesApi } from '../../test/services/kubernetes-api.js';

afterAll(removeTemporaryFolders);

it('deploy-strategy (kubernetes): time from a failed canary verdict to all traffic back on the old version', async () => {
  const api = await startKubernetesApi();
  const workspace = temporaryFolder('bench-k8s-');
  const kubeconfig = api.writeKubeconfig(workspace);
  writeFileSync(
    join(workspace, 'app.yaml'),
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: b }',
      'spec:',
      '  replicas: 10',
      '  selector: { matchLabels: { app: b } }',
      '  template: { metadata: { labels: { app: b } }, spec: { containers: [{ name: web, image: "local/b:1" }] } }',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: b }',
      'spec: { selector: { app: b }, ports: [{ port: 80 }] }',
      '',
    ].join('\n'),
  );
  const stepSeconds = 5;
  const verdictFile = join(workspace, 'verdict-at');
  const lines: string[] = [];
  for (const traffic of ['replicas', 'gateway-api'] as const) {
    const namespace = `bench-${traffic}`;
    if (traffic === 'gateway-api')
      api.seed('httproutes', namespace, { metadata: { name: 'b' }, spec: { rules: [{ backendRefs: [{ name: 'b', port: 80 }] }] } });
    const deploy = (inputs: Record<string, string>) =>
      runAction('deploy-strategy', {
        workspace,
        inputs: {
          provider: 'kubernetes',
          kubeconfig,
          namespace,
          manifests: 'app.yaml',
          service: 'b',
          strategy: 'canary',
          traffic,
          'error-rate-source': 'command',
          ...inputs,
        },
      });
    await deploy({ image: 'local/b:1', 'error-rate-command': 'echo 0' });
    const before = api.requests.length;
    // The command is the step's window: it watches for step-duration, then reports a bad rate.
    const run = await deploy({
      image: 'local/b:bad',
      steps: '5,100',
      'step-duration': `${stepSeconds}s`,
      'error-rate-command': `sleep ${stepSeconds}; date +%s%3N > ${verdictFile}; echo 3.5`,
    });
    const verdictAt = Number(readFileSync(verdictFile, 'utf8').trim());
    // All traffic is back when the router says so: the Service's selector (replicas) or the HTTPRoute's weights (gateway-api).
    const router = traffic === 'replicas' ? `/namespaces/${namespace}/services/b` : `/namespaces/${namespace}/httproutes/b`;
    const restored = api.requests
      .slice(before)
      .find((request) => request.method === 'PUT' && request.path.endsWith(router) && request.status === 200 && request.at >= verdictAt);
    const seconds = restored ? (restored.at - verdictAt) / 1000 : Number.NaN;
    const slot = api.get('services', namespace, 'b')?.spec.selector['deploy.build-tools.dev/slot'];
    const backends = api.get('httproutes', namespace, 'b')?.spec.rules[0].backendRefs.map((ref: { name: string }) => ref.name);
    lines.push(
      `  canary by ${traffic}: ${run.main.outputs.result}; ${traffic === 'replicas' ? `Service on slot ${slot} only` : `HTTPRoute to ${backends.join(', ')} only`} ` +
        `${seconds.toFixed(2)} s after the failed verdict (target ≤ 5 s); whole run ${run.main.outputs.duration} s`,
    );
  }
  await api.close();
  console.log(`\ndeploy-strategy (kubernetes provider, API-speaking test server on loopback):\n${lines.join('\n')}\n`);
});
