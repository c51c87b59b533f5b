/**
 * The cache backend off the runner: a directory (BUILD_TOOLS_CACHE_DIR, default
 * ~/.cache/build-tools) holding one tar archive per entry with a JSON record beside it.
 * Same semantics as GitHub's service; the archive's SHA-256 is checked before anything is
 * extracted, so a corrupt entry is a miss, never a half-restored tree.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { exec } from '../exec.js';
import { type CacheBackend, CorruptCacheEntryError, type RestoredEntry, type SavedEntry } from './backend.js';

interface EntryRecord {
  key: string;
  created: string;
  bytes: number;
  sha256: string;
  paths: string[];
}

export function defaultCacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.BUILD_TOOLS_CACHE_DIR || join(homedir(), '.cache', 'build-tools');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Bytes per read when hashing an archive: a stream's default 64 KiB chunks cost twice the time. */
const READ_SIZE = 1024 * 1024;

async function sha256File(path: string): Promise<string> {
  const file = await open(path, 'r');
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(READ_SIZE);
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, READ_SIZE, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}

/** Expands `~` and resolves against `cwd`, as @actions/cache does for its paths. */
export function resolveCachePath(path: string, cwd: string): string {
  const expanded = path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
  return isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
}

/** Like @actions/cache's "version": entries saved with other paths never match. */
export function cacheVersion(paths: string[]): string {
  return sha256Hex([...paths, 'tar-local-v1'].join('|'));
}

export class LocalDirectoryBackend implements CacheBackend {
  readonly name = 'local' as const;

  constructor(
    private readonly root: string = defaultCacheDirectory(),
    private readonly cwd: string = process.cwd(),
  ) {}

  private versionDirectory(paths: string[]): string {
    return join(this.root, 'entries', cacheVersion(paths));
  }

  private entryBase(paths: string[], key: string): string {
    return join(this.versionDirectory(paths), sha256Hex(key));
  }

  private async readRecord(file: string): Promise<EntryRecord | undefined> {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as EntryRecord;
    } catch {
      return undefined;
    }
  }

  private async findEntry(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<EntryRecord | undefined> {
    const exact = await this.readRecord(`${this.entryBase(paths, primaryKey)}.json`);
    if (exact?.key === primaryKey) return exact;
    if (restoreKeys.length === 0) return undefined;
    let names: string[];
    try {
      names = (await readdir(this.versionDirectory(paths))).filter((name) => name.endsWith('.json'));
    } catch {
      return undefined;
    }
    const records = (await Promise.all(names.map((name) => this.readRecord(join(this.versionDirectory(paths), name))))).filter(
      (record): record is EntryRecord => record !== undefined,
    );
    for (const prefix of restoreKeys) {
      const newest = records.filter((record) => record.key.startsWith(prefix)).sort((a, b) => b.created.localeCompare(a.created))[0];
      if (newest) return newest;
    }
    return undefined;
  }

  async restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<RestoredEntry | undefined> {
    const record = await this.findEntry(paths, primaryKey, restoreKeys);
    if (!record) return undefined;
    const archive = `${this.entryBase(paths, record.key)}.tar`;
    const actual = existsSync(archive) ? await sha256File(archive) : 'missing';
    if (actual !== record.sha256) {
      await rm(`${this.entryBase(paths, record.key)}.json`, { force: true });
      throw new CorruptCacheEntryError(`cache entry '${record.key}' is corrupt (checksum mismatch); it was removed`);
    }
    await exec('tar', ['-xf', archive, '-P', '-C', this.cwd], { silent: true });
    return { key: record.key, bytes: record.bytes };
  }

  async save(paths: string[], key: string): Promise<SavedEntry | undefined> {
    const base = this.entryBase(paths, key);
    if (existsSync(`${base}.json`)) return undefined;
    const members: string[] = [];
    for (const path of paths) {
      const absolute = resolveCachePath(path, this.cwd);
      if (existsSync(absolute)) members.push(relative(this.cwd, absolute) || '.');
    }
    if (members.length === 0) throw new Error(`none of the paths to cache exist: ${paths.join(', ')}`);
    await mkdir(this.versionDirectory(paths), { recursive: true });
    // Write beside the final name, then rename: a reader never sees a half-written archive.
    const partial = `${base}.${randomUUID()}.partial`;
    try {
      await exec('tar', ['-cf', partial, '-P', '-C', this.cwd, '--', ...members], { silent: true });
      const record: EntryRecord = {
        key,
        created: new Date().toISOString(),
        bytes: (await stat(partial)).size,
        sha256: await sha256File(partial),
        paths,
      };
      await rename(partial, `${base}.tar`);
      await writeFile(`${base}.json.partial`, JSON.stringify(record));
      await rename(`${base}.json.partial`, `${base}.json`);
      return { bytes: record.bytes };
    } finally {
      await rm(partial, { force: true });
    }
  }
}
