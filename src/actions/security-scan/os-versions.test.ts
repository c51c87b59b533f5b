import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../test/harness.js';
import { compareApkVersions, compareDpkgVersions, isApkVersion, isDpkgVersion } from './os-versions.js';
import { inRange, loadOfflineDatabase } from './osv.js';
import { orderingFor } from './versions.js';

const sign = (value: number) => (value < 0 ? '<' : value > 0 ? '>' : '=');

describe('dpkg version ordering', () => {
  // Cases from dpkg's own test suite (lib/dpkg/t/t-version.c) and Debian Policy §5.6.12.
  it.each([
    ['1.0', '1.0', '='],
    ['0:1.0', '1.0', '='],
    ['1.0', '1.0-0', '='],
    ['1.0~rc1', '1.0', '<'],
    ['1:0.9', '1.0', '>'],
    ['1.0-1', '1.0-1+b1', '<'],
    ['1.0-1', '1.0-2', '<'],
    ['1.0~~', '1.0~~a', '<'],
    ['1.0~~a', '1.0~', '<'],
    ['1.0~', '1.0', '<'],
    ['1.0', '1.0a', '<'],
    ['1.0a', '1.0+', '<'],
    ['1.0', '1.0.0', '<'],
    ['1.10', '1.9', '>'],
    ['1.002', '1.2', '='],
    ['2:1.0', '1:9.9', '>'],
    ['1.2.3+dfsg', '1.2.3', '>'],
    ['1.2.3~dfsg', '1.2.3', '<'],
    // Security updates: the numeric part after "deb12u" is compared as a number, not as text.
    ['2.36-9+deb12u14', '2.36-9+deb12u4', '>'],
    ['2.36-9+deb12u3', '2.36-9+deb12u14', '<'],
    ['3.0.11-1~deb12u2', '3.0.11-1', '<'],
    ['1:1.2.13.dfsg-1', '1.2.14.dfsg-1', '>'],
    ['5.2.15-2+b13', '5.2.15-2', '>'],
  ])('%s %s %s', (a, b, expected) => {
    expect(sign(compareDpkgVersions(a, b))).toBe(expected);
    expect(sign(compareDpkgVersions(b, a))).toBe(expected === '<' ? '>' : expected === '>' ? '<' : '=');
  });

  it('accepts what dpkg accepts', () => {
    for (const version of ['1.0', '1:2.66-4+deb12u3+b1', '2026b-0+deb12u1', '1.0~rc1-1'])
      expect(isDpkgVersion(version), version).toBe(true);
    for (const version of ['', 'abc', ':1.0', 'a:1.0']) expect(isDpkgVersion(version), version).toBe(false);
  });

  it('decides OSV Debian ranges with dpkg ordering', async () => {
    const debian = await orderingFor('Debian:12');
    const glibc = [{ introduced: '0' }, { fixed: '2.36-9+deb12u3' }];
    expect(inRange('2.36-9+deb12u2', glibc, debian)).toBe(true);
    expect(inRange('2.36-9+deb12u3', glibc, debian)).toBe(false);
    // As text "u14" < "u3"; as dpkg orders it, deb12u14 is newer and not affected.
    expect(inRange('2.36-9+deb12u14', glibc, debian)).toBe(false);
    expect(inRange('1.21.23', [{ introduced: '0' }], debian)).toBe(true);
  });
});

