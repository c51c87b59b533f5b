/**
 * The cache every action uses: restore/save with @actions/cache semantics over GitHub's service
 * on a runner or a local directory elsewhere. A cache never fails the step: any error, timeout or
 * corrupt entry is a warning and a miss. Keys carry OS and architecture; nothing is saved from
 * untrusted events (a fork must not poison what the default branch restores).
 */

import { errorMessage } from '../errors.js';
import { parseDuration } from '../inputs.js';
import type { Logger } from '../log.js';
import type { RunnerContext } from '../runner-context.js';
import { UNTRUSTED_EVENTS } from '../runner-context.js';
import type { CacheBackend } from './backend.js';
import { GitHubCacheBackend, githubCacheServiceAvailable } from './github-service.js';
import { defaultCacheDirectory, LocalDirectoryBackend } from './local-directory.js';

export type CacheHit = 'exact' | 'partial' | 'miss';

export interface RestoreResult {
  hit: CacheHit;
  /** The key restored (as the caller named it, without the OS/arch prefix). */
  key?: string;
  bytes?: number;
  seconds: number;
  /** Set when the cache failed; the result is then a miss. */
  error?: string;
}

export interface SaveResult {
  saved: boolean;
  reason?: 'exists' | 'untrusted-event' | 'error';
  bytes?: number;
  seconds: number;
}

/** Figures for the stage's metrics. */
export interface CacheFigures {
  backend: 'github' | 'local';
  hits: number;
  partial_hits: number;
  misses: number;
  errors: number;
  bytes_restored: number;
  bytes_saved: number;
  restore_seconds: number;
  save_seconds: number;
  entries: { key: string; hit: CacheHit | 'saved' | 'not-saved'; bytes?: number; seconds: number }[];
}

export interface ActionCacheOptions {
  log: Logger;
  runner: RunnerContext;
  backend?: CacheBackend;
  env?: NodeJS.ProcessEnv;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

export function selectCacheBackend(env: NodeJS.ProcessEnv, cwd: string): CacheBackend {
  const chosen = env.BUILD_TOOLS_CACHE_BACKEND;
  if (chosen === 'github' || (chosen !== 'local' && githubCacheServiceAvailable(env))) return new GitHubCacheBackend();
  return new LocalDirectoryBackend(defaultCacheDirectory(env), cwd);
}

class CacheTimeoutError extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CacheTimeoutError(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class ActionCache {
  readonly backend: CacheBackend;
  readonly figures: CacheFigures;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private readonly saveFromUntrusted: boolean;

  constructor(private readonly options: ActionCacheOptions) {
    const env = options.env ?? process.env;
    this.backend = options.backend ?? selectCacheBackend(env, options.runner.workspace);
    this.prefix = `${options.runner.os}-${options.runner.arch}-`;
    const timeout = env.BUILD_TOOLS_CACHE_TIMEOUT;
    const timeoutMs = timeout ? parseDuration(timeout) : undefined;
    if (timeout && !timeoutMs) {
      options.log.warn(
        `BUILD_TOOLS_CACHE_TIMEOUT='${timeout}' is not a duration (such as 90s or 10m); using ${DEFAULT_TIMEOUT_MS / 60_000} minutes.`,
      );
    }
    this.timeoutMs = timeoutMs || DEFAULT_TIMEOUT_MS;
    this.saveFromUntrusted = env.BUILD_TOOLS_CACHE_SAVE_UNTRUSTED === 'true';
    this.figures = {
      backend: this.backend.name,
      hits: 0,
      partial_hits: 0,
      misses: 0,
      errors: 0,
      bytes_restored: 0,
      bytes_saved: 0,
      restore_seconds: 0,
      save_seconds: 0,
      entries: [],
    };
  }

  /** The full key as stored: OS and architecture first, so a Linux entry never lands on macOS. */
  storedKey(key: string): string {
    return this.prefix + key;
  }

  async restore(paths: string[], key: string, restoreKeys: string[] = []): Promise<RestoreResult> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let result: RestoreResult;
    try {
      const entry = await withTimeout(
        this.backend.restore(
          paths,
          this.storedKey(key),
          restoreKeys.map((restoreKey) => this.storedKey(restoreKey)),
        ),
        this.timeoutMs,
        'cache restore',
      );
      if (!entry) result = { hit: 'miss', seconds: seconds() };
      else {
        const restoredKey = entry.key.startsWith(this.prefix) ? entry.key.slice(this.prefix.length) : entry.key;
        result = { hit: restoredKey === key ? 'exact' : 'partial', key: restoredKey, bytes: entry.bytes, seconds: seconds() };
      }
    } catch (error) {
      result = { hit: 'miss', seconds: seconds(), error: errorMessage(error) };
      this.figures.errors++;
      this.options.log.warn(`Cache restore failed, continuing without it: ${errorMessage(error)}`);
    }
    this.figures.restore_seconds += result.seconds;
    this.figures.bytes_restored += result.bytes ?? 0;
    if (result.hit === 'exact') this.figures.hits++;
    else if (result.hit === 'partial') this.figures.partial_hits++;
    else this.figures.misses++;
    this.figures.entries.push({ key, hit: result.hit, bytes: result.bytes, seconds: result.seconds });
    this.options.log.info(
      result.hit === 'miss'
        ? `Cache miss for ${key}`
        : `Cache ${result.hit === 'exact' ? 'hit' : 'partial hit'} for ${key}${result.hit === 'partial' ? ` (restored ${result.key})` : ''}`,
    );
    return result;
  }

  /** Whether this run may save at all (false for untrusted events unless explicitly allowed). */
  get maySave(): boolean {
    return this.saveFromUntrusted || !UNTRUSTED_EVENTS.has(this.options.runner.eventName);
  }

  async save(paths: string[], key: string): Promise<SaveResult> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let result: SaveResult;
    if (!this.maySave) {
      this.options.log.info(`Not saving cache ${key}: '${this.options.runner.eventName}' events are untrusted.`);
      result = { saved: false, reason: 'untrusted-event', seconds: 0 };
    } else {
      try {
        const entry = await withTimeout(this.backend.save(paths, this.storedKey(key)), this.timeoutMs, 'cache save');
        result = entry ? { saved: true, bytes: entry.bytes, seconds: seconds() } : { saved: false, reason: 'exists', seconds: seconds() };
        if (!entry) this.options.log.info(`Cache entry ${key} already exists; entries are immutable, so it was kept.`);
      } catch (error) {
        result = { saved: false, reason: 'error', seconds: seconds() };
        this.figures.errors++;
        this.options.log.warn(`Cache save failed, continuing without it: ${errorMessage(error)}`);
      }
    }
    this.figures.save_seconds += result.seconds;
    this.figures.bytes_saved += result.bytes ?? 0;
    this.figures.entries.push({ key, hit: result.saved ? 'saved' : 'not-saved', bytes: result.bytes, seconds: result.seconds });
    return result;
  }
}
