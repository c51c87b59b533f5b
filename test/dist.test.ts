/** dist/ is committed: it must be exactly what `npm run build` makes from the sources now. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM build script without types
import { buildTargets, bundle } from '../scripts/build.mjs';
import { ROOT } from './harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'build-tools-dist-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function listing(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(folder, file)).isFile())
    .sort();
}

describe('dist/', () => {
  const targets = [...(buildTargets() as Map<string, string>).entries()];

  it('has no bundle without a source', () => {
    expect(readdirSync(join(ROOT, 'dist')).sort()).toEqual(targets.map(([name]) => name).sort());
  });

  it.each(targets)('dist/%s matches a fresh build byte for byte (run `npm run build` and commit dist/)', async (name, entry) => {
    const fresh = join(scratch, name);
    await bundle(entry, fresh);
    const committed = join(ROOT, 'dist', name);
    expect(listing(committed)).toEqual(listing(fresh));
    for (const file of listing(fresh)) {
      const same = readFileSync(join(fresh, file)).equals(readFileSync(join(committed, file)));
      expect(same, `dist/${name}/${file} is stale`).toBe(true);
    }
  });
});