describe('apk version ordering', () => {
  // Cases in the spirit of apk-tools' test/version.data.
  it.each([
    ['1.0', '1.0', '='],
    ['1.0-r0', '1.0-r1', '<'],
    ['1.0-r1', '1.0', '>'],
    ['1.0', '1.0.1', '<'],
    ['1.10', '1.9', '>'],
    ['1.0a', '1.0', '>'],
    ['1.0a', '1.0b', '<'],
    ['1.0_rc1', '1.0', '<'],
    ['1.0_alpha', '1.0_beta', '<'],
    ['1.0_beta', '1.0_pre', '<'],
    ['1.0_pre', '1.0_rc', '<'],
    ['1.0_rc2', '1.0_rc10', '<'],
    ['1.0_p1', '1.0', '>'],
    ['1.0_git20230717', '1.0', '>'],
    ['1.0.1', '1.0_p1', '>'],
    ['1.2.4_git20230717-r4', '1.2.4_git20230717-r5', '<'],
    ['1.2.4-r3', '1.2.4_git20230717-r4', '<'],
    ['1.2.5-r1', '1.2.4_git20230717-r5', '>'],
    ['1.36.1-r15', '1.36.1-r5', '>'],
    ['0.1.01', '0.1.1', '<'],
  ])('%s %s %s', (a, b, expected) => {
    expect(sign(compareApkVersions(a, b))).toBe(expected);
    expect(sign(compareApkVersions(b, a))).toBe(expected === '<' ? '>' : expected === '>' ? '<' : '=');
  });

  it('accepts what apk accepts', () => {
    for (const version of ['1.2.4_git20230717-r4', '3.1.4-r1', '1.36.1-r15', '2.14.0_rc1-r0', '1.0~abc123-r2'])
      expect(isApkVersion(version), version).toBe(true);
    for (const version of ['', 'x1.0', '1.0-1', '1.0_foo']) expect(isApkVersion(version), version).toBe(false);
  });

  it('decides OSV Alpine ranges with apk ordering', async () => {
    const alpine = await orderingFor('Alpine:v3.19');
    const musl = [{ introduced: '0.9.13' }, { fixed: '1.2.4_git20230717-r5' }];
    expect(inRange('1.2.4_git20230717-r4', musl, alpine)).toBe(true);
    expect(inRange('1.2.4_git20230717-r5', musl, alpine)).toBe(false);
    expect(inRange('0.9.12-r0', musl, alpine)).toBe(false);
  });
});

describe('real Debian and Alpine records', () => {
  const database = loadOfflineDatabase(join(ROOT, 'test/fixtures/security-scan/osv'));
  const ids = async (ecosystem: string, name: string, version: string) =>
    database
      .match(ecosystem, name, version, await orderingFor(ecosystem))
      .map((match) => match.record.id)
      .sort();

  it('match a package only in the release the record names, with that release’s range', async () => {
    // bookworm's apt 2.6.1: DEBIAN-CVE-2026-109518 (fixed in 2.6.2), not DEBIAN-CVE-2014-0487 (fixed in 1.0.9).
    expect(await ids('Debian:12', 'apt', '2.6.1')).toEqual(['DEBIAN-CVE-2026-109518']);
    expect(await ids('Debian:12', 'apt', '2.6.2')).toEqual([]);
    expect(await ids('Debian:12', 'apt', '1.0.8')).toEqual(['DEBIAN-CVE-2014-0487', 'DEBIAN-CVE-2026-109518']);
    expect(await ids('Debian:12', 'dpkg', '1.21.23')).toEqual(['DEBIAN-CVE-2026-91094']);
    // DLA-3022-1 is for Debian 9 only.
    expect(await ids('Debian:9', 'dpkg', '1.18.25')).toEqual(['DLA-3022-1']);
    expect(await ids('Debian:9', 'dpkg', '1.18.26')).toEqual([]);
    expect(await ids('Alpine:v3.19', 'musl', '1.2.4_git20230717-r4')).toEqual(['ALPINE-CVE-2025-26519']);
    expect(await ids('Alpine:v3.19', 'musl', '1.2.4_git20230717-r5')).toEqual([]);
    expect(await ids('Alpine:v3.18', 'musl', '1.2.4-r3')).toEqual([]);
    expect(await ids('Alpine:v3.18', 'musl', '1.2.4-r2')).toEqual(['ALPINE-CVE-2025-26519']);
  });
});
