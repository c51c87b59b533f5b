import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles, walkDirectory } from './file-listing.js';

const root = mkdtempSync(join(tmpdir(), 'walk-order-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('walkDirectory', () => {
  it("lists files in git's index order, so no list of the whole tree needs sorting", () => {
    // Names whose order differs between a per-folder sort and a sort of whole paths ('a.txt' < 'a/b'
    // but 'a' < 'a.txt'), and between UTF-16 and code points (U+E000 < U+1F600).
    const files = ['a.txt', 'a/b', 'a/c/d', 'a-b', 'a0', 'ab/x', 'B', 'é', '😀/x', '\ue000', 'z/y.txt', 'z.y/x'];
    for (const file of files) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), file);
    }
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    const indexOrder = git('ls-files', '-z').split('\0').filter(Boolean);
    expect(indexOrder).toHaveLength(files.length);
    expect(walkDirectory(root, true)).toEqual(indexOrder);
  });

  it("reads git's listings of names that are not ASCII (decoded as UTF-8, the rest as the faster latin1)", async () => {
    const checkout = mkdtempSync(join(tmpdir(), 'listing-names-'));
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: checkout, encoding: 'utf8' });
      git('init', '-q');
      for (const file of ['plain.txt', 'é.txt', '😀/x']) {
        mkdirSync(dirname(join(checkout, file)), { recursive: true });
        writeFileSync(join(checkout, file), file);
      }
      git('add', '-A');
      writeFileSync(join(checkout, 'naïve.txt'), 'untracked');
      writeFileSync(join(checkout, 'é.txt'), 'edited');
      const listing = await listFiles(checkout, true);
      if (listing.method !== 'git') throw new Error(`expected git's listing, got ${listing.method}`);
      expect([...listing.index.paths]).toEqual(['plain.txt', 'é.txt', '😀/x']);
      expect(listing.index.untrusted.map((position) => listing.index.paths.at(position))).toEqual(['é.txt']);
      expect(listing.untracked).toEqual(['naïve.txt']);
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });

  it('lists a working directory whose own name is not ASCII (status names paths from the top, with that prefix)', async () => {
    const checkout = mkdtempSync(join(tmpdir(), 'listing-prefix-'));
    try {
      const folder = join(checkout, 'café');
      mkdirSync(folder);
      for (const file of ['kept.txt', 'edited.txt']) writeFileSync(join(folder, file), file);
      execFileSync('git', ['init', '-q'], { cwd: checkout });
      execFileSync('git', ['add', '-A'], { cwd: checkout });
      writeFileSync(join(folder, 'edited.txt'), 'edited');
      writeFileSync(join(folder, 'new.txt'), 'untracked');
      const listing = await listFiles(folder, true);
      if (listing.method !== 'git') throw new Error(`expected git's listing, got ${listing.method}`);
      expect([...listing.index.paths]).toEqual(['edited.txt', 'kept.txt']);
      expect(listing.index.untrusted).toEqual([0]);
      expect(listing.untracked).toEqual(['new.txt']);
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });
});
