/**
 * A tier's services: a docker compose file brought up before the tier and always torn down after
 * it (logs kept when the tier failed), and the wait for `tcp://host:port` or http(s) URLs to answer.
 */
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { ConfigError } from '../../core/errors.js';
import { exec, which } from '../../core/exec.js';

/** `docker compose` (v2 plugin) when present, else the standalone `docker-compose`. */
export async function composeCommand(): Promise<[string, ...string[]]> {
  if (which('docker')) {
    const plugin = await exec('docker', ['compose', 'version'], { silent: true, allowFailure: true });
    if (plugin.exitCode === 0) return ['docker', 'compose'];
  }
  if (which('docker-compose')) return ['docker-compose'];
  throw new ConfigError('a tier has services, but neither `docker compose` nor `docker-compose` is installed');
}

export interface RunningServices {
  stop(options: { keepLogsIn?: string }): Promise<void>;
}

export async function startServices(file: string, project: string, cwd: string): Promise<RunningServices> {
  const [program, ...prefix] = await composeCommand();
  const compose = (...args: string[]) => [...prefix, '-f', file, '-p', project, ...args];
  const stop: RunningServices['stop'] = async ({ keepLogsIn }) => {
    if (keepLogsIn) {
      const logs = await exec(program, compose('logs', '--no-color'), { cwd, silent: true, allowFailure: true });
      writeFileSync(keepLogsIn, logs.stdout + logs.stderr);
    }
    await exec(program, compose('down', '--volumes', '--remove-orphans', '--timeout', '5'), {
      cwd,
      group: `Stopping services (${file})`,
      allowFailure: true,
    });
  };
  try {
    await exec(program, compose('up', '--detach'), { cwd, group: `Starting services (${file})` });
  } catch (error) {
    await stop({});
    throw error;
  }
  return { stop };
}

function tcpAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

async function httpAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status < 500;
  } catch {
    return false;
  }
}

export function targetAnswers(target: string): Promise<boolean> {
  const tcp = /^tcp:\/\/([^/:]+):(\d+)$/.exec(target);
  return tcp ? tcpAnswers(tcp[1] as string, Number(tcp[2])) : httpAnswers(target);
}

/** Waits until every target answers; a ConfigError names those that never did. */
export async function waitForTargets(targets: readonly string[], timeoutMs: number, tier: string, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let waiting = [...targets];
  while (waiting.length) {
    const answers = await Promise.all(waiting.map(targetAnswers));
    waiting = waiting.filter((_, index) => !answers[index]);
    if (!waiting.length) return;
    if (Date.now() >= deadline || signal?.aborted) {
      throw new ConfigError(`tier '${tier}': ${waiting.join(', ')} did not answer within ${Math.round(timeoutMs / 1000)} s (wait-timeout)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
