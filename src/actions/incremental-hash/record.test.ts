import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readComponentTexts } from './component-texts.js';
import { type Component, parseComponents } from './components.js';
import { identify, pathBase } from './file-identity.js';
import { listFiles, parseIndex, parseStatus, withStatus } from './file-listing.js';
import { sortPaths } from './matcher.js';
import { type BuildRecord, buildRecord, compareRecords, parseRecord, recordLine, serializeRecord } from './record.js';

const folder = mkdtempSync(join(tmpdir(), 'identity-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('file identity', () => {
  it("equals git's own mode and blob id for files, executables and symlinks", () => {
    writeFileSync(join(folder, 'plain.txt'), 'hello\n');
    writeFileSync(join(folder, 'tool.sh'), '#!/bin/sh\necho hi\n');
    chmodSync(join(folder, 'tool.sh'), 0o755);
    symlinkSync('plain.txt', join(folder, 'link'));
    execFileSync('git', ['init', '-q', folder]);
    execFileSync('git', ['-C', folder, 'add', '-A']);
    const index = parseIndex(execFileSync('git', ['-C', folder, 'ls-files', '-s', '-z'], { encoding: 'utf8' }));
    expect([...index.paths]).toEqual(['link', 'plain.txt', 'tool.sh']);
    [...index.paths].forEach((path, position) => {
      // The record git lists for it, as a component's text holds it.
      expect(recordLine(path, identify(pathBase(folder), path, 'sha1') as string)).toBe(
        index.output.slice(index.starts[position], index.starts[position + 1]),
      );
    });
    expect(identify(pathBase(folder), 'missing', 'sha1')).toBeUndefined();
  });
});

describe('git listing', () => {
  it('lists a subfolder of a checkout relative to it: tracked, edited, deleted, touched, untracked; nothing outside it', async () => {
    const repository = join(folder, 'repository');
    mkdirSync(join(repository, 'app/src'), { recursive: true });
    for (const name of ['kept', 'touched', 'gone']) writeFileSync(join(repository, `app/src/${name}.ts`), `${name}\n`);
    writeFileSync(join(repository, 'app/src/edited.ts'), 'before\n');
    writeFileSync(join(repository, 'outside.ts'), 'outside\n');
    execFileSync('git', ['init', '-q', repository]);
    execFileSync('git', ['-C', repository, 'add', '-A']);
    writeFileSync(join(repository, 'app/src/edited.ts'), 'after\n');
    rmSync(join(repository, 'app/src/gone.ts'));
    // Same content, new stat data: git compares the content and trusts the index.
    utimesSync(join(repository, 'app/src/touched.ts'), new Date(), new Date(Date.now() + 60_000));
    writeFileSync(join(repository, 'app/new.ts'), 'new\n');
    mkdirSync(join(repository, 'app/nested'));
    execFileSync('git', ['init', '-q', join(repository, 'app/nested')]);
    writeFileSync(join(repository, 'app/nested/inner.ts'), 'inner\n');
    writeFileSync(join(repository, 'outside.ts'), 'edited outside\n');
    writeFileSync(join(repository, 'untracked-outside.ts'), 'x\n');
    const listing = await listFiles(join(repository, 'app'), true);
    if (listing.method !== 'git') throw new Error(`listed by ${listing.method}`);
    expect([...listing.index.paths]).toEqual(['src/edited.ts', 'src/gone.ts', 'src/kept.ts', 'src/touched.ts']);
    expect(listing.index.untrusted).toEqual([0, 1]);
    expect(listing.index.deleted).toBe(1);
    expect(listing.index.output.slice(listing.index.starts[2], listing.index.starts[3])).toBe(
      `${identify(pathBase(join(repository, 'app')), 'src/kept.ts', 'sha1')} 0\tsrc/kept.ts\0`,
    );
    expect(listing.untracked).toEqual(['new.ts']);
  });

  it('trusts the index for unmodified files and reads the rest', () => {
    // As git lists them, in code point order: `conflict` at stages 2 and 3; the last record without its NUL.
    const listing = [
      '100644 aaa 0\tclean.ts',
      '100644 fff 2\tconflict',
      '100644 ggg 3\tconflict',
      '100644 bbb 0\tedited.ts',
      '100644 ccc 0\tgone.ts',
      '100644 eee 0\tretyped',
      '100755 ddd 0\tstaged.sh',
    ].join('\0');
    // As git status prints them, run in `app/`: an edited, a deleted, a retyped, a staged-only and
    // a conflicted file, a name with a space, two untracked entries.
    const status = parseStatus(
      [
        '# branch.oid 1234',
        '1 .M N... 100644 100644 100644 bbb bbb app/edited.ts',
        '1 .D N... 100644 100644 000000 ccc ccc app/gone.ts',
        '1 .T N... 100644 100644 120000 eee eee app/retyped',
        '1 M. N... 100755 100755 100755 old ddd app/staged.sh',
        '1 .M N... 100644 100644 100644 kkk kkk app/a name.ts',
        'u UU N... 100644 100644 100644 100644 zzz fff ggg app/conflict',
        '? app/new.ts',
        '? app/nested/',
        '',
      ].join('\0'),
      'app/',
    );
    expect([...status.differing]).toEqual([
      ['edited.ts', 'M'],
      ['gone.ts', 'D'],
      ['retyped', 'T'],
      ['a name.ts', 'M'],
      ['conflict', 'U'],
    ]);
    expect(status.untracked).toEqual(['new.ts', 'nested/']);
    const parsed = parseIndex(listing);
    expect([...parsed.paths]).toEqual(['clean.ts', 'conflict', 'conflict', 'edited.ts', 'gone.ts', 'retyped', 'staged.sh']);
    // Before status is known, only the conflict's records are untrusted.
    expect(parsed.untrusted).toEqual([1, 2]);
    const records = withStatus(parsed, status.differing);
    expect(records.untrusted).toEqual([1, 2, 3, 4, 5]);
    expect(records.deleted).toBe(1);
    // Each record is a whole line, the last one given its NUL.
    expect(records.output.slice(records.starts[5], records.starts[7])).toBe('100644 eee 0\tretyped\u0000100755 ddd 0\tstaged.sh\0');
    expect(records.paths.at(7)).toBeUndefined();
  });
});

