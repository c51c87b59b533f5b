import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { walkDirectory } from './file-listing.js';

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
});
