/**
 * deploy-strategy end to end with the docker provider, for real: the Docker engine runs two versions
 * of a small busybox httpd service (one answers 5% of requests with 500), Debian's nginx on 127.0.0.1
 * splits the traffic, and autocannon keeps a bounded load on it through the switches.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTemporaryFolders, runAction, temporaryFolder } from '../harness.js';
import { type DockerEngine, dockerEngineAvailable, importBusyboxImage, startDockerEngine } from '../services/docker.js';
import { getText } from '../services/http.js';
import { freePort, portOpen, waitFor } from '../services/ports.js';

afterAll(removeTemporaryFolders);

async function buildVersion(engine: DockerEngine, tag: string, body: string, failEvery: number): Promise<void> {
  const context = temporaryFolder('deploy-image-');
  const health = failEvery
    ? `#!/bin/sh\nn=$(cat /tmp/count 2>/dev/null || echo 0); n=$((n+1)); echo $n > /tmp/count\nif [ $((n % ${failEvery})) -eq 0 ]; then printf 'Status: 500 Internal Server Error\\r\\nContent-Type: text/plain\\r\\n\\r\\nbad\\n'; else printf 'Content-Type: text/plain\\r\\n\\r\\nok\\n'; fi\n`
    : "#!/bin/sh\nprintf 'Content-Type: text/plain\\r\\n\\r\\nok\\n'\n";
  writeFileSync(join(context, 'health'), health, { mode: 0o755 });
  writeFileSync(join(context, 'index.html'), `${body}\n`);
  writeFileSync(
    join(context, 'Dockerfile'),
    'FROM local/busybox:1\nCOPY index.html /www/index.html\nCOPY health /www/cgi-bin/health\nUSER app\nCMD ["sh", "-c", "exec httpd -f -p 127.0.0.1:$PORT -h /www"]\n',
  );
  await engine.docker(['build', '-t', tag, context], { env: { DOCKER_BUILDKIT: '0' } });
}

describe.skipIf(!dockerEngineAvailable())('deploy-strategy with the docker provider', () => {
  let engine: DockerEngine;
  let nginxDirectory: string;
  let front: number;
  let ports: [number, number];
  const nginx = (...args: string[]) => ['nginx', '-p', nginxDirectory, '-c', join(nginxDirectory, 'nginx.conf'), ...args];

  beforeAll(async () => {
    engine = await startDockerEngine();
    await importBusyboxImage(engine);
    await Promise.all([
      buildVersion(engine, 'local/shop:v1', 'v1', 0),
      buildVersion(engine, 'local/shop:v2', 'v2', 0),
      buildVersion(engine, 'local/shop:v3-bad', 'v3', 20),
    ]);
    nginxDirectory = temporaryFolder('deploy-nginx-');
    mkdirSync(join(nginxDirectory, 'tmp'));
    front = await freePort();
    ports = [await freePort(), await freePort()];
    writeFileSync(join(nginxDirectory, 'upstream.conf'), `upstream shop {\n    server 127.0.0.1:${ports[0]};\n}\n`);
    writeFileSync(
      join(nginxDirectory, 'nginx.conf'),
      [
        'worker_processes 1;',
        `pid ${nginxDirectory}/nginx.pid;`,
        `error_log ${nginxDirectory}/error.log;`,
        'events { worker_connections 1024; }',
        'http {',
        '  access_log off;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${nginxDirectory}/tmp/${kind};`),
        `  include ${nginxDirectory}/upstream.conf;`,
        `  server { listen 127.0.0.1:${front}; location / { proxy_pass http://shop; proxy_next_upstream error timeout http_502; } }`,
        '}',
        '',
      ].join('\n'),
    );
    execFileSync(nginx()[0] as string, nginx().slice(1));
    await waitFor('nginx', () => portOpen(front));
  });
  afterAll(async () => {
    try {
      execFileSync(nginx()[0] as string, nginx('-s', 'quit').slice(1));
    } catch {
      // already stopped
    }
    await engine?.stop();
  });

  const deploy = (inputs: Record<string, string>) =>
    runAction('deploy-strategy', {
      env: engine.env,
      inputs: {
        service: 'shop',
        'docker-ports': ports.join(','),
        'nginx-upstream-file': join(nginxDirectory, 'upstream.conf'),
        'nginx-reload': nginx('-s', 'reload').join('\n'),
        'health-url': `http://127.0.0.1:${front}/cgi-bin/health`,
        'step-duration': '2s',
        'min-requests': '20',
        ...inputs,
      },
    });

  async function frontServes(times = 30): Promise<Set<string>> {
    const seen = new Set<string>();
    for (let index = 0; index < times; index++) seen.add((await getText(`http://127.0.0.1:${front}/`)).text.trim());
    return seen;
  }

  function load(seconds: number) {
    return autocannon({ url: `http://127.0.0.1:${front}/`, connections: 4, overallRate: 200, duration: seconds });
  }

  it('deploys blue-green with zero failed requests under load, keeping the previous version', async () => {
    const first = await deploy({ strategy: 'blue-green', image: 'local/shop:v1' });
    expect(first.main.exitCode, first.main.stdout).toBe(0);
    expect(first.main.outputs).toMatchObject({ result: 'promoted', traffic: '100', revision: 'local/shop:v1' });
    expect(await frontServes()).toEqual(new Set(['v1']));

    const running = load(8);
    const second = await deploy({ strategy: 'blue-green', image: 'local/shop:v2' });
    const result = await running;
    expect(second.main.outputs).toMatchObject({ result: 'promoted', revision: 'local/shop:v2', 'previous-revision': 'local/shop:v1' });
    expect(result.errors).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(result.requests.total).toBeGreaterThan(500);
    expect(await frontServes()).toEqual(new Set(['v2']));
    const names = (await engine.docker(['ps', '--format', '{{.Names}}'])).stdout.split('\n').filter(Boolean).sort();
    expect(names).toEqual(['shop-active', 'shop-previous']);
    expect(second.main.summary).toContain('Deployment to production: ✅ promoted');
  });

  it('detects a bad canary, rolls back and puts all traffic back on the old version', async () => {
    const run = await deploy({ strategy: 'canary', image: 'local/shop:v3-bad', steps: '10,50,100' });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.outputs).toMatchObject({
      result: 'rolled-back',
      traffic: '0',
      revision: 'local/shop:v3-bad',
      'previous-revision': 'local/shop:v2',
    });
    expect(run.main.outputs['rollback-reason']).toMatch(/^error rate \d+(\.\d+)?% at 10% traffic is above max-error-rate 1%/);
    expect(await frontServes()).toEqual(new Set(['v2']));
    expect(run.main.summary).toMatch(/\| 1 \| 10% \| \d+ \| \d+(\.\d+)?% \| fail \|/);
  });

  it('promotes a good canary step by step', async () => {
    const run = await deploy({ strategy: 'canary', image: 'local/shop:v1', steps: '25,100' });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(run.main.outputs).toMatchObject({ result: 'promoted', traffic: '100' });
    expect(run.main.summary).toMatch(/\| 1 \| 25% \| \d+ \| 0% \| pass \|/);
    expect(await frontServes()).toEqual(new Set(['v1']));
  });

  it('rolls back on request to the kept previous version', async () => {
    const run = await deploy({ strategy: 'blue-green', action: 'rollback' });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(run.main.outputs).toMatchObject({ result: 'rolled-back', revision: 'local/shop:v2' });
    expect(await frontServes()).toEqual(new Set(['v2']));
  });

  it('updates rolling with zero failed requests and removes the old version', async () => {
    const running = load(6);
    const run = await deploy({ strategy: 'rolling', image: 'local/shop:v1' });
    const result = await running;
    expect(run.main.outputs.result).toBe('promoted');
    expect(result.errors + result.non2xx).toBe(0);
    const names = (await engine.docker(['ps', '--format', '{{.Names}}'])).stdout.split('\n').filter(Boolean);
    expect(names).toEqual(['shop-active']);
  });

  it('rolls back when the new version never becomes healthy, failing fast', async () => {
    const run = await deploy({ strategy: 'blue-green', image: 'local/busybox:1', 'rollout-timeout': '60s' });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.outputs['rollback-reason']).toMatch(/^the new container exited with code/);
    expect(Number(run.main.outputs.duration)).toBeLessThan(30);
    expect(await frontServes(10)).toEqual(new Set(['v1']));
  });
});

describe('deploy-strategy inputs', () => {
  it('names what is missing in one line', async () => {
    const run = await runAction('deploy-strategy', { inputs: { strategy: 'canary', service: 'shop', steps: '50,20' } });
    expect(run.main.exitCode).toBe(1);
    const errors = run.main.annotations.filter((annotation) => annotation.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(`input 'steps' is "50,20": expected traffic percentages from 1 to 100, rising, ending at 100`);
    expect(errors[0]?.message).toContain(`input 'image' is not set: expected the image to deploy (required with action: deploy)`);
  });
});
