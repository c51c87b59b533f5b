import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../../../test/recording-logger.js';
import { readRunnerContext } from '../runner-context.js';
import { ActionCache } from './index.js';
import { LocalDirectoryBackend } from './local-directory.js';

let root: string;
let workspace: string;
let store: string;

function cacheFor(env: Record<string, string> = {}, log = recordingLogger()) {
  const runner = readRunnerContext({ RUNNER_OS: 'Linux', RUNNER_ARCH: 'X64', GITHUB_WORKSPACE: workspace, ...env });
  return { cache: new ActionCache({ log, runner, backend: new LocalDirectoryBackend(store, workspace), env }), log };
}

function writeTree(content: string) {
  rmSync(join(workspace, 'deps'), { recursive: true, force: true });
  mkdirSync(join(workspace, 'deps', 'nested'), { recursive: true });
  writeFileSync(join(workspace, 'deps', 'nested', 'file.txt'), content);
}

const restored = () => readFileSync(join(workspace, 'deps', 'nested', 'file.txt'), 'utf8');

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'local-cache-'));
  workspace = join(root, 'workspace');
  store = join(root, 'store');
  mkdirSync(workspace);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the local directory cache', () => {
  it('restores an exact key after the tree is gone', async () => {
    const { cache } = cacheFor();
    writeTree('v1');
    expect(await cache.save(['deps'], 'k-1')).toMatchObject({ saved: true });
    rmSync(join(workspace, 'deps'), { recursive: true });
    const result = await cache.restore(['deps'], 'k-1', ['k-']);
    expect(result).toMatchObject({ hit: 'exact', key: 'k-1' });
    expect(result.bytes).toBeGreaterThan(0);
    expect(restored()).toBe('v1');
    expect(cache.figures).toMatchObject({ hits: 1, partial_hits: 0, misses: 0, errors: 0, backend: 'local' });
    expect(cache.figures.bytes_saved).toBe(result.bytes);
    expect(cache.figures.bytes_restored).toBe(result.bytes);
  });

  it('takes the newest entry for the first restore-key prefix that matches', async () => {
    const { cache } = cacheFor();
    writeTree('old');
    await cache.save(['deps'], 'deps-aaa');
    await new Promise((resolve) => setTimeout(resolve, 5));
    writeTree('new');
    await cache.save(['deps'], 'deps-bbb');
    writeTree('other');
    await cache.save(['deps'], 'zzz-1');
    const result = await cache.restore(['deps'], 'deps-ccc', ['nothing-', 'deps-', 'zzz-']);
    expect(result).toMatchObject({ hit: 'partial', key: 'deps-bbb' });
    expect(restored()).toBe('new');
  });

  it('misses when nothing matches, and never matches other paths', async () => {
    const { cache } = cacheFor();
    writeTree('v');
    await cache.save(['deps'], 'same-key');
    expect((await cache.restore(['deps', 'more'], 'same-key')).hit).toBe('miss');
    expect((await cache.restore(['deps'], 'other', ['x-'])).hit).toBe('miss');
    expect(cache.figures.misses).toBe(2);
  });

  it('keeps entries immutable', async () => {
    const { cache } = cacheFor();
    writeTree('first');
    await cache.save(['deps'], 'fixed');
    writeTree('second');
    expect(await cache.save(['deps'], 'fixed')).toMatchObject({ saved: false, reason: 'exists' });
    await cache.restore(['deps'], 'fixed');
    expect(restored()).toBe('first');
  });

  it('treats a corrupt archive as a miss with one warning and extracts nothing', async () => {
    const { cache, log } = cacheFor();
    writeTree('good');
    await cache.save(['deps'], 'corrupt-me');
    const versionFolder = join(store, 'entries', readdirSync(join(store, 'entries'))[0] as string);
    const archive = readdirSync(versionFolder).find((file) => file.endsWith('.tar')) as string;
    const bytes = readFileSync(join(versionFolder, archive));
    bytes.writeUInt8((bytes.at(-600) ?? 0) ^ 0xff, bytes.length - 600);
    writeFileSync(join(versionFolder, archive), bytes);
    rmSync(join(workspace, 'deps'), { recursive: true });
    const result = await cache.restore(['deps'], 'corrupt-me');
    expect(result.hit).toBe('miss');
    expect(result.error).toMatch(/corrupt/);
    expect(log.warnings).toEqual([expect.stringMatching(/^Cache restore failed, continuing without it: .*corrupt/)]);
    expect(() => restored()).toThrow();
    // The bad entry is dropped, so the next save can replace it.
    writeTree('fresh');
    expect((await cache.save(['deps'], 'corrupt-me')).saved).toBe(true);
  });

  it('checks an archive spanning several reads whole: its record holds the archive’s SHA-256, and a byte changed deep inside is caught', async () => {
    const { cache } = cacheFor();
    const content = randomBytes(3 * 1024 * 1024 + 12_345);
    rmSync(join(workspace, 'deps'), { recursive: true, force: true });
    mkdirSync(join(workspace, 'deps'));
    writeFileSync(join(workspace, 'deps', 'big.bin'), content);
    await cache.save(['deps'], 'big');
    const versionFolder = join(store, 'entries', readdirSync(join(store, 'entries'))[0] as string);
    const name = readdirSync(versionFolder).find((file) => file.endsWith('.tar')) as string;
    const archive = readFileSync(join(versionFolder, name));
    const record = JSON.parse(readFileSync(join(versionFolder, name.replace(/\.tar$/, '.json')), 'utf8'));
    expect(record.sha256).toBe(createHash('sha256').update(archive).digest('hex'));

    rmSync(join(workspace, 'deps'), { recursive: true });
    expect((await cache.restore(['deps'], 'big')).hit).toBe('exact');
    expect(readFileSync(join(workspace, 'deps', 'big.bin')).equals(content)).toBe(true);

    archive.writeUInt8((archive[2_500_000] as number) ^ 0x01, 2_500_000);
    writeFileSync(join(versionFolder, name), archive);
    rmSync(join(workspace, 'deps'), { recursive: true });
    expect(await cache.restore(['deps'], 'big')).toMatchObject({ hit: 'miss', error: expect.stringMatching(/corrupt/) });
    expect(existsSync(join(workspace, 'deps'))).toBe(false);
  });

  it('warns and carries on when there is nothing to save', async () => {
    const { cache, log } = cacheFor();
    expect(await cache.save(['missing-folder'], 'k')).toMatchObject({ saved: false, reason: 'error' });
    expect(log.warnings[0]).toMatch(/none of the paths to cache exist/);
  });

  it('saves nothing from untrusted events unless allowed', async () => {
    writeTree('fork');
    const untrusted = cacheFor({ GITHUB_EVENT_NAME: 'pull_request_target' }).cache;
    expect(await untrusted.save(['deps'], 'k')).toMatchObject({ saved: false, reason: 'untrusted-event' });
    expect(existsSync(store)).toBe(false);
    const allowed = cacheFor({ GITHUB_EVENT_NAME: 'pull_request_target', BUILD_TOOLS_CACHE_SAVE_UNTRUSTED: 'true' }).cache;
    expect((await allowed.save(['deps'], 'k')).saved).toBe(true);
    rmSync(join(workspace, 'deps'), { recursive: true });
    expect((await cacheFor().cache.restore(['deps'], 'k')).hit).toBe('exact');
    expect(restored()).toBe('fork');
  });

  it('keeps entries of another OS or architecture apart', async () => {
    writeTree('linux');
    await cacheFor().cache.save(['deps'], 'k');
    const mac = cacheFor({ RUNNER_OS: 'macOS', RUNNER_ARCH: 'ARM64' }).cache;
    expect((await mac.restore(['deps'], 'k', ['k'])).hit).toBe('miss');
    expect(mac.storedKey('k')).toBe('macOS-ARM64-k');
  });
});
