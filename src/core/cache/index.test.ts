/** ActionCache, the facade every action uses, over backends that behave (and misbehave) on cue. */
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../../test/recording-logger.js';
import { readRunnerContext } from '../runner-context.js';
import type { CacheBackend, RestoredEntry, SavedEntry } from './backend.js';
import { CorruptCacheEntryError } from './backend.js';
import { GitHubCacheBackend } from './github-service.js';
import { ActionCache, selectCacheBackend } from './index.js';
import { LocalDirectoryBackend } from './local-directory.js';

interface Call {
  op: 'restore' | 'save';
  paths: string[];
  key: string;
  restoreKeys?: string[];
}

/** A backend holding entries in memory with the service's matching rules, or failing as told. */
function fakeBackend(behaviour: { restore?: () => Promise<RestoredEntry | undefined>; save?: () => Promise<SavedEntry | undefined> } = {}) {
  const calls: Call[] = [];
  const stored = new Map<string, number>();
  const backend: CacheBackend = {
    name: 'local',
    async restore(paths, key, restoreKeys) {
      calls.push({ op: 'restore', paths, key, restoreKeys });
      if (behaviour.restore) return behaviour.restore();
      if (stored.has(key)) return { key, bytes: stored.get(key) };
      const match = restoreKeys
        .map((prefix) => [...stored.keys()].reverse().find((candidate) => candidate.startsWith(prefix)))
        .find(Boolean);
      return match ? { key: match, bytes: stored.get(match) } : undefined;
    },
    async save(paths, key) {
      calls.push({ op: 'save', paths, key });
      if (behaviour.save) return behaviour.save();
      if (stored.has(key)) return undefined;
      stored.set(key, 100);
      return { bytes: 100 };
    },
  };
  return { backend, calls };
}

function cacheWith(backend: CacheBackend, env: Record<string, string> = {}) {
  const log = recordingLogger();
  const runner = readRunnerContext({ RUNNER_OS: 'Linux', RUNNER_ARCH: 'X64', GITHUB_WORKSPACE: '/tmp', ...env });
  return { cache: new ActionCache({ log, runner, backend, env }), log };
}

const never = () => new Promise<never>(() => {});

