/**
 * The cache backend on a runner: GitHub's cache service through the real @actions/cache client.
 * Loaded only when used, because the client (HTTP, Azure SDK) is most of a bundle's start-up cost.
 */
import type { CacheBackend, RestoredEntry, SavedEntry } from './backend.js';

export function githubCacheServiceAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.ACTIONS_CACHE_SERVICE_V2 ? env.ACTIONS_RESULTS_URL : env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL);
}

export class GitHubCacheBackend implements CacheBackend {
  readonly name = 'github' as const;

  async restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<RestoredEntry | undefined> {
    const cache = await import('@actions/cache');
    const key = await cache.restoreCache(paths, primaryKey, restoreKeys);
    return key ? { key } : undefined;
  }

  async save(paths: string[], key: string): Promise<SavedEntry | undefined> {
    const cache = await import('@actions/cache');
    const id = await cache.saveCache(paths, key);
    // The client logs and returns -1 when it could not save (e.g. the key already exists).
    return id === -1 ? undefined : {};
  }
}
