import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../test/harness.js';
import { cvss3BaseScore, ratingOf } from './cvss.js';
import { type Finding, failingFindings } from './findings.js';
import { applyIgnores } from './ignore.js';
import { parsePackageLock, parsePnpmLock, parseRequirements, parseTomlPackages, parseYarnLock } from './lockfiles.js';
import { inRange, loadOfflineDatabase, type OsvRecord, readZipEntries, severityOf } from './osv.js';
import { isAcceptable, policyFrom } from './spdx.js';
import { orderingFor } from './versions.js';

describe('CVSS v3', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10, 'critical'],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9, 'medium'],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8, 'high'],
    ['CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N', 5.4, 'medium'],
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6, 'low'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0, 'unknown'],
  ])('%s scores %s (%s)', (vector, score, rating) => {
    expect(cvss3BaseScore(vector)).toBe(score);
    expect(ratingOf(score)).toBe(rating);
  });

  it('refuses what is not a CVSS 3 vector', () => {
    expect(cvss3BaseScore('CVSS:2.0/AV:N')).toBeUndefined();
    expect(cvss3BaseScore('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeUndefined();
  });
});

describe('OSV ranges with each ecosystem’s ordering', () => {
  it('applies introduced, fixed and last_affected events (semver)', async () => {
    const npm = await orderingFor('npm');
    const events = [{ introduced: '0' }, { fixed: '4.17.21' }];
    expect(inRange('4.17.15', events, npm)).toBe(true);
    expect(inRange('4.17.21', events, npm)).toBe(false);
    expect(inRange('1.2.3', [{ introduced: '1.0.0' }, { last_affected: '1.2.3' }], npm)).toBe(true);
    expect(inRange('1.2.4', [{ introduced: '1.0.0' }, { last_affected: '1.2.3' }], npm)).toBe(false);
    // node-fetch's record says introduced "1.0", which is not full semver.
    expect(inRange('1.7.0', [{ introduced: '1.0' }, { fixed: '2.6.7' }], npm)).toBe(true);
    expect(inRange('2.0.0-beta.1', [{ introduced: '2.0.0' }, { fixed: '2.1.0' }], npm)).toBe(false);
  });

  it('compares PyPI versions by PEP 440, not as strings', async () => {
    const pypi = await orderingFor('PyPI');
    const events = [{ introduced: '0' }, { fixed: '2.10.1' }];
    expect(inRange('2.9.6', events, pypi)).toBe(true);
    expect(inRange('2.10', events, pypi)).toBe(true);
    expect(inRange('2.10.1', events, pypi)).toBe(false);
    expect(inRange('2.10.1rc1', events, pypi)).toBe(true);
    expect(inRange('2.11.0', events, pypi)).toBe(false);
  });

  it('matches real records, with every range of a package', async () => {
    const database = loadOfflineDatabase(join(ROOT, 'test/fixtures/security-scan/osv'));
    const npm = await orderingFor('npm');
    const pypi = await orderingFor('PyPI');
    const lodash = database.match('npm', 'lodash', '4.17.15', npm).map((match) => match.record.id);
    // GHSA-jf85-cpcp-j695 was fixed in 4.17.12, before this version.
    expect(lodash.sort()).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);
    expect(database.match('npm', 'lodash', '4.17.21', npm)).toEqual([]);
    const minimist = database.match('npm', 'minimist', '1.2.0', npm);
    expect(minimist.map((match) => match.record.id).sort()).toEqual(['GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h']);
    expect(database.match('npm', 'minimist', '1.2.6', npm)).toEqual([]);
    expect(database.match('PyPI', 'Jinja2', '2.10', pypi).map((match) => match.record.id)).toContain('PYSEC-2019-217');
  });

  it('takes severity from the CVSS vector, else the database rating', () => {
    const record = (severity?: OsvRecord['severity'], rating?: string): OsvRecord => ({
      id: 'X',
      severity,
      database_specific: rating ? { severity: rating } : undefined,
    });
    expect(severityOf(record([{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }]), 0)).toBe('critical');
    expect(severityOf(record([], 'MODERATE'), 0)).toBe('medium');
    expect(severityOf(record(undefined), 0)).toBe('unknown');
  });

  it('reads an all.zip as OSV distributes it', () => {
    const zip = Buffer.from(
      'UEsDBBQAAAAIACwmeF3ktywKFQAAABMAAAAGAAAAYS5qc29uq1bKTFGyUlAKiAx2ddY11DVUqgUAUEsBAhQDFAAAAAgALCZ4XeS3LAoVAAAAEwAAAAYAAAAAAAAAAAAAAIABAAAAAGEuanNvblBLBQYAAAAAAQABADQAAAA5AAAAAAA=',
      'base64',
    );
    expect(readZipEntries(zip).map((entry) => [entry.name, entry.data.toString()])).toEqual([['a.json', '{"id": "PYSEC-1-1"}']]);
  });
});

describe('SPDX expressions', () => {
  const noCopyleft = policyFrom([], ['no-copyleft']);
  it.each([
    ['MIT', true],
    ['GPL-3.0-only', false],
    ['GPL-2.0-or-later', false],
    ['GPL-2.0+', false],
    ['MIT OR GPL-2.0-or-later', true],
    ['MIT AND GPL-2.0-only', false],
    ['(Apache-2.0 OR MIT) AND BSD-3-Clause', true],
    ['GPL-2.0-only WITH Classpath-exception-2.0', false],
    ['LGPL-2.1', false],
    ['Apache-2.0 WITH LLVM-exception', true],
  ])('%s under no-copyleft: %s', (expression, acceptable) => {
    expect(isAcceptable(expression, noCopyleft)).toBe(acceptable);
  });

  it('honours allow lists and exact ids', () => {
    expect(isAcceptable('ISC', policyFrom(['MIT', 'Apache-2.0'], []))).toBe(false);
    expect(isAcceptable('MIT OR ISC', policyFrom(['MIT'], []))).toBe(true);
    expect(isAcceptable('GPL-2.0-or-later', policyFrom([], ['GPL-2.0-only']))).toBe(true);
    expect(() => isAcceptable('MIT OR', noCopyleft)).toThrow();
  });
});

