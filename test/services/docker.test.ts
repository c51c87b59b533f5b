import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DockerEngine, dockerEngineAvailable, importBusyboxImage, type Registry, startDockerEngine, startRegistry } from './docker.js';

describe.skipIf(!dockerEngineAvailable())('the test Docker engine and registry', () => {
  let engine: DockerEngine;
  let registry: Registry;
  beforeAll(async () => {
    [engine, registry] = await Promise.all([startDockerEngine(), startRegistry()]);
  });
  afterAll(async () => {
    await Promise.all([engine?.stop(), registry?.stop()]);
  });

  it('runs a container from a locally made busybox image and pushes it to the registry', async () => {
    const tag = await importBusyboxImage(engine);
    const run = await engine.docker(['run', '--rm', '--network', 'host', '--user', 'app', tag, 'sh', '-c', 'id -un && echo hi']);
    expect(run.stdout.trim().split('\n')).toEqual(['app', 'hi']);
    const remote = `${registry.address}/busybox:1`;
    await engine.docker(['tag', tag, remote]);
    const push = await engine.docker(['push', remote]);
    expect(push.stdout).toMatch(/digest: sha256:[0-9a-f]{64}/);
  });
});
