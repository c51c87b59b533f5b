import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFiles } from './glob.js';

const root = mkdtempSync(join(tmpdir(), 'glob-'));
for (const file of ['a/x.xml', 'a/b/y.xml', 'a/b/z.txt', 'node_modules/p/q.xml', 'top.xml', '.hidden/h.xml']) {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), '');
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('findFiles', () => {
  it('matches globs, plain paths and exclusions, skipping node_modules', () => {
    expect(findFiles(root, ['**/*.xml'])).toEqual(['.hidden/h.xml', 'a/b/y.xml', 'a/x.xml', 'top.xml']);
    expect(findFiles(root, ['a/**/*.xml', '!a/b/**'])).toEqual(['a/x.xml']);
    expect(findFiles(root, ['top.xml', 'missing.xml'])).toEqual(['top.xml']);
    expect(findFiles(root, ['node_modules/**/*.xml'])).toEqual(['node_modules/p/q.xml']);
    expect(findFiles(root, [join(root, 'a/*.xml')])).toEqual(['a/x.xml']);
  });
});
