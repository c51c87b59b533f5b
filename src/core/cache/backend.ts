/**
 * What a cache backend must do: `@actions/cache`'s contract. Restore tries the exact key, then
 * each restore key in order as a prefix, taking the newest entry that matches; an entry only
 * matches when it was saved with the same paths; entries are immutable once saved.
 */
export interface CacheBackend {
  readonly name: 'github' | 'local';
  /** Returns the key of the entry restored, or undefined on a miss. Throws on failure. */
  restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<RestoredEntry | undefined>;
  /** Saves the paths under `key`; returns false when an entry with this key already exists. Throws on failure. */
  save(paths: string[], key: string): Promise<SavedEntry | undefined>;
}

export interface RestoredEntry {
  key: string;
  /** Archive size, when the backend knows it. */
  bytes?: number;
}

export interface SavedEntry {
  bytes?: number;
}

/** Raised by a backend when what it found cannot be trusted (checksum mismatch, truncated archive). */
export class CorruptCacheEntryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptCacheEntryError';
  }
}
