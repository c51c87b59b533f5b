/**
 * docker-package end to end on the real Docker engine and registry: a multi-stage image built from a
 * locally made base, pushed, pulled back by the digest the action reported, run and inspected;
 * a rebuild after a source change reuses cached steps; the registry password never reaches a log;
 * the configuration bundle is byte-for-byte reproducible.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTemporaryFolders, runAction, temporaryFolder } from '../harness.js';
import {
  type DockerEngine,
  dockerEngineAvailable,
  importBusyboxImage,
  type Registry,
  startDockerEngine,
  startRegistry,
} from '../services/docker.js';

afterAll(removeTemporaryFolders);

function write(root: string, files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe('docker-package configuration bundles', () => {
  it('fills allowed variables, keeps $host, masks values and gives the same bytes twice', async () => {
    const root = temporaryFolder('pkg-config-');
    write(root, {
      'config/nginx.conf.tmpl': 'server_name ${APP_HOST};\nproxy_set_header Host $host;\nset $key "${APP_KEY}";\n',
      'agents/reviewer.yml': 'name: reviewer\n',
      'automation/deploy.sh': '#!/bin/sh\necho deploy\n',
    });
    const inputs = { 'config-templates': 'config/*.tmpl', 'config-include': 'agents\nautomation', 'config-vars': 'APP_*' };
    const env = {
      APP_HOST: 'shop.example.org',
      APP_KEY: 'k3y-value-9f8e7d',
      SOURCE_DATE_EPOCH: '1764000000',
      GITHUB_REPOSITORY: 'org/shop',
    };
    const first = await runAction('docker-package', { workspace: root, inputs, env });
    expect(first.main.exitCode, first.main.stdout).toBe(0);
    const archive = first.main.outputs['config-archive'] as string;
    expect(archive.endsWith('shop-configs-20251124.tar.gz')).toBe(true);
    const bytes = readFileSync(archive);
    expect(first.main.masks).toEqual(expect.arrayContaining(['shop.example.org', 'k3y-value-9f8e7d']));
    expect(readFileSync(`${archive}.sha256`, 'utf8')).toBe(`${first.main.outputs['config-sha256']}  shop-configs-20251124.tar.gz\n`);
    const second = await runAction('docker-package', { workspace: root, inputs, env });
    expect(readFileSync(second.main.outputs['config-archive'] as string).equals(bytes)).toBe(true);
    expect(first.main.summary).toContain('3 files');

    const missing = await runAction('docker-package', { workspace: root, inputs, env: { ...env, APP_KEY: undefined } });
    expect(missing.main.exitCode).toBe(1);
    expect(missing.main.annotations).toContainEqual({
      level: 'error',
      message: 'config templates use variables that are not set: config/nginx.conf.tmpl:3 ${APP_KEY}',
      properties: { file: 'config/nginx.conf.tmpl', line: '3' },
    });
  });
});

describe.skipIf(!dockerEngineAvailable())('docker-package on the real engine and registry', () => {
  let engine: DockerEngine;
  let registry: Registry;
  beforeAll(async () => {
    [engine, registry] = await Promise.all([startDockerEngine(), startRegistry()]);
    await importBusyboxImage(engine);
  });
  afterAll(async () => {
    await Promise.all([engine?.stop(), registry?.stop()]);
  });

  function project(): string {
    const root = temporaryFolder('pkg-image-');
    write(root, {
      'package.json': JSON.stringify({ name: 'shop', description: 'The shop service', license: 'MIT', version: '1.2.3' }),
      'src/app.sh': '#!/bin/sh\necho "hello from the shop"\n',
      Dockerfile: [
        'FROM local/busybox:1 AS build',
        'WORKDIR /build',
        'RUN echo "static content" > /build/static.txt',
        'COPY src/ /build/src/',
        'RUN chmod +x /build/src/app.sh',
        'FROM local/busybox:1',
        'COPY --from=build /build /app',
        'USER app',
        'HEALTHCHECK --interval=5s CMD ["/bin/true"]',
        'CMD ["/app/src/app.sh"]',
        '',
      ].join('\n'),
    });
    return root;
  }

  it('builds, labels, pushes and reports a digest that pulls back the same image', async () => {
    const root = project();
    const image = `${registry.address}/org/shop`;
    const password = 'Sup3r-Secret-Registry-Passw0rd';
    const run = await runAction('docker-package', {
      workspace: root,
      env: { ...engine.env, GITHUB_REPOSITORY: 'org/shop', GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567' },
      inputs: { image, push: 'true', registry: registry.address, username: 'ci', password, tags: 'type=sha\ntype=raw,value=stable' },
    });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(JSON.parse(run.main.outputs.tags as string)).toEqual([`${image}:sha-0123456`, `${image}:stable`, `${image}:latest`]);
    const digest = run.main.outputs.digest as string;
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Number(run.main.outputs.size)).toBeGreaterThan(1_000_000);
    // The password was masked before anything could print it, and appears nowhere else.
    expect(run.main.masks).toContain(password);
    expect((run.main.stdout + run.main.stderr + run.main.summary).replace(`::add-mask::${password}`, '')).not.toContain(password);
    // Policy: pinned-base findings for the unpinned local base, as warnings at their lines.
    expect(run.main.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', properties: expect.objectContaining({ file: 'Dockerfile', line: '1' }) }),
    );

    await engine.docker(['rmi', '-f', ...JSON.parse(run.main.outputs.tags as string)]);
    await engine.docker(['pull', `${image}@${digest}`]);
    const inspected = JSON.parse((await engine.docker(['image', 'inspect', `${image}@${digest}`, '--format', '{{json .Config}}'])).stdout);
    expect(inspected.User).toBe('app');
    expect(inspected.Healthcheck.Test).toEqual(['CMD', '/bin/true']);
    expect(inspected.Labels).toMatchObject({
      'org.opencontainers.image.title': 'shop',
      'org.opencontainers.image.description': 'The shop service',
      'org.opencontainers.image.licenses': 'MIT',
      'org.opencontainers.image.revision': '0123456789abcdef0123456789abcdef01234567',
      'org.opencontainers.image.source': 'https://github.com/org/shop',
    });
    const output = await engine.docker(['run', '--rm', '--network', 'host', `${image}@${digest}`]);
    expect(output.stdout.trim()).toBe('hello from the shop');
  });

  it('reuses cached steps after a one-line source change', async () => {
    const root = project();
    const inputs = { image: `${registry.address}/org/cached`, tags: 'type=raw,value=dev', cache: 'local' };
    const first = await runAction('docker-package', { workspace: root, env: engine.env, inputs });
    expect(first.main.exitCode, first.main.stdout).toBe(0);
    writeFileSync(join(root, 'src/app.sh'), '#!/bin/sh\necho "hello again"\n');
    const second = await runAction('docker-package', { workspace: root, env: engine.env, inputs });
    expect(second.main.exitCode).toBe(0);
    expect(second.main.summary).toMatch(/with the classic builder, [1-9]\d* of \d+ steps cached/);
  });

  it('fails on policy findings with policy: fail, and refuses build secrets without BuildKit', async () => {
    const root = temporaryFolder('pkg-policy-');
    write(root, { Dockerfile: 'FROM local/busybox:1\nENV DB_PASSWORD=hunter2\nCMD ["sh"]\n' });
    const strict = await runAction('docker-package', { workspace: root, env: engine.env, inputs: { policy: 'fail' } });
    expect(strict.main.exitCode).toBe(1);
    const rules = strict.main.annotations.map((annotation) => annotation.properties.title);
    expect(rules).toEqual(
      expect.arrayContaining([
        'docker-package policy: non-root-user',
        'docker-package policy: healthcheck',
        'docker-package policy: secret-in-env',
      ]),
    );
    expect(existsSync(join(root, 'Dockerfile'))).toBe(true);
    const secrets = await runAction('docker-package', { workspace: root, env: engine.env, inputs: { policy: 'off', secrets: 'npm=abc' } });
    expect(secrets.main.exitCode).toBe(1);
    expect(secrets.main.annotations.at(-1)?.message).toMatch(/^secrets need BuildKit/);
  });
});
