/**
 * setup-deps end to end through the compiled action: npm against the real registry (cold, warm with
 * the download cache, warm with the installed tree), pip against a package index served here from a
 * wheel the test builds, apt with a real small package, both cache backends.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTemporaryFolders, runAction, temporaryFolder } from '../harness.js';
import { type CacheService, startCacheService } from '../services/cache-service.js';

afterAll(removeTemporaryFolders);

/** A small real npm project with a lockfile written by npm against the registry. */
function npmProject(): string {
  const root = temporaryFolder('deps-npm-');
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'deps-demo', version: '1.0.0', private: true, dependencies: { 'is-number': '7.0.0', 'left-pad': '1.3.0' } }),
  );
  execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'pipe' });
  return root;
}

function machine() {
  const runnerTemp = temporaryFolder('deps-temp-');
  const cacheDirectory = temporaryFolder('deps-cache-');
  const npmCache = temporaryFolder('deps-npm-cache-');
  let run = 0;
  return (workspace: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
    runAction('setup-deps', {
      workspace,
      runnerTemp,
      cacheDirectory,
      inputs,
      env: { npm_config_cache: npmCache, GITHUB_RUN_ID: String(++run), ...env },
    });
}

describe('setup-deps with npm', () => {
  it('installs cold, then warm from the download cache, then from the installed tree', async () => {
    const project = npmProject();
    const run = machine();
    const cold = await run(project, { 'cache-installed': 'true' });
    expect(cold.main.exitCode, cold.main.stdout).toBe(0);
    expect(cold.main.outputs).toMatchObject({ 'package-manager': 'npm', 'python-installer': '' });
    expect(JSON.parse(cold.main.outputs['cache-hit'] as string)).toEqual({ python: null, node: false, system: null });
    expect(existsSync(join(project, 'node_modules/is-number/package.json'))).toBe(true);
    expect(cold.main.stdout).toContain('npm ci --no-audit --no-fund');
    expect(cold.post?.exitCode).toBe(0);

    rmSync(join(project, 'node_modules'), { recursive: true });
    const installed = await run(project, { 'cache-installed': 'true' });
    expect(JSON.parse(installed.main.outputs['cache-hit'] as string).node).toBe(true);
    expect(installed.main.stdout).toContain('skipping npm install');
    expect(existsSync(join(project, 'node_modules/left-pad/package.json'))).toBe(true);
    expect(installed.main.summary).toContain('installed tree hit');

    rmSync(join(project, 'node_modules'), { recursive: true });
    const warm = await run(project);
    expect(JSON.parse(warm.main.outputs['cache-hit'] as string).node).toBe(true);
    expect(warm.main.stdout).toContain('npm ci');
    expect(existsSync(join(project, 'node_modules/is-number'))).toBe(true);
  });

  it('warns that an install without a lockfile is not reproducible', async () => {
    const project = temporaryFolder('deps-nolock-');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0', dependencies: { 'is-number': '7.0.0' } }));
    const run = await machine()(project, { cache: 'false' });
    expect(run.main.exitCode).toBe(0);
    expect(run.main.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', message: expect.stringContaining('which is not reproducible') }),
    );
  });

  it('fails with one clear line when Node is older than node-version, or an input is wrong', async () => {
    const project = npmProject();
    const old = await machine()(project, { 'node-version': '99' });
    expect(old.main.exitCode).toBe(1);
    expect(old.main.annotations.map((annotation) => annotation.message)).toEqual([
      expect.stringMatching(/^Node v\d+\.\d+\.\d+ is older than the minimum node-version 99/),
    ]);
    const bad = await machine()(project, { 'package-manager': 'bun', 'node-version': 'latest' });
    expect(bad.main.annotations.map((annotation) => annotation.message)).toEqual([
      expect.stringMatching(
        /input 'node-version' is "latest": expected a whole number from 1 to 99; input 'package-manager' is "bun": expected one of auto, npm, yarn, pnpm/,
      ),
    ]);
  });

  it.each([
    ['pnpm', 'pnpm@9.15.0', 'pnpm-lock.yaml', 'pnpm install --frozen-lockfile'],
    ['yarn', 'yarn@1.22.22', 'yarn.lock', 'yarn --frozen-lockfile'],
  ])('installs with %s, made available by corepack from packageManager', async (manager, pinned, lockfile, command) => {
    const project = temporaryFolder(`deps-${manager}-`);
    const corepack = {
      COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
      COREPACK_INTEGRITY_KEYS: '0',
      COREPACK_NPM_REGISTRY: 'https://registry.npmjs.org',
    };
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'x', version: '1.0.0', private: true, packageManager: pinned, dependencies: { 'is-number': '7.0.0' } }),
    );
    const lockArgs = manager === 'pnpm' ? ['install', '--lockfile-only'] : ['install', '--ignore-scripts'];
    execFileSync('corepack', [pinned, ...lockArgs], { cwd: project, stdio: 'pipe', env: { ...process.env, ...corepack } });
    rmSync(join(project, 'node_modules'), { recursive: true, force: true });
    expect(existsSync(join(project, lockfile))).toBe(true);
    const run = await machine()(project, {}, { ...corepack, YARN_CACHE_FOLDER: temporaryFolder('deps-yarn-cache-') });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(run.main.outputs['package-manager']).toBe(manager);
    expect(run.main.stdout).toContain(command);
    expect(run.main.stdout).toContain(`corepack prepare ${pinned}`);
    expect(existsSync(join(project, 'node_modules/is-number/package.json'))).toBe(true);
  });

  it('saves and restores through GitHub’s cache service', async () => {
    const service: CacheService = await startCacheService();
    try {
      const project = npmProject();
      const run = machine();
      const cold = await run(project, {}, service.env);
      expect(JSON.parse(cold.main.outputs['cache-hit'] as string).node).toBe(false);
      expect(service.entries().some((entry) => entry.key.includes('setup-deps-node-') && entry.finalized)).toBe(true);
      rmSync(join(project, 'node_modules'), { recursive: true });
      const warm = await run(project, {}, service.env);
      expect(JSON.parse(warm.main.outputs['cache-hit'] as string).node).toBe(true);
    } finally {
      await service.stop();
    }
  });
});

