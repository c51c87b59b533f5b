/**
 * deploy-strategy with the docker provider, in one run: time from the bad canary's first failed step
 * to all traffic back on the old version (target: within one step-duration + 5 s), and requests lost
 * during a blue-green switch under 200 requests/s on loopback (target: zero).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, it } from 'vitest';
import { removeTemporaryFolders, runAction, temporaryFolder } from '../../test/harness.js';
import { type DockerEngine, importBusyboxImage, startDockerEngine } from '../../test/services/docker.js';
import { freePort, portOpen, waitFor } from '../../test/services/ports.js';

let engine: DockerEngine;
let directory: string;
let front: number;
let ports: [number, number];
const nginx = (...args: string[]) => ['-p', directory, '-c', join(directory, 'nginx.conf'), ...args];

async function version(tag: string, failEvery: number) {
  const context = temporaryFolder('bench-image-');
  writeFileSync(
    join(context, 'health'),
    failEvery
      ? `#!/bin/sh\nn=$(cat /tmp/c 2>/dev/null || echo 0); n=$((n+1)); echo $n > /tmp/c\nif [ $((n % ${failEvery})) -eq 0 ]; then printf 'Status: 500 Bad\\r\\n\\r\\n'; else printf 'Content-Type: text/plain\\r\\n\\r\\nok\\n'; fi\n`
      : "#!/bin/sh\nprintf 'Content-Type: text/plain\\r\\n\\r\\nok\\n'\n",
    { mode: 0o755 },
  );
  writeFileSync(
    join(context, 'Dockerfile'),
    'FROM local/busybox:1\nCOPY health /www/cgi-bin/health\nRUN echo hi > /www/index.html\nCMD ["sh", "-c", "exec httpd -f -p 127.0.0.1:$PORT -h /www"]\n',
  );
  await engine.docker(['build', '-t', tag, context], { env: { DOCKER_BUILDKIT: '0' } });
}

beforeAll(async () => {
  engine = await startDockerEngine();
  await importBusyboxImage(engine);
  await Promise.all([version('local/b:1', 0), version('local/b:2', 0), version('local/b:bad', 20)]);
  directory = temporaryFolder('bench-nginx-');
  mkdirSync(join(directory, 'tmp'));
  front = await freePort();
  ports = [await freePort(), await freePort()];
  writeFileSync(join(directory, 'upstream.conf'), `upstream b {\n    server 127.0.0.1:${ports[0]};\n}\n`);
  writeFileSync(
    join(directory, 'nginx.conf'),
    `worker_processes 1;\npid ${directory}/nginx.pid;\nerror_log ${directory}/error.log;\nevents {}\nhttp {\n access_log off;\n${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => ` ${kind}_temp_path ${directory}/tmp/${kind};`).join('\n')}\n include ${directory}/upstream.conf;\n server { listen 127.0.0.1:${front}; location / { proxy_pass http://b; proxy_next_upstream error timeout; } }\n}\n`,
  );
  execFileSync('nginx', nginx());
  await waitFor('nginx', () => portOpen(front));
});
afterAll(async () => {
  execFileSync('nginx', nginx('-s', 'quit'));
  await engine?.stop();
  removeTemporaryFolders();
});

it('deploy-strategy: canary rollback time and requests lost in a blue-green switch', async () => {
  const deploy = (inputs: Record<string, string>) =>
    runAction('deploy-strategy', {
      env: engine.env,
      inputs: {
        service: 'b',
        'docker-ports': ports.join(','),
        'nginx-upstream-file': join(directory, 'upstream.conf'),
        'nginx-reload': ['nginx', ...nginx('-s', 'reload')].join('\n'),
        'health-url': `http://127.0.0.1:${front}/cgi-bin/health`,
        ...inputs,
      },
    });
  await deploy({ strategy: 'blue-green', image: 'local/b:1' });
  const load = autocannon({ url: `http://127.0.0.1:${front}/`, connections: 4, overallRate: 200, duration: 10 });
  await deploy({ strategy: 'blue-green', image: 'local/b:2' });
  const result = await load;
  const stepSeconds = 5;
  const run = await deploy({
    strategy: 'canary',
    image: 'local/b:bad',
    steps: '5,100',
    'step-duration': `${stepSeconds}s`,
    'min-requests': '20',
  });
  // The first step's window closes after step-duration; everything after that is the time to roll back.
  const rollback = Number(run.main.outputs.duration) - stepSeconds;
  console.log(
    `\ndeploy-strategy (docker provider, nginx on loopback):\n` +
      `  blue-green switch under ${Math.round(result.requests.average)} req/s: ${result.requests.total} requests, ${result.errors} errors, ${result.non2xx} non-2xx (target 0 lost)\n` +
      `  bad canary: ${run.main.outputs.result}, from its first failed step to 100% on the old version ≈ ${rollback.toFixed(1)} s` +
      ` (whole deployment ${run.main.outputs.duration} s; target ≤ step-duration + 5 s = ${stepSeconds + 5} s after the step began)\n`,
  );
});
