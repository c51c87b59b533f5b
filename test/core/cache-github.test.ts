/**
 * The core cache on a "runner": the real @actions/cache client, inside the compiled probe action
 * run as the runner runs it, against the Twirp cache-service stand-in with Azurite behind it.
 * The core picks the GitHub backend because ACTIONS_RESULTS_URL is set.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionRun } from '../../src/core/local-runner.js';
import { readMetricsFile } from '../../src/core/metrics/file.js';
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

function probe(inputs: Record<string, string>, workspace: string, env: Record<string, string> = {}) {
  const metricsFile = join(temporaryFolder('metrics-'), 'build-metrics.json');
  return runActionDirectory(PROBE_ACTION_DIRECTORY, {
    workspace,
    inputs,
    // The client's own retries take 5 × 3 s and more; the core cuts a call off at this timeout.
    env: { ...service.env, BUILD_TOOLS_CACHE_TIMEOUT: '3s', BUILD_TOOLS_METRICS_FILE: metricsFile, ...env },
  }).then((run) => ({ ...run, metrics: readMetricsFile(metricsFile) }));
}

/** Saves `cached/stamp.txt` ("saved <key>") under `key`: main writes it, post saves it. */
async function save(key: string, env: Record<string, string> = {}, path = 'cached') {
  const workspace = temporaryFolder('ws-');
  mkdirSync(join(workspace, path));
  return probe({ mode: 'cache-save', 'cache-path': path, 'cache-key': key }, workspace, env);
}

async function restore(key: string, restoreKeys = '', path = 'cached', env: Record<string, string> = {}) {
  const workspace = temporaryFolder('ws-');
  const run = await probe({ mode: 'cache-restore', 'cache-path': path, 'cache-key': key, 'restore-keys': restoreKeys }, workspace, env);
  let content: string | undefined;
  try {
    content = readFileSync(join(workspace, path, 'stamp.txt'), 'utf8');
  } catch {
    content = undefined;
  }
  return { run, content };
}

const annotations = (run: ActionRun, level: 'warning' | 'error') => [
  ...run.main.annotations.filter((annotation) => annotation.level === level),
  ...(run.post?.annotations.filter((annotation) => annotation.level === level) ?? []),
];

/** A cache failure is one warning from the core, no error annotation, no stack trace, exit 0. */
function expectOneWarning(run: ActionRun, pattern: RegExp) {
  expect(run.main.exitCode).toBe(0);
  if (run.post) expect(run.post.exitCode).toBe(0);
  const warnings = annotations(run, 'warning').map((warning) => warning.message);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(pattern);
  expect(annotations(run, 'error')).toEqual([]);
  for (const step of [run.main, run.post]) {
    expect(step?.stdout ?? '').not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
    expect(step?.stderr ?? '').not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
  }
}

const finalized = (suffix: string) => service.entries().filter((entry) => entry.finalized && entry.key.endsWith(suffix));

