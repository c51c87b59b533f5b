import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseComponents } from './components.js';
import { identify, pathBase } from './file-identity.js';
import { combineGitListing, listFiles, parseDiffFiles, parseLsFiles } from './file-listing.js';
import { type BuildRecord, buildRecord, compareRecords, componentHash, parseRecord, serializeRecord } from './record.js';

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
    const index = parseLsFiles(execFileSync('git', ['-C', folder, 'ls-files', '-s', '-z'], { encoding: 'utf8' }));
    for (const path of ['plain.txt', 'tool.sh', 'link']) {
      const entry = index.get(path);
      expect(identify(pathBase(folder), path, 'sha1')).toBe(`${entry?.mode} ${entry?.oid}`);
    }
    expect(identify(pathBase(folder), 'missing', 'sha1')).toBeUndefined();
  });
});

describe('git listing', () => {
  it('lists a subfolder of a checkout relative to it: tracked, edited, untracked; nothing outside it', async () => {
    const repository = join(folder, 'repository');
    mkdirSync(join(repository, 'app/src'), { recursive: true });
    writeFileSync(join(repository, 'app/src/kept.ts'), 'kept\n');
    writeFileSync(join(repository, 'app/src/edited.ts'), 'before\n');
    writeFileSync(join(repository, 'outside.ts'), 'outside\n');
    execFileSync('git', ['init', '-q', repository]);
    execFileSync('git', ['-C', repository, 'add', '-A']);
    writeFileSync(join(repository, 'app/src/edited.ts'), 'after\n');
    writeFileSync(join(repository, 'app/new.ts'), 'new\n');
    writeFileSync(join(repository, 'outside.ts'), 'edited outside\n');
    writeFileSync(join(repository, 'untracked-outside.ts'), 'x\n');
    const listing = await listFiles(join(repository, 'app'), true);
    expect(listing.method).toBe('git');
    expect(Object.fromEntries(listing.files)).toEqual({
      'src/kept.ts': identify(pathBase(join(repository, 'app')), 'src/kept.ts', 'sha1'),
      'src/edited.ts': undefined,
      'new.ts': undefined,
    });
  });

  it('trusts the index for unmodified files and reads the rest', () => {
    const index = ['100644 aaa 0\tclean.ts', '100644 bbb 0\tedited.ts', '100644 ccc 0\tgone.ts', '100755 ddd 0\tstaged.sh', ''].join(
      '\u0000',
    );
    // As git prints them for an edited, a deleted and a retyped file, and one untracked.
    const differing = parseDiffFiles('M\0edited.ts\0D\0gone.ts\0T\0retyped\0');
    expect(Object.fromEntries(combineGitListing(`${index}100644 eee 0\tretyped\0`, differing, 'new file.ts\0'))).toEqual({
      'clean.ts': '100644 aaa',
      'edited.ts': undefined,
      'staged.sh': '100755 ddd',
      retyped: undefined,
      'new file.ts': undefined,
    });
  });
});

describe('comparing with the last build', () => {
  const components = parseComponents({
    lib: 'lib/**',
    api: { paths: 'api/**', 'depends-on': ['lib'] },
    web: { paths: 'web/**', 'depends-on': ['api'] },
    docs: 'docs/**',
  });
  // Written as version 1 records (path → identity objects), which readBuildRecord converts.
  const record = (files: Record<string, Record<string, string>>, extraKey = ''): BuildRecord =>
    parseRecord(
      JSON.stringify({
        version: 1,
        components: Object.fromEntries(
          Object.entries(files).map(([name, list]) => [name, { hash: componentHash(list, extraKey), files: list }]),
        ),
      }),
    ) as BuildRecord;
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
    const now = buildRecord(top, new Map([['top', [...identities.keys()].sort()]]), (path) => identities.get(path), '');
    // JSON.parse gives the stored record ordinary objects, as reading it from the cache does.
    const [result] = compareRecords(top, now, JSON.parse(JSON.stringify(record(before))));
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

  it("finds a version 1 record's components unchanged when their files are", () => {
    const paths = new Map(Object.values(base).flatMap((files) => Object.entries(files)));
    const assigned = new Map(Object.entries(base).map(([name, files]) => [name, Object.keys(files)]));
    const now = buildRecord(components, assigned, (path) => paths.get(path), '');
    expect(compareRecords(components, now, record(base)).filter((result) => result.changed)).toEqual([]);
  });

  it('stores a record and reads it back; a damaged one reads as none', () => {
    const paths = new Map(Object.values(base).flatMap((files) => Object.entries(files)));
    const assigned = new Map(Object.entries(base).map(([name, files]) => [name, Object.keys(files)]));
    const now = buildRecord(components, assigned, (path) => paths.get(path), 'key');
    const stored = serializeRecord(now);
    expect(parseRecord(stored)).toEqual(now);
    expect(parseRecord(stored.slice(0, -1))).toBeUndefined();
    expect(parseRecord(`${stored}x`)).toBeUndefined();
    expect(parseRecord('{"version":3,"components":[]}\n')).toBeUndefined();
    expect(parseRecord('not a record')).toBeUndefined();
  });

  it('hashes path, identity and order-independently', () => {
    expect(componentHash({ a: '1', b: '2' }, '')).toBe(componentHash({ b: '2', a: '1' }, ''));
    expect(componentHash({ a: '1' }, '')).not.toBe(componentHash({ b: '1' }, ''));
    expect(componentHash({ a: '1' }, '')).not.toBe(componentHash({ a: '2' }, ''));
  });
});
