/**
 * A real Docker engine and registry for end-to-end tests (see ENVIRONMENT.md): Debian's dockerd
 * with its own socket, data and exec roots, vfs storage and no iptables or bridge (containers use
 * --network host and tests talk to 127.0.0.1 only); Debian's docker-registry on a loopback port;
 * base images made locally from busybox-static, since no registry is reachable.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { type ExecOptions, type ExecResult, exec, which } from '../../src/core/exec.js';
import { freePort, portOpen, waitFor } from './ports.js';

/**
 * Whether this machine can run the engine (dockerd installed and we are root); tests skip otherwise.
 * CI sets BUILD_TOOLS_REQUIRE_DOCKER=1 so that a missing engine fails those tests instead of skipping them.
 */
export function dockerEngineAvailable(): boolean {
  if (process.env.BUILD_TOOLS_REQUIRE_DOCKER === '1') return true;
  return Boolean(which('dockerd') && which('docker') && process.getuid?.() === 0);
}

export interface DockerEngine {
  /** `unix://…/docker.sock` */
  host: string;
  /** Environment for programs that talk to this engine (DOCKER_HOST and a private DOCKER_CONFIG). */
  env: Record<string, string>;
  docker(args: string[], options?: ExecOptions): Promise<ExecResult>;
  stop(): Promise<void>;
}

/**
 * vfs works everywhere (no kernel overlay support needed) but copies the whole root filesystem at
 * every build step; BUILD_TOOLS_DOCKER_STORAGE_DRIVER=overlay2 gives runners' storage where the
 * kernel allows it (the docker-package bench measures both).
 */
export function storageDriver(): string {
  return process.env.BUILD_TOOLS_DOCKER_STORAGE_DRIVER || 'vfs';
}

export async function startDockerEngine(): Promise<DockerEngine> {
  // Unix socket paths are limited to ~108 bytes: keep the folder short.
  const directory = mkdtempSync('/tmp/btd-');
  const socket = join(directory, 'docker.sock');
  const log = openSync(join(directory, 'dockerd.log'), 'a');
  const daemon: ChildProcess = spawn(
    'dockerd',
    [
      `--host=unix://${socket}`,
      `--data-root=${join(directory, 'data')}`,
      `--exec-root=${join(directory, 'exec')}`,
      `--pidfile=${join(directory, 'dockerd.pid')}`,
      `--storage-driver=${storageDriver()}`,
      '--iptables=false',
      '--ip6tables=false',
      '--bridge=none',
    ],
    { stdio: ['ignore', log, log], detached: true },
  );
  const host = `unix://${socket}`;
  mkdirSync(join(directory, 'config'), { recursive: true });
  const env = { DOCKER_HOST: host, DOCKER_CONFIG: join(directory, 'config'), DOCKER_BUILDKIT: '0' };
  const docker = (args: string[], options: ExecOptions = {}) =>
    exec('docker', args, { silent: true, ...options, env: { ...env, ...options.env } });
  try {
    await waitFor(
      'dockerd',
      async () => (await docker(['version', '--format', '{{.Server.Version}}'], { allowFailure: true })).exitCode === 0,
      60_000,
    );
  } catch (error) {
    daemon.kill('SIGKILL');
    const tail = existsSync(join(directory, 'dockerd.log')) ? readFileSync(join(directory, 'dockerd.log'), 'utf8').slice(-2000) : '';
    throw new Error(`${(error as Error).message}\n${tail}`);
  }
  return {
    host,
    env,
    docker,
    async stop() {
      const ids = (await docker(['ps', '-aq'], { allowFailure: true })).stdout.split('\n').filter(Boolean);
      if (ids.length) await docker(['rm', '-f', ...ids], { allowFailure: true });
      daemon.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          daemon.kill('SIGKILL');
          resolve();
        }, 15_000);
        daemon.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      unmountBelow(directory);
      rmSync(directory, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** dockerd can leave mounts (network namespaces, the exec root) behind; lift them so the folder can go. */
function unmountBelow(directory: string): void {
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((point) => point.startsWith(`${directory}/`) || point === directory)
    .sort((a, b) => b.length - a.length);
  for (const point of mounts) execFileSync('umount', ['-l', point], { stdio: 'ignore' });
}

/**
 * Imports a busybox root filesystem as an image: /bin with every applet, /etc/passwd with root
 * and an unprivileged `app` user (uid 1000), /tmp. Returns the tag.
 */
export async function importBusyboxImage(engine: DockerEngine, tag = 'local/busybox:1'): Promise<string> {
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find(existsSync);
  if (!busybox) throw new Error('busybox-static is not installed (apt-get install busybox-static)');
  const root = mkdtempSync('/tmp/btroot-');
  chmodSync(root, 0o755);
  try {
    for (const folder of ['bin', 'etc', 'tmp', 'home/app', 'www']) mkdirSync(join(root, folder), { recursive: true });
    copyFileSync(busybox, join(root, 'bin', 'busybox'));
    chmodSync(join(root, 'bin', 'busybox'), 0o755);
    const applets = execFileSync(busybox, ['--list'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const applet of applets) if (applet !== 'busybox') symlinkSync('busybox', join(root, 'bin', applet));
    writeFileSync(
      join(root, 'etc', 'passwd'),
      'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n',
    );
    writeFileSync(join(root, 'etc', 'group'), 'root:x:0:\napp:x:1000:\nnogroup:x:65534:\n');
    chmodSync(join(root, 'tmp'), 0o1777);
    const archive = join(root, '..', `${root.split('/').pop()}.tar`);
    execFileSync('tar', ['-C', root, '-cf', archive, '.']);
    try {
      await engine.docker(['import', '--change', 'CMD ["/bin/sh"]', '--change', 'ENV PATH=/bin', archive, tag]);
    } finally {
      rmSync(archive, { force: true });
    }
    return tag;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export interface Registry {
  /** `127.0.0.1:PORT`, to prefix image names with. */
  address: string;
  stop(): Promise<void>;
}

/** Debian's docker-registry (distribution) on a loopback port with filesystem storage. */
export async function startRegistry(): Promise<Registry> {
  if (!which('docker-registry')) throw new Error('docker-registry is not installed (apt-get install docker-registry)');
  const directory = mkdtempSync('/tmp/btreg-');
  const port = await freePort();
  const config = join(directory, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log: { level: warn }',
      `storage: { filesystem: { rootdirectory: ${join(directory, 'data')} }, delete: { enabled: true } }`,
      `http: { addr: 127.0.0.1:${port} }`,
      '',
    ].join('\n'),
  );
  const log = openSync(join(directory, 'registry.log'), 'a');
  const server = spawn('docker-registry', ['serve', config], { stdio: ['ignore', log, log] });
  await waitFor('docker-registry', () => portOpen(port), 20_000);
  return {
    address: `127.0.0.1:${port}`,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