describe('the GitHub cache backend through the real client', () => {
  it('saves in the post step and restores the exact key, with sizes in the metrics', async () => {
    const saved = await save('deps-exact');
    expect(saved.post?.exitCode).toBe(0);
    expect(annotations(saved, 'warning')).toEqual([]);
    // The core prefixes OS and architecture; the client derives the version from the paths.
    const [entry] = finalized('deps-exact');
    expect(entry?.key).toBe('Linux-X64-deps-exact');
    expect(entry?.sizeBytes).toBeGreaterThan(0);
    const savedFigures = saved.metrics?.stages.find((stage) => stage.phase === 'post')?.figures.cache;
    expect(savedFigures).toMatchObject({ backend: 'github', bytes_saved: entry?.sizeBytes, errors: 0 });

    const { run, content } = await restore('deps-exact', 'deps-');
    expect(run.main.outputs).toMatchObject({ 'cache-hit': 'exact', 'restored-key': 'deps-exact' });
    expect(content).toBe('saved deps-exact');
    expect(run.metrics?.cache).toMatchObject({ hits: 1, misses: 0, errors: 0, bytes_restored: entry?.sizeBytes, hit_rate: 1 });
  });

  it('restores the newest of several entries matching a restore-key prefix as a partial hit', async () => {
    await save('prefix-1');
    await save('prefix-2');
    await save('prefixes-other'); // newest overall, but it matches only a prefix tried later
    const { run, content } = await restore('prefix-3', 'nothing-\nprefix-\nprefixes-');
    expect(run.main.outputs).toMatchObject({ 'cache-hit': 'partial', 'restored-key': 'prefix-2' });
    expect(content).toBe('saved prefix-2');
    const narrower = await restore('prefix-3', 'prefix-1\nprefix-');
    expect(narrower.run.main.outputs['restored-key']).toBe('prefix-1');
    expect(narrower.content).toBe('saved prefix-1');
  });

  it('misses cleanly, and never matches an entry saved with other paths', async () => {
    const miss = await restore('never-saved', 'never-');
    expect(miss.run.main.outputs).toMatchObject({ 'cache-hit': 'miss', 'restored-key': '' });
    expect(miss.content).toBeUndefined();
    expect(annotations(miss.run, 'warning')).toEqual([]);
    expect(miss.run.metrics?.cache).toMatchObject({ hits: 0, misses: 1, errors: 0 });

    await save('other-paths');
    const differentPaths = await restore('other-paths', 'other-', 'elsewhere');
    expect(differentPaths.run.main.outputs['cache-hit']).toBe('miss');
    expect(differentPaths.content).toBeUndefined();
  });

  it('keeps an entry immutable: a second save of the same key is refused by the service and keeps the first', async () => {
    await save('immutable');
    const calls = service.calls.length;
    const again = await save('immutable');
    expect(service.calls.slice(calls)).toEqual(['CreateCacheEntry']);
    expect(again.post?.exitCode).toBe(0);
    expect(annotations(again, 'warning')).toEqual([]);
    expect(again.post?.stdout).toContain('Cache entry immutable already exists');
    expect(service.entries().filter((entry) => entry.key.endsWith('immutable'))).toHaveLength(1);
    expect(again.metrics?.stages.find((stage) => stage.phase === 'post')?.figures.cache).toMatchObject({ errors: 0, bytes_saved: 0 });
  });

  it('does not save from an untrusted event', async () => {
    const calls = service.calls.length;
    const run = await save('from-fork', { GITHUB_EVENT_NAME: 'pull_request_target' });
    expect(run.post?.stdout).toContain("'pull_request_target' events are untrusted");
    expect(service.calls.length).toBe(calls);
    expect(service.entries().some((entry) => entry.key.endsWith('from-fork'))).toBe(false);
  });

  describe('faults never fail the step', () => {
    it('a service answering 500 is one warning and a miss, or no entry', async () => {
      await save('before-500');
      service.setFault('500');
      try {
        const { run, content } = await restore('before-500');
        expectOneWarning(run, /^Cache restore failed, continuing without it: cache restore timed out after 3 s$/);
        expect(run.main.outputs['cache-hit']).toBe('miss');
        expect(content).toBeUndefined();
        expect(run.metrics?.cache).toMatchObject({ misses: 1, errors: 1 });
        const saved = await save('during-500');
        expectOneWarning(saved, /^Cache save failed, continuing without it: cache save timed out after 3 s$/);
      } finally {
        service.setFault('none');
      }
      expect(service.entries().some((entry) => entry.key.endsWith('during-500'))).toBe(false);
    });

    it('a service refusing a call (4xx) is the client’s failure folded into one warning', async () => {
      await save('before-reject');
      service.setFault('reject');
      try {
        const { run, content } = await restore('before-reject');
        expectOneWarning(
          run,
          /^Cache restore failed, continuing without it: Failed to GetCacheEntryDownloadURL: .*\(400\).*injected rejection/,
        );
        expect(run.main.outputs['cache-hit']).toBe('miss');
        expect(content).toBeUndefined();
        const saved = await save('during-reject');
        expectOneWarning(saved, /^Cache save failed, continuing without it: could not reserve the cache entry: .*\(400\)/);
      } finally {
        service.setFault('none');
      }
    });

    it('a service that hangs is cut off by the timeout', async () => {
      service.setFault('hang');
      try {
        const { run } = await restore('any', 'an');
        expectOneWarning(run, /^Cache restore failed, continuing without it: cache restore timed out after 3 s$/);
        expect(run.main.outputs['cache-hit']).toBe('miss');
      } finally {
        service.setFault('none');
      }
    });

    it('a blob store that dies mid-upload: the save warns, the step succeeds, nothing corrupt is restored', async () => {
      service.setFault('blob-store-dies-mid-upload');
      let saved: Awaited<ReturnType<typeof save>>;
      try {
        saved = await save('dies');
        expect(service.blobStoreRunning()).toBe(false);
      } finally {
        service.setFault('none');
        await service.restartBlobStore();
      }
      expectOneWarning(saved, /^Cache save failed, continuing without it: /);
      const [entry] = service.entries().filter((candidate) => candidate.key.endsWith('dies'));
      expect(entry?.finalized).toBe(false);
      const { run, content } = await restore('dies', 'dies');
      expect(run.main.exitCode).toBe(0);
      expect(run.main.outputs['cache-hit']).toBe('miss');
      expect(content).toBeUndefined();
      // The blob store is back: the cache works again.
      await save('after-restart');
      expect((await restore('after-restart')).content).toBe('saved after-restart');
    });
  });
});