describe('ActionCache', () => {
  it('stores and looks up keys with the OS and architecture in front, and reports them without', async () => {
    const { backend, calls } = fakeBackend();
    const { cache } = cacheWith(backend, { RUNNER_OS: 'Windows', RUNNER_ARCH: 'ARM64' });
    await cache.save(['a'], 'deps-1');
    const result = await cache.restore(['a'], 'deps-2', ['deps-']);
    expect(calls).toEqual([
      { op: 'save', paths: ['a'], key: 'Windows-ARM64-deps-1' },
      { op: 'restore', paths: ['a'], key: 'Windows-ARM64-deps-2', restoreKeys: ['Windows-ARM64-deps-'] },
    ]);
    expect(result).toMatchObject({ hit: 'partial', key: 'deps-1', bytes: 100 });
  });

  it('counts hits, partial hits, misses, errors, bytes and time in its figures', async () => {
    const { backend } = fakeBackend();
    const { cache } = cacheWith(backend);
    expect(await cache.save(['a'], 'k-1')).toMatchObject({ saved: true, bytes: 100 });
    expect(await cache.save(['a'], 'k-1')).toMatchObject({ saved: false, reason: 'exists' });
    expect((await cache.restore(['a'], 'k-1')).hit).toBe('exact');
    expect((await cache.restore(['a'], 'k-2', ['k-'])).hit).toBe('partial');
    expect((await cache.restore(['a'], 'x', ['x-'])).hit).toBe('miss');
    expect(cache.figures).toMatchObject({
      backend: 'local',
      hits: 1,
      partial_hits: 1,
      misses: 1,
      errors: 0,
      bytes_restored: 200,
      bytes_saved: 100,
    });
    expect(cache.figures.entries.map((entry) => [entry.key, entry.hit])).toEqual([
      ['k-1', 'saved'],
      ['k-1', 'not-saved'],
      ['k-1', 'exact'],
      ['k-2', 'partial'],
      ['x', 'miss'],
    ]);
    for (const entry of cache.figures.entries) expect(entry.seconds).toBeGreaterThanOrEqual(0);
  });

  it('turns a failing backend into one warning and a miss, never an exception', async () => {
    const rejecting = cacheWith(
      fakeBackend({
        restore: () => Promise.reject(new Error('socket hang up')),
        save: () => Promise.reject(new Error('disk full')),
      }).backend,
    );
    expect(await rejecting.cache.restore(['a'], 'k')).toMatchObject({ hit: 'miss', error: 'socket hang up' });
    expect(await rejecting.cache.save(['a'], 'k')).toMatchObject({ saved: false, reason: 'error' });
    expect(rejecting.log.warnings).toEqual([
      'Cache restore failed, continuing without it: socket hang up',
      'Cache save failed, continuing without it: disk full',
    ]);
    expect(rejecting.cache.figures).toMatchObject({ misses: 1, errors: 2 });

    const throwing: CacheBackend = {
      name: 'local',
      restore: () => {
        throw new CorruptCacheEntryError('checksum mismatch');
      },
      save: () => {
        throw new TypeError('not a function');
      },
    };
    const synchronous = cacheWith(throwing);
    expect((await synchronous.cache.restore(['a'], 'k')).hit).toBe('miss');
    expect((await synchronous.cache.save(['a'], 'k')).saved).toBe(false);
    expect(synchronous.log.warnings).toHaveLength(2);
  });

  it('gives up on a backend that hangs after BUILD_TOOLS_CACHE_TIMEOUT', async () => {
    const { cache, log } = cacheWith(fakeBackend({ restore: never, save: never }).backend, { BUILD_TOOLS_CACHE_TIMEOUT: '50ms' });
    expect(await cache.restore(['a'], 'k')).toMatchObject({ hit: 'miss', error: 'cache restore timed out after 0.05 s' });
    expect(await cache.save(['a'], 'k')).toMatchObject({ saved: false, reason: 'error' });
    expect(log.warnings).toEqual([
      'Cache restore failed, continuing without it: cache restore timed out after 0.05 s',
      'Cache save failed, continuing without it: cache save timed out after 0.05 s',
    ]);
  });

  it('warns about a timeout it cannot read and keeps the default', async () => {
    const { log } = cacheWith(fakeBackend().backend, { BUILD_TOOLS_CACHE_TIMEOUT: 'three minutes' });
    expect(log.warnings).toEqual([expect.stringMatching(/BUILD_TOOLS_CACHE_TIMEOUT='three minutes' is not a duration.*10 minutes/)]);
  });

  it('saves nothing from pull_request_target or workflow_run unless BUILD_TOOLS_CACHE_SAVE_UNTRUSTED=true', async () => {
    for (const event of ['pull_request_target', 'workflow_run']) {
      const { backend, calls } = fakeBackend();
      const { cache, log } = cacheWith(backend, { GITHUB_EVENT_NAME: event });
      expect(cache.maySave).toBe(false);
      expect(await cache.save(['a'], 'k')).toMatchObject({ saved: false, reason: 'untrusted-event' });
      expect(calls).toEqual([]);
      expect(log.warnings).toEqual([]);
      // Restoring is still fine: it is what the default branch saved.
      expect((await cache.restore(['a'], 'k')).hit).toBe('miss');
    }
    for (const event of ['push', 'pull_request', 'schedule'])
      expect(cacheWith(fakeBackend().backend, { GITHUB_EVENT_NAME: event }).cache.maySave).toBe(true);
    const allowed = cacheWith(fakeBackend().backend, {
      GITHUB_EVENT_NAME: 'pull_request_target',
      BUILD_TOOLS_CACHE_SAVE_UNTRUSTED: 'true',
    });
    expect((await allowed.cache.save(['a'], 'k')).saved).toBe(true);
  });
});

describe('selectCacheBackend', () => {
  it('uses GitHub’s service when the runner provides it, else the local directory', () => {
    expect(selectCacheBackend({ ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/' }, '/w')).toBeInstanceOf(
      GitHubCacheBackend,
    );
    expect(selectCacheBackend({ ACTIONS_CACHE_URL: 'http://127.0.0.1:1/' }, '/w')).toBeInstanceOf(GitHubCacheBackend);
    expect(selectCacheBackend({ ACTIONS_CACHE_SERVICE_V2: 'true' }, '/w')).toBeInstanceOf(LocalDirectoryBackend);
    expect(selectCacheBackend({}, '/w')).toBeInstanceOf(LocalDirectoryBackend);
    expect(selectCacheBackend({ ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/', BUILD_TOOLS_CACHE_BACKEND: 'local' }, '/w')).toBeInstanceOf(
      LocalDirectoryBackend,
    );
  });
});