describe('setup-deps with pip against a local package index', () => {
  let server: Server;
  let index: string;
  let venv: string;

  beforeAll(async () => {
    const wheels = temporaryFolder('deps-wheels-');
    execFileSync('python3', [
      '-c',
      `import zipfile,sys
w=zipfile.ZipFile(sys.argv[1]+'/demo_pkg-1.0.0-py3-none-any.whl','w')
w.writestr('demo_pkg/__init__.py','VALUE = 42\\n')
w.writestr('demo_pkg-1.0.0.dist-info/METADATA','Metadata-Version: 2.1\\nName: demo-pkg\\nVersion: 1.0.0\\nLicense-Expression: MIT\\n')
w.writestr('demo_pkg-1.0.0.dist-info/WHEEL','Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n')
w.writestr('demo_pkg-1.0.0.dist-info/RECORD','')
w.close()`,
      wheels,
    ]);
    const wheel = readFileSync(join(wheels, 'demo_pkg-1.0.0-py3-none-any.whl'));
    const digest = createHash('sha256').update(wheel).digest('hex');
    server = createServer((request, response) => {
      if (request.url === '/simple/demo-pkg/') {
        response.setHeader('content-type', 'text/html');
        response.end(
          `<!DOCTYPE html><html><body><a href="/files/demo_pkg-1.0.0-py3-none-any.whl#sha256=${digest}">demo_pkg-1.0.0-py3-none-any.whl</a></body></html>`,
        );
      } else if (request.url === '/files/demo_pkg-1.0.0-py3-none-any.whl') response.end(wheel);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    index = `http://127.0.0.1:${(server.address() as { port: number }).port}/simple`;
    venv = join(temporaryFolder('deps-venv-'), 'venv');
    execFileSync('python3', ['-m', 'venv', venv]);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('falls back to pip (saying so), honours PIP_INDEX_URL, byte-compiles and caches the downloads', async () => {
    const project = temporaryFolder('deps-py-');
    writeFileSync(join(project, 'requirements.txt'), 'demo-pkg==1.0.0\n');
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'src/app.py'), 'print("hi")\n');
    const env = {
      PATH: `${join(venv, 'bin')}:${process.env.PATH}`,
      VIRTUAL_ENV: venv,
      PIP_CONFIG_FILE: '/dev/null',
      PIP_FIND_LINKS: '',
      PIP_INDEX_URL: index,
      PIP_CACHE_DIR: temporaryFolder('deps-pip-cache-'),
    };
    const run = machine();
    const cold = await run(project, { 'python-compile': 'src', node: 'false' }, env);
    expect(cold.main.exitCode, cold.main.stdout).toBe(0);
    expect(cold.main.outputs['python-installer']).toBe('pip');
    expect(cold.main.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', message: expect.stringContaining('uv is not on PATH') }),
    );
    expect(execFileSync(join(venv, 'bin/python'), ['-c', 'import demo_pkg; print(demo_pkg.VALUE)'], { encoding: 'utf8' }).trim()).toBe(
      '42',
    );
    expect(existsSync(join(project, 'src/__pycache__'))).toBe(true);
    expect(JSON.parse(cold.main.outputs['cache-hit'] as string).python).toBe(false);
    execFileSync(join(venv, 'bin/python'), ['-m', 'pip', 'uninstall', '-y', '-q', 'demo-pkg']);
    const warm = await run(project, { node: 'false' }, env);
    expect(JSON.parse(warm.main.outputs['cache-hit'] as string).python).toBe(true);
  });
});

describe.skipIf(process.platform !== 'linux' || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get'))('setup-deps with apt', () => {
  it('installs a real package, caches its .deb and installs it again from the cache', async () => {
    const project = temporaryFolder('deps-apt-');
    const run = machine();
    execFileSync('apt-get', ['remove', '-y', '-qq', 'sl'], { stdio: 'ignore' });
    try {
      const cold = await run(project, { 'system-packages': 'sl' });
      expect(cold.main.exitCode, cold.main.stdout).toBe(0);
      expect(existsSync('/usr/games/sl')).toBe(true);
      expect(JSON.parse(cold.main.outputs['cache-hit'] as string).system).toBe(false);
      execFileSync('apt-get', ['remove', '-y', '-qq', 'sl'], { stdio: 'ignore' });
      const warm = await run(project, { 'system-packages': 'sl' });
      expect(JSON.parse(warm.main.outputs['cache-hit'] as string).system).toBe(true);
      expect(existsSync('/usr/games/sl')).toBe(true);
    } finally {
      execFileSync('apt-get', ['remove', '-y', '-qq', 'sl'], { stdio: 'ignore' });
    }
  });
});