/** Each component's text from path → identity pairs, as a walk that read them makes it. */
function textsOf(components: Component[], files: Iterable<[string, string]>) {
  const identities = new Map(files);
  const paths = sortPaths([...identities.keys()]);
  return readComponentTexts(components, { paths, identities: paths.map((path) => identities.get(path)) });
}

describe('comparing with the last build', () => {
  const components = parseComponents({
    lib: 'lib/**',
    api: { paths: 'api/**', 'depends-on': ['lib'] },
    web: { paths: 'web/**', 'depends-on': ['api'] },
    docs: 'docs/**',
  });
  const record = (files: Record<string, Record<string, string>>, extraKey = ''): BuildRecord =>
    buildRecord(
      components,
      textsOf(
        components,
        Object.values(files).flatMap((list) => Object.entries(list)),
      ),
      extraKey,
    );
  const base = { lib: { 'lib/a': '100644 1' }, api: { 'api/a': '100644 2' }, web: { 'web/a': '100644 3' }, docs: { 'docs/a': '100644 4' } };

  it('says every component changed when there is no baseline', () => {
    const results = compareRecords(components, record(base), undefined);
    expect(results.every((result) => result.changed && result.reasons[0] === 'no baseline')).toBe(true);
  });

  it('names added, removed and modified files', () => {
    const now = record({ ...base, docs: { 'docs/a': '100755 4', 'docs/b': '100644 5' } });
    const docs = compareRecords(components, now, record(base)).find((result) => result.name === 'docs');
    expect(docs).toMatchObject({ changed: true, added: ['docs/b'], modified: ['docs/a'], removed: [], reasons: ['1 added, 1 modified'] });
  });

  it("names files whose names are also an object's built-in keys", () => {
    const top = parseComponents({ top: '*' });
    const before = { top: { constructor: '100644 1', toString: '100644 2' } };
    const identities = new Map([
      ['constructor', '100644 1'],
      ['__proto__', '100644 3'],
      ['hasOwnProperty', '100644 4'],
    ]);
    const now = buildRecord(top, textsOf(top, identities), '');
    // Read back from its stored form, as from the cache.
    const stored = parseRecord(serializeRecord(buildRecord(top, textsOf(top, Object.entries(before.top)), '')));
    const [result] = compareRecords(top, now, stored);
    expect(result).toMatchObject({ added: ['__proto__', 'hasOwnProperty'], removed: ['toString'], modified: [] });
  });

  it('marks dependents changed, transitively, with the reason', () => {
    const now = record({ ...base, lib: { 'lib/a': '100644 9' } });
    const results = Object.fromEntries(compareRecords(components, now, record(base)).map((result) => [result.name, result]));
    expect(results.lib?.reasons).toEqual(['1 modified']);
    expect(results.api).toMatchObject({ changed: true, reasons: ['depends on lib'] });
    expect(results.web).toMatchObject({ changed: true, reasons: ['depends on lib'] });
    expect(results.docs?.changed).toBe(false);
  });

  it('treats a new extra key as a change of every component', () => {
    const results = compareRecords(components, record(base, 'node-24'), record(base, 'node-22'));
    expect(results.map((result) => result.reasons[0])).toEqual([
      'extra-key changed',
      'extra-key changed',
      'extra-key changed',
      'extra-key changed',
    ]);
  });

  it('stores a record and reads it back; a damaged one, or one of another version, reads as none', () => {
    const now = record(base, 'key');
    const stored = serializeRecord(now);
    expect(parseRecord(stored)).toEqual(now);
    expect(parseRecord(stored.slice(0, -1))).toBeUndefined();
    expect(parseRecord(`${stored}x`)).toBeUndefined();
    expect(parseRecord('{"version":3,"components":[]}\n')).toBeUndefined();
    expect(parseRecord(JSON.stringify({ version: 1, components: { lib: { hash: 'x', files: { 'lib/a': '100644 1' } } } }))).toBeUndefined();
    expect(parseRecord('not a record')).toBeUndefined();
  });

  it('hashes each path, identity and the extra key', () => {
    const only = parseComponents(['a']);
    const hashOf = (files: [string, string][], extraKey = '') => buildRecord(only, textsOf(only, files), extraKey).components.a?.hash;
    const base = hashOf([['a/x', '100644 1']]);
    expect(hashOf([['a/x', '100644 1']])).toBe(base);
    expect(hashOf([['a/y', '100644 1']])).not.toBe(base);
    expect(hashOf([['a/x', '100755 1']])).not.toBe(base);
    expect(hashOf([['a/x', '100644 1']], 'node 24')).not.toBe(base);
  });
});
