/**
 * The local pipeline's deploy stage: deploy-strategy's inputs from build-tools.yml's `deploy:` section
 * and the image docker-package just built, and — for the docker provider when no nginx of the user's
 * is named (`nginx-upstream-file`) — a front of our own: Debian's nginx on 127.0.0.1 with its config,
 * pid, log and temp files under `<dir>/.build-tools/deploy/`, left running after the pipeline so the
 * deployed service stays reachable, and reused (reloaded) by the next run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { LABEL } from '../actions/deploy-strategy/docker-provider.js';
import { ConfigError } from '../core/errors.js';
import { type Command, exec, which } from '../core/exec.js';

export interface NginxFront {
  /** `<dir>/.build-tools/deploy` */
  directory: string;
  /** The loopback port nginx listens on. */
  port: number;
  /** The upstream's name (the service's). */
  service: string;
  /** Where the upstream points before anything was deployed (the first slot's port). */
  firstSlotPort: number;
}

export interface DeployStagePlan {
  /** deploy-strategy's inputs. */
  inputs: Record<string, string>;
  /** The nginx front the pipeline runs, when it runs one. */
  front?: NginxFront;
}

/** Keys of the `deploy:` section that are the pipeline's own, not deploy-strategy inputs. */
const PIPELINE_KEYS = ['front-port'];

function portNumber(value: unknown, what: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ConfigError(`build-tools.yml deploy: ${what} is ${JSON.stringify(value)}: expected a port number`);
  return port;
}

/**
 * The deploy stage's inputs and front. `inputs` are the section's values as strings (the image is the
 * one just built); `front-port` defaults to the port of a loopback `health-url`.
 */
export function planDeployStage(section: Record<string, string>, image: string, frontDirectory: string): DeployStagePlan {
  const inputs = Object.fromEntries(Object.entries(section).filter(([key]) => !PIPELINE_KEYS.includes(key)));
  inputs.image = image;
  if ((inputs.provider ?? 'docker') !== 'docker' || inputs['nginx-upstream-file']) return { inputs };
  const service = inputs.service ?? '';
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(service))
    throw new ConfigError(
      `build-tools.yml deploy: service is ${JSON.stringify(service)}: expected a name of letters, digits, '.', '_' and '-'`,
    );
  let frontPort = section['front-port'];
  if (frontPort === undefined && inputs['health-url']) {
    const url = new URL(inputs['health-url']);
    if (['127.0.0.1', 'localhost'].includes(url.hostname)) frontPort = url.port || '80';
  }
  if (frontPort === undefined)
    throw new ConfigError(
      'build-tools.yml deploy: front-port is not set: expected the loopback port of the nginx front the pipeline runs (or a health-url on 127.0.0.1, or nginx-upstream-file naming your own nginx)',
    );
  const slots = (inputs['docker-ports'] ?? '8081,8082').split(',');
  const front: NginxFront = {
    directory: frontDirectory,
    port: portNumber(frontPort, 'front-port'),
    service,
    firstSlotPort: portNumber(slots[0]?.trim(), 'docker-ports'),
  };
  inputs['nginx-upstream-file'] = upstreamFileOf(front);
  inputs['nginx-reload'] ??= [nginxCommand(front, ['-s', 'reload']).program, ...nginxCommand(front, ['-s', 'reload']).args].join('\n');
  return { inputs, front };
}

export function upstreamFileOf(front: NginxFront): string {
  return join(front.directory, 'upstream.conf');
}

/** `nginx -p <dir> -c <dir>/nginx.conf -e <dir>/error.log …`: our config, never the system's. */
export function nginxCommand(front: NginxFront, args: string[] = []): Command {
  return {
    program: 'nginx',
    args: ['-p', front.directory, '-c', join(front.directory, 'nginx.conf'), '-e', join(front.directory, 'error.log'), ...args],
  };
}

export function renderNginxConfig(front: NginxFront): string {
  const at = (name: string) => join(front.directory, name);
  return [
    '# Written by build-tools pipeline: the front of the local deploy stage; do not edit by hand.',
    'worker_processes 1;',
    `pid ${at('nginx.pid')};`,
    `error_log ${at('error.log')};`,
    'events { worker_connections 512; }',
    'http {',
    `  access_log ${at('access.log')};`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${at(`tmp/${kind}`)};`),
    `  include ${upstreamFileOf(front)};`,
    '  server {',
    `    listen 127.0.0.1:${front.port};`,
    `    location / { proxy_pass http://${front.service}; proxy_next_upstream error timeout http_502; }`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Before the first deployment: the upstream names the first slot (nginx needs one server). */
export function renderInitialUpstream(front: NginxFront): string {
  return `upstream ${front.service} {\n    server 127.0.0.1:${front.firstSlotPort};\n}\n`;
}

function processAlive(pidFile: string): boolean {
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts the front, or reloads it when a previous run left it running. Keeps an existing upstream
 * file: it names the version that is serving. Returns what was done, for the stage log.
 */
export async function startFront(front: NginxFront): Promise<'started' | 'reloaded'> {
  if (!which('nginx')) throw new ConfigError('nginx is not installed: the docker provider needs it as its front (apt-get install nginx)');
  mkdirSync(join(front.directory, 'tmp'), { recursive: true });
  writeFileSync(join(front.directory, 'nginx.conf'), renderNginxConfig(front));
  if (!existsSync(upstreamFileOf(front))) writeFileSync(upstreamFileOf(front), renderInitialUpstream(front));
  const running = processAlive(join(front.directory, 'nginx.pid'));
  const command = nginxCommand(front, running ? ['-s', 'reload'] : []);
  await exec(command.program, command.args, { silent: true });
  if (!running) {
    const deadline = Date.now() + 10_000;
    while (!(await listening(front.port))) {
      if (Date.now() > deadline)
        throw new ConfigError(`nginx did not listen on 127.0.0.1:${front.port} within 10 s; see ${join(front.directory, 'error.log')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return running ? 'reloaded' : 'started';
}

/**
 * `build-tools pipeline --down`: removes the service's containers (found by deploy-strategy's label)
 * and stops the front a run left behind (`nginx -s quit`). Returns what it did, for the log.
 */
export async function stopDeployment(frontDirectory: string, service: string | undefined): Promise<string[]> {
  const done: string[] = [];
  if (service && which('docker')) {
    const listed = await exec('docker', ['ps', '-aq', '--filter', `label=${LABEL}.service=${service}`], {
      silent: true,
      allowFailure: true,
    });
    const ids = listed.stdout.split('\n').filter(Boolean);
    if (ids.length) {
      await exec('docker', ['rm', '--force', ...ids], { silent: true });
      done.push(`removed ${ids.length} container${ids.length === 1 ? '' : 's'} of ${service}`);
    }
  }
  if (processAlive(join(frontDirectory, 'nginx.pid'))) {
    const command = nginxCommand({ directory: frontDirectory, port: 0, service: '', firstSlotPort: 0 }, ['-s', 'quit']);
    await exec(command.program, command.args, { silent: true });
    done.push(`stopped the nginx front (${frontDirectory})`);
  }
  return done;
}