describe('lockfiles', () => {
  it('reads package-lock v3 with dev markers and v1 nesting', () => {
    const v3 = parsePackageLock(
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { name: 'app' },
          'node_modules/lodash': { version: '4.17.15' },
          'node_modules/a/node_modules/minimist': { version: '1.2.0', dev: true },
        },
      }),
      'package-lock.json',
    );
    expect(v3.map((entry) => [entry.name, entry.version, entry.development])).toEqual([
      ['lodash', '4.17.15', false],
      ['minimist', '1.2.0', true],
    ]);
    const v1 = parsePackageLock(
      JSON.stringify({
        lockfileVersion: 1,
        dependencies: { a: { version: '1.0.0', dependencies: { b: { version: '2.0.0', dev: true } } } },
      }),
      'x',
    );
    expect(v1.map((entry) => `${entry.name}@${entry.version}`)).toEqual(['a@1.0.0', 'b@2.0.0']);
  });

  it('reads yarn (classic and berry), pnpm, requirements and TOML locks', () => {
    expect(
      parseYarnLock(
        '# yarn\n\n"@babel/core@^7.0.0", "@babel/core@^7.1.0":\n  version "7.2.0"\n\nlodash@^4.17.0:\n  version "4.17.15"\n',
        'yarn.lock',
      ).map((entry) => `${entry.name}@${entry.version}`),
    ).toEqual(['@babel/core@7.2.0', 'lodash@4.17.15']);
    expect(
      parseYarnLock('__metadata:\n  version: 6\n\n"minimist@npm:^1.2.0":\n  version: 1.2.0\n', 'yarn.lock').map((entry) => entry.version),
    ).toEqual(['1.2.0']);
    expect(
      parsePnpmLock(
        "lockfileVersion: '9.0'\npackages:\n  lodash@4.17.15:\n    resolution: {integrity: x}\n  '@types/node@20.1.0':\n    resolution: {integrity: y}\n",
        'p',
      ).map((entry) => `${entry.name}@${entry.version}`),
    ).toEqual(['lodash@4.17.15', '@types/node@20.1.0']);
    expect(
      parseRequirements('Jinja2==2.10  # pinned\nrequests>=2.0\npyyaml[extra]===5.3\n-r other.txt\n', 'requirements.txt').map(
        (entry) => `${entry.name}@${entry.version}:${entry.line}`,
      ),
    ).toEqual(['Jinja2@2.10:1', 'pyyaml@5.3:3']);
    expect(
      parseTomlPackages(
        '[[package]]\nname = "jinja2"\nversion = "2.10"\ncategory = "main"\n\n[[package]]\nname = "pytest"\nversion = "7.0"\ncategory = "dev"\n',
        'poetry.lock',
      ).map((entry) => [entry.name, entry.development]),
    ).toEqual([
      ['jinja2', false],
      ['pytest', true],
    ]);
  });
});

describe('the gate and ignores', () => {
  const finding = (extra: Partial<Finding>): Finding => ({
    scanner: 'dependencies',
    ruleId: 'GHSA-1',
    aliases: ['CVE-1'],
    severity: 'high',
    title: 't',
    file: 'f',
    ...extra,
  });

  it('fails at or above the threshold, honouring scope and ignore-unfixed', () => {
    const findings = [
      finding({ ruleId: 'a', severity: 'critical', fixedVersions: ['2'] }),
      finding({ ruleId: 'b', severity: 'medium', fixedVersions: ['2'] }),
      finding({ ruleId: 'c', severity: 'high', development: true, fixedVersions: ['2'] }),
      finding({ ruleId: 'd', severity: 'high' }),
      finding({ ruleId: 'e', severity: 'unknown' }),
    ];
    const ids = (options: Parameters<typeof failingFindings>[1]) => failingFindings(findings, options).map((entry) => entry.ruleId);
    expect(ids({ threshold: 'high', ignoreUnfixed: false, scope: 'all' })).toEqual(['a', 'c', 'd']);
    expect(ids({ threshold: 'high', ignoreUnfixed: true, scope: 'runtime' })).toEqual(['a']);
    expect(ids({ threshold: 'low', ignoreUnfixed: false, scope: 'all' })).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('ignores by id, alias or package until the entry expires', () => {
    const findings = [
      finding({ ruleId: 'GHSA-1' }),
      finding({ ruleId: 'GHSA-2', aliases: ['CVE-2'] }),
      finding({ ruleId: 'GHSA-3', package: 'left-pad' }),
    ];
    const outcome = applyIgnores(
      findings,
      [
        { id: 'GHSA-1', reason: 'not reachable', expires: '2099-01-01' },
        { id: 'CVE-2', reason: 'old', expires: '2020-01-01' },
        { package: 'left-pad', reason: 'vendored', expires: '2099-01-01' },
      ],
      '2026-11-24',
    );
    expect(findings.map((entry) => Boolean(entry.ignoredBy))).toEqual([true, false, true]);
    expect(outcome.expired.map((entry) => entry.id)).toEqual(['CVE-2']);
  });
});
