/**
 * The core cache on a "runner": the real @actions/cache client, inside the compiled probe action,
 * against the Twirp cache-service stand-in with Azurite behind it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBE_ACTION_DIRECTORY, removeTemporaryFolders, runActionDirectory, temporaryFolder } from '../harness.js';
import { type CacheService, startCacheService } from '../services/cache-service.js';

let service: CacheService;

beforeAll(async () => {
  service = await startCacheService();
});
afterAll(async () => {
  await service?.stop();
  removeTemporaryFolders();
});

function probe(inputs: Record<string, string>, workspace = temporaryFolder('ws-'), extraEnv: Record<string, string> = {}) {
  return runActionDirectory(PROBE_ACTION_DIRECTORY, {
    workspace,
    inputs,
    env: { ...service.env, BUILD_TOOLS_CACHE_TIMEOUT: '4s', ...extraEnv },
  });
}

/** Saves `cached/stamp.txt` ("saved <key>") under `key` through main + post. */
async function save(key: string, extraEnv: Record<string, string> = {}) {
  const workspace = temporaryFolder('ws-');
  mkdirSync(join(workspace, 'cached'));
  return probe({ mode: 'cache-save', 'cache-path': 'cached', 'cache-key': key }, workspace, extraEnv);
}

async function restore(key: string, restoreKeys = '', path = 'cached', extraEnv: Record<string, string> = {}) {
  const workspace = temporaryFolder('ws-');
  const run = await probe(
    { mode: 'cache-restore', 'cache-path': path, 'cache-key': key, 'restore-keys': restoreKeys },
    workspace,
    extraEnv,
  );
  let content: string | undefined;
  try {
    content = readFileSync(join(workspace, path, 'stamp.txt'), 'utf8');
  } catch {
    content = undefined;
  }
  return { run, content };
}

const warnings = (run: Awaited<ReturnType<typeof probe>>) => [
  ...run.main.annotations.filter((annotation) => annotation.level === 'warning'),
  ...(run.post?.annotations.filter((annotation) => annotation.level === 'warning') ?? []),
];

describe('the GitHub cache backend through the real client', () => {
  it('saves in the post step and restores the exact key', async () => {
    const saved = await save('deps-exact');
    expect(saved.post?.exitCode).toBe(0);
    const entry = service.entries().find((candidate) => candidate.key.endsWith('deps-exact'));
    expect(entry?.finalized).toBe(true);
    // The core prefixes OS and architecture.
    expect(entry?.key).toMatch(/^Linux-X64-deps-exact$/);
    const { run, content } = await restore('deps-exact');
    expect(run.main.outputs).toMatchObject({ 'cache-hit': 'exact', 'restored-key': 'deps-exact' });
    expect(content).toBe('saved deps-exact');
  });

  it('restores the newest entry matching a restore-key prefix as a partial hit', async () => {
    await save('prefix-1');
    await save('prefix-2');
    const { run, content } = await restore('prefix-3', 'prefix-');
    expect(run.main.outputs).toMatchObject({ 'cache-hit': 'partial', 'restored-key': 'prefix-2' });
    expect(content).toBe('saved prefix-2');
  });

  it('misses cleanly, and never matches an entry saved with other paths', async () => {
    const miss = await restore('never-saved', 'never-');
    expect(miss.run.main.outputs['cache-hit']).toBe('miss');
    expect(miss.content).toBeUndefined();
    await save('other-paths');
    const differentPaths = await restore('other-paths', '', 'elsewhere');
    expect(differentPaths.run.main.outputs['cache-hit']).toBe('miss');
  });

  it('keeps an entry immutable: a second save of the same key changes nothing', async () => {
    await save('immutable');
    const again = await save('immutable');
    expect(again.post?.exitCode).toBe(0);
    expect(service.entries().filter((entry) => entry.key.endsWith('immutable'))).toHaveLength(1);
  });

  it('does not save from an untrusted event', async () => {
    const workspace = temporaryFolder('ws-');
    mkdirSync(join(workspace, 'cached'));
    writeFileSync(join(workspace, 'cached', 'x'), 'x');
    const run = await runActionDirectory(PROBE_ACTION_DIRECTORY, {
      workspace,
      inputs: { mode: 'cache-save', 'cache-path': 'cached', 'cache-key': 'from-fork' },
      env: { ...service.env, GITHUB_EVENT_NAME: 'pull_request_target' },
    });
    expect(run.post?.stdout).toContain("'pull_request_target' events are untrusted");
    expect(service.entries().some((entry) => entry.key.endsWith('from-fork'))).toBe(false);
  });

  describe('faults never fail the step', () => {
    it('a service answering 500 is a warning and a miss', async () => {
      service.setFault('500');
      try {
        const { run } = await restore('any', '', 'cached', { BUILD_TOOLS_CACHE_TIMEOUT: '2s' });
        expect(run.main.exitCode).toBe(0);
        expect(run.main.outputs['cache-hit']).toBe('miss');
        expect(
          warnings(run)
            .map((warning) => warning.message)
            .join('\n'),
        ).toMatch(/Cache restore failed|Failed to restore/);
        expect(run.main.stdout).not.toMatch(/^\s+at /m);
      } finally {
        service.setFault('none');
      }
    });

    it('a service that hangs is cut off by the timeout', async () => {
      service.setFault('hang');
      try {
        const started = performance.now();
        const { run } = await restore('any', '', 'cached', { BUILD_TOOLS_CACHE_TIMEOUT: '2s' });
        expect(run.main.exitCode).toBe(0);
        expect(run.main.outputs['cache-hit']).toBe('miss');
        expect(warnings(run).map((warning) => warning.message)).toContainEqual(expect.stringContaining('timed out after 2 s'));
        expect(performance.now() - started).toBeLessThan(30_000);
      } finally {
        service.setFault('none');
      }
    });

    it('a blob store that dies mid-upload leaves nothing to restore', async () => {
      service.setFault('blob-store-dies-after-create');
      const saved = await save('dies', { BUILD_TOOLS_CACHE_TIMEOUT: '5s' });
      service.setFault('none');
      expect(saved.main.exitCode).toBe(0);
      expect(saved.post?.exitCode).toBe(0);
      expect(warnings(saved).length).toBeGreaterThan(0);
      expect(saved.post?.stdout).not.toMatch(/^\s+at /m);
      expect(service.entries().find((entry) => entry.key.endsWith('dies'))?.finalized).toBe(false);
      const { run, content } = await restore('dies', 'dies');
      expect(run.main.exitCode).toBe(0);
      expect(run.main.outputs['cache-hit']).toBe('miss');
      expect(content).toBeUndefined();
    });
  });
});
