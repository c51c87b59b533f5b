import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileHasher } from './file-hashing.js';
import { identify, pathBase } from './file-identity.js';
import { walkDirectory } from './file-listing.js';
import { writeTree } from './test-trees.js';

const root = mkdtempSync(join(tmpdir(), 'hasher-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeTree(root, 4, 800);
const paths = walkDirectory(root, false);

describe('FileHasher', () => {
  it('hashes everything on this thread when a worker cannot start, with the same identities', async () => {
    // A worker bundle that does not exist: each worker fails at once and its batches come back here.
    const hasher = new FileHasher(root, 'sha1', { workerEntry: join(root, 'missing.worker.js'), threads: 3 });
    for (const path of paths) hasher.add(path);
    expect(hasher.added).toBe(paths.length);
    const read = await hasher.finish();
    expect(read.paths).toEqual(paths);
    expect(read.identities).toEqual(paths.map((path) => identify(pathBase(root), path, 'sha1')));
    expect(read.identities[paths.indexOf('comp0/link')]).toMatch(/^120000 [0-9a-f]{40}$/);
  });
});

describe('identify', () => {
  it("gives git's blob ids for files larger than its read buffer, with their executable bit, in either object format", () => {
    // 3 MiB and a few bytes: read in pieces, not whole.
    const big = Buffer.alloc(3 * 1024 * 1024 + 7);
    for (let index = 0; index < big.length; index++) big[index] = (index * 31) % 251;
    writeFileSync(join(root, 'big.bin'), big);
    writeFileSync(join(root, 'big.sh'), big, { mode: 0o755 });
    for (const format of ['sha1', 'sha256'] as const) {
      // git hashes with its repository's object format.
      const repository = mkdtempSync(join(tmpdir(), `hasher-${format}-`));
      execFileSync('git', ['init', '-q', `--object-format=${format}`, repository]);
      const gitId = execFileSync('git', ['-C', repository, 'hash-object', join(root, 'big.bin')], { encoding: 'utf8' }).trim();
      rmSync(repository, { recursive: true, force: true });
      expect(identify(pathBase(root), 'big.bin', format)).toBe(`100644 ${gitId}`);
      expect(identify(pathBase(root), 'big.sh', format)).toBe(`100755 ${gitId}`);
    }
  });

  // O_NOATIME is refused (EPERM) for a file someone else owns: as root, become another user for a moment.
  it.runIf(process.getuid?.() === 0)(
    'reads files it does not own, which the kernel will not open without updating their access time',
    () => {
      chmodSync(root, 0o755);
      const owned = identify(pathBase(root), 'comp1/src/f3.txt', 'sha1');
      process.seteuid?.(65534);
      try {
        expect(identify(pathBase(root), 'comp1/src/f3.txt', 'sha1')).toBe(owned);
        expect(identify(pathBase(root), 'comp2/src/f5.txt', 'sha1')).toMatch(/^100644 [0-9a-f]{40}$/);
      } finally {
        process.seteuid?.(0);
      }
    },
  );
});
