/**
 * How the GitHub backend reads the @actions/cache client: the lines below are what the client
 * (v6, protocol v2) writes in each case. The client itself, end to end: test/core/cache-github.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { captureClientOutput, interpretRestore, interpretSave } from './github-service.js';

const transcript = (lines: string[], problems: string[] = []) => ({ lines, problems });

describe('interpretSave', () => {
  it('reads a saved entry and its archive size', () => {
    expect(interpretSave(7, transcript(['::debug::Reserving Cache', '::debug::File Size: 238']))).toEqual({ bytes: 238 });
  });

  it('takes a 409 from CreateCacheEntry as "the entry exists" (entries are immutable), not a failure', () => {
    const lines = [
      '::debug::Failed to reserve cache: Error: Failed to CreateCacheEntry: Received non-retryable error: Failed request: (409) Conflict: cache entry with the same key, version, and scope already exists',
      'Failed to save: Unable to reserve cache with key Linux-X64-k, another job may be creating this cache.',
    ];
    expect(interpretSave(-1, transcript(lines))).toBeUndefined();
  });

  it('takes any other failed reservation as an error', () => {
    const lines = [
      '::debug::Failed to reserve cache: Error: Failed to CreateCacheEntry: Failed to make request after 5 attempts: Failed request: (500) Internal Server Error',
    ];
    expect(() => interpretSave(-1, transcript(lines))).toThrow(/^could not reserve the cache entry: Failed to CreateCacheEntry: .*\(500\)/);
  });

  it('turns the client’s warnings into one error, its last word without "Failed to save: "', () => {
    const problems = [
      'uploadCacheArchiveSDK: internal error uploading cache archive: connect ECONNREFUSED',
      'Failed to save: connect ECONNREFUSED',
    ];
    expect(() => interpretSave(-1, transcript([], problems))).toThrow(/^connect ECONNREFUSED$/);
    expect(() => interpretSave(-1, transcript([]))).toThrow(/did not save/);
  });
});

describe('interpretRestore', () => {
  it('reads the restored key and size, a miss, or a failure', () => {
    expect(interpretRestore('Linux-X64-k', transcript(['Cache Size: ~0 MB (251 B)', 'Cache restored successfully']))).toEqual({
      key: 'Linux-X64-k',
      bytes: 251,
    });
    expect(interpretRestore(undefined, transcript(['Cache not found for keys: Linux-X64-k']))).toBeUndefined();
    expect(() => interpretRestore(undefined, transcript([], ['Failed to restore: Failed to GetCacheEntryDownloadURL: (400)']))).toThrow(
      /^Failed to GetCacheEntryDownloadURL: \(400\)$/,
    );
  });
});

describe('captureClientOutput', () => {
  it('holds back warning and error commands written inside the call, and only those', async () => {
    const written: string[] = [];
    const original = process.stdout.write;
    const spy = ((chunk: string) => {
      written.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    process.stdout.write = spy;
    try {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const call = captureClientOutput(async () => {
        process.stdout.write('::debug::File Size: 12\n');
        process.stdout.write('::warning::Failed to save: it broke%0Abadly\n');
        await gate;
        await new Promise((resolve) => setTimeout(resolve, 5));
        process.stdout.write('::error title=x::5xx\n');
        return 42;
      });
      // Code outside the call, writing while it runs, is not captured.
      process.stdout.write('::warning::someone else\n');
      release();
      const { value, transcript } = await call;
      expect(value).toBe(42);
      expect(transcript).toEqual({ lines: ['::debug::File Size: 12'], problems: ['Failed to save: it broke\nbadly', '5xx'] });
      expect(written).toEqual(['::debug::File Size: 12\n', '::warning::someone else\n']);
    } finally {
      process.stdout.write = original;
    }
  });
});
