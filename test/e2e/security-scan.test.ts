/**
 * security-scan end to end through the compiled action: real packages installed from the npm
 * registry (known-vulnerable lodash and minimist, LGPL tinymce), a pinned requirements.txt, files
 * with realistic fake credentials, real OSV records as the offline database, SARIF validated
 * against the official schema, the code-scanning upload against a local server, and images
 * built on the real Docker engine: from a debootstrap Debian root, and with an Alpine apk database.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OsvRecord } from '../../src/actions/security-scan/osv.js';
import { ROOT, removeTemporaryFolders, runAction, temporaryFolder } from '../harness.js';
import { debianRootfsTarball, importDebianImage } from '../services/debian-rootfs.js';
import { type DockerEngine, dockerEngineAvailable, importBusyboxImage, startDockerEngine } from '../services/docker.js';

const OSV = join(ROOT, 'test/fixtures/security-scan/osv');
afterAll(removeTemporaryFolders);

// Fake credentials in the shapes real providers issue (none of them is valid anywhere).
const SECRETS = {
  aws: 'AKIA4HZQ7RWMXV2KTB5N',
  awsSecret: 'q8Zt3Jp1Xw9Lm4Rv7Ns2Kd6Hg0Fc5Yb8Ue1Ia3Ox',
  github: 'ghp_R8x2Lm5Qv9Tz1Wk4Nc7Hp3Jd6Bf0Gs2Ya8Ue',
  slack: ['xoxb', '2048193847', '4820193847561', 'q8Zt3Jp1Xw9Lm4Rv7Ns2Kd6H'].join('-'),
};

async function validateSarif(path: string) {
  const [{ default: Ajv }, { default: addFormats }] = await Promise.all([import('ajv-draft-04'), import('ajv-formats')]);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv as never);
  const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/security-scan/sarif/sarif-schema-2.1.0.json'), 'utf8')));
  const sarif = JSON.parse(readFileSync(path, 'utf8'));
  expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  return sarif as {
    runs: { automationDetails: { id: string }; results: { ruleId: string; partialFingerprints: Record<string, string> }[] }[];
  };
}

let vulnerable: string;

beforeAll(() => {
  vulnerable = temporaryFolder('scan-vulnerable-');
  writeFileSync(
    join(vulnerable, 'package.json'),
    JSON.stringify({
      name: 'vulnerable-app',
      version: '1.0.0',
      private: true,
      dependencies: { lodash: '4.17.15', tinymce: '5.10.9' },
      devDependencies: { minimist: '1.2.0' },
    }),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: vulnerable, stdio: 'pipe' });
  writeFileSync(join(vulnerable, 'requirements.txt'), 'Jinja2==2.10\nrequests==2.31.0\n');
  mkdirSync(join(vulnerable, 'config'));
  writeFileSync(join(vulnerable, 'config/deploy.env'), `AWS_ACCESS_KEY_ID=${SECRETS.aws}\nAWS_SECRET_ACCESS_KEY=${SECRETS.awsSecret}\n`);
  writeFileSync(
    join(vulnerable, 'config/ci.js'),
    `// token for the release bot\nconst token = "${SECRETS.github}";\nconst slack = "${SECRETS.slack}";\n`,
  );
}, 180_000);

function copyOf(source: string): string {
  const target = temporaryFolder('scan-copy-');
  cpSync(source, target, { recursive: true });
  return target;
}

describe('security-scan', () => {
  it('finds vulnerable dependencies, secrets and copyleft licenses, reports everything in valid SARIF and fails the gate', async () => {
    const run = await runAction('security-scan', {
      workspace: vulnerable,
      inputs: { 'vulnerability-db': OSV, 'license-deny': 'no-copyleft' },
    });
    expect(run.main.exitCode).toBe(1);
    const findings = JSON.parse(run.main.outputs.findings as string);
    expect(findings.dependencies.high + findings.dependencies.critical).toBeGreaterThanOrEqual(3);
    expect(findings.secrets.critical).toBeGreaterThanOrEqual(3);
    expect(findings.licenses.high).toBe(1);
    expect(Number(run.main.outputs['failed-findings'])).toBeGreaterThan(5);
    const sarif = await validateSarif(run.main.outputs['sarif-file'] as string);
    expect(sarif.runs.map((entry) => entry.automationDetails.id)).toEqual([
      'security-scan/dependencies/',
      'security-scan/secrets/',
      'security-scan/licenses/',
    ]);
    const ruleIds = sarif.runs.flatMap((entry) => entry.results.map((result) => result.ruleId));
    expect(ruleIds).toEqual(expect.arrayContaining(['GHSA-p6mc-m468-83gw', 'GHSA-vh95-rmgr-6w4m', 'PYSEC-2019-217', 'license/LGPL-2.1']));
    // The dev-only minimist is marked as such.
    expect(run.main.summary).toMatch(/minimist@1\.2\.0 \(dev\)/);
    expect(run.main.summary).toContain('must be **rotated**');
    // Secrets never appear in the log, the summary or the report.
    const everything =
      run.main.stdout + run.main.stderr + run.main.summary + readFileSync(run.main.outputs['sarif-file'] as string, 'utf8');
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
    const lodash = run.main.annotations.find((annotation) => annotation.properties.title?.startsWith('dependencies: GHSA-p6mc-m468-83gw'));
    expect(lodash?.properties.file).toBe('package-lock.json');
    expect(Number(lodash?.properties.line)).toBeGreaterThan(1);
    const secret = run.main.annotations.find((annotation) => annotation.properties.file === 'config/ci.js');
    expect(secret?.properties.line).toBe('2');
  });

  it('passes a clean project and still writes a complete, valid report', async () => {
    const clean = temporaryFolder('scan-clean-');
    writeFileSync(
      join(clean, 'package-lock.json'),
      JSON.stringify({
        lockfileVersion: 3,
        packages: { '': {}, 'node_modules/lodash': { version: '4.17.21' }, 'node_modules/minimist': { version: '1.2.8' } },
      }),
    );
    writeFileSync(join(clean, 'index.js'), 'console.log("hello");\n');
    const run = await runAction('security-scan', { workspace: clean, inputs: { 'vulnerability-db': OSV } });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(run.main.outputs['failed-findings']).toBe('0');
    const sarif = await validateSarif(run.main.outputs['sarif-file'] as string);
    expect(sarif.runs.every((entry) => entry.results.length === 0)).toBe(true);
    expect(run.main.summary).toContain('Nothing fails the gate');
  });

  it('ignores with a reason until expiry, says when an entry expired, and refuses an entry without a reason', async () => {
    const project = temporaryFolder('scan-ignore-');
    writeFileSync(
      join(project, 'package-lock.json'),
      JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/minimist': { version: '1.2.0' } } }),
    );
    writeFileSync(
      join(project, '.security-scan-ignore.yml'),
      '- id: GHSA-vh95-rmgr-6w4m\n  reason: only used by a build script\n  expires: 2099-12-31\n- id: CVE-2021-44906\n  reason: waiting for upstream\n  expires: 2020-01-01\n',
    );
    const run = await runAction('security-scan', { workspace: project, inputs: { 'vulnerability-db': OSV, scanners: 'dependencies' } });
    expect(run.main.summary).toContain('1 ignored findings');
    expect(run.main.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: "Ignore entry 'CVE-2021-44906' expired on 2020-01-01; it no longer ignores anything.",
      }),
    );
    // The expired entry no longer covers GHSA-xvch-5gv4-984h (alias CVE-2021-44906), a critical one.
    expect(run.main.exitCode).toBe(1);
    writeFileSync(join(project, '.security-scan-ignore.yml'), '- id: GHSA-vh95-rmgr-6w4m\n  expires: 2099-12-31\n');
    const bad = await runAction('security-scan', { workspace: project, inputs: { 'vulnerability-db': OSV, scanners: 'dependencies' } });
    expect(bad.main.exitCode).toBe(1);
    expect(bad.main.annotations.filter((annotation) => annotation.level === 'error')).toEqual([
      {
        level: 'error',
        message: '.security-scan-ignore.yml: entry 1 (GHSA-vh95-rmgr-6w4m) needs a reason',
        properties: { file: '.security-scan-ignore.yml', line: '1' },
      },
    ]);
  });

  it('never reports a scanner that could not run as clean', async () => {
    const project = copyOf(vulnerable);
    const unreachable = await runAction('security-scan', {
      workspace: project,
      inputs: { scanners: 'dependencies' },
      env: { BUILD_TOOLS_OSV_API_URL: 'http://127.0.0.1:1' },
    });
    const findings = JSON.parse(unreachable.main.outputs.findings as string);
    expect(findings.dependencies.error).toBeTruthy();
    expect(unreachable.main.exitCode).toBe(1);
    expect(unreachable.main.annotations[0]?.message).toMatch(
      /^The dependencies scanner could not run, so its results are unknown \(not clean\)/,
    );
    const warned = await runAction('security-scan', {
      workspace: project,
      env: { BUILD_TOOLS_OSV_API_URL: 'http://127.0.0.1:1' },
      inputs: { scanners: 'dependencies', 'on-scanner-error': 'warn' },
    });
    expect(warned.main.exitCode).toBe(0);
    expect(warned.main.summary).toContain('could not run');
  });

  it('uploads SARIF to code scanning, and keeps the report when the upload is refused', async () => {
    const requests: { url: string; authorization?: string; body: { commit_sha: string; ref: string; sarif: string } }[] = [];
    let status = 202;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        requests.push({ url: request.url ?? '', authorization: request.headers.authorization, body: JSON.parse(body) });
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify(
            status === 202
              ? { id: 'upload-1' }
              : { message: 'Advanced Security must be enabled for this repository to use code scanning.' },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const api = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const project = temporaryFolder('scan-upload-');
      writeFileSync(join(project, 'a.txt'), 'nothing secret\n');
      const env = {
        GITHUB_API_URL: api,
        GITHUB_REPOSITORY: 'octo/app',
        GITHUB_SHA: 'a'.repeat(40),
        GITHUB_REF: 'refs/heads/main',
        GITHUB_TOKEN: 'ghs_uploadtoken123',
      };
      const uploaded = await runAction('security-scan', {
        workspace: project,
        env,
        inputs: { scanners: 'secrets', 'upload-sarif': 'true' },
      });
      expect(uploaded.main.exitCode).toBe(0);
      expect(requests[0]?.url).toBe('/repos/octo/app/code-scanning/sarifs');
      expect(requests[0]?.authorization).toBe('Bearer ghs_uploadtoken123');
      expect(JSON.parse(gunzipSync(Buffer.from(requests[0]?.body.sarif ?? '', 'base64')).toString()).version).toBe('2.1.0');
      expect(uploaded.main.masks).toContain('ghs_uploadtoken123');
      status = 403;
      const refused = await runAction('security-scan', {
        workspace: project,
        env,
        inputs: { scanners: 'secrets', 'upload-sarif': 'true' },
      });
      expect(refused.main.exitCode).toBe(0);
      expect(refused.main.annotations).toContainEqual(
        expect.objectContaining({ level: 'warning', message: expect.stringContaining('Code scanning refused the upload (403') }),
      );
    } finally {
      server.close();
    }
  });

  it('names the input and the accepted values for a bad scanner list', async () => {
    const run = await runAction('security-scan', { workspace: temporaryFolder(), inputs: { scanners: 'dependencies,viruses' } });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.annotations.map((annotation) => annotation.message)).toEqual([
      expect.stringMatching(
        /input 'scanners' is "dependencies,viruses": expected a comma-separated list of dependencies, secrets, licenses, image/,
      ),
    ]);
  });
});

describe.skipIf(!dockerEngineAvailable())('security-scan of an image', () => {
  let engine: DockerEngine;
  let debian: string;
  beforeAll(async () => {
    engine = await startDockerEngine();
    await importBusyboxImage(engine);
    // debootstrap runs once per machine (a minute or two); later runs import the cached tarball.
    debian = await importDebianImage(engine);
  }, 900_000);
  afterAll(async () => engine?.stop());

  type SarifResult = { ruleId: string; message: { text: string } };
  const resultsOf = async (path: string) => (await validateSarif(path)).runs.flatMap((entry) => entry.results as unknown as SarifResult[]);

  it('inventories a debootstrap Debian image without running it and matches its dpkg packages against Debian advisories', async () => {
    // What dpkg-query reports inside the root is the truth the inventory must agree with.
    const query = await engine.docker([
      'run',
      '--rm',
      '--network',
      'host',
      debian,
      'dpkg-query',
      '--show',
      '--showformat',
      '${Package}\t${Version}\t${source:Package}\t${source:Version}\n',
    ]);
    const installed = new Map(
      query.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t') as [string, string, string, string])
        .map(([name, version, sourceName, sourceVersion]) => [name, { version, sourceName, sourceVersion }]),
    );
    for (const name of ['base-files', 'libc6', 'dpkg', 'apt', 'bash']) expect(installed.get(name), name).toBeDefined();
    // The release from the root's own os-release (read from the cached tarball: no second container).
    const osRelease = execFileSync('tar', ['-xOf', await debianRootfsTarball(), './usr/lib/os-release'], { encoding: 'utf8' });
    const ecosystem = `Debian:${/^VERSION_ID="?(\d+)/m.exec(osRelease)?.[1]}`;

    // The imported root itself is the image: no build step, so nothing but debootstrap's files is in it.
    const context = temporaryFolder('scan-image-');
    const run = await runAction('security-scan', {
      workspace: context,
      env: engine.env,
      inputs: { scanners: 'image', image: debian, 'vulnerability-db': OSV },
    });
    expect(run.main.stdout).toContain(`${installed.size} packages in ${debian}`);
    // Every package dpkg knows, with its exact version and, where it differs, its source.
    for (const [name, entry] of installed) {
      const source = entry.sourceName !== name ? ` (source ${entry.sourceName} ${entry.sourceVersion})` : '';
      expect(run.main.stdout).toContain(`  ${ecosystem} ${name} ${entry.version}${source} in var/lib/dpkg/status\n`);
    }
    expect(installed.get('libc6')?.sourceName).toBe('glibc');

    const results = await resultsOf(join(context, 'security-scan.sarif'));
    const ruleIds = results.map((result) => result.ruleId);
    // DEBIAN-CVE-2026-91094 is unfixed for every Debian 12 dpkg.
    const dpkg = installed.get('dpkg');
    expect(results).toContainEqual(
      expect.objectContaining({
        ruleId: 'DEBIAN-CVE-2026-91094',
        message: { text: expect.stringContaining(`Package: dpkg@${dpkg?.version}`) },
      }),
    );
    // Every Debian record is expected exactly when dpkg itself (`dpkg --compare-versions`) puts the installed
    // source version in the record's range for this release: bookworm's apt 2.6.1 is in DEBIAN-CVE-2026-109518
    // (fixed in 2.6.2), not in DEBIAN-CVE-2014-0487 (fixed in 1.0.9); DLA-3022-1 is for Debian 9 only.
    const dpkgSays = (a: string, relation: string, b: string) => spawnSync('dpkg', ['--compare-versions', a, relation, b]).status === 0;
    for (const file of readdirSync(join(OSV, 'Debian'))) {
      const record = JSON.parse(readFileSync(join(OSV, 'Debian', file), 'utf8')) as OsvRecord;
      const expected = (record.affected ?? []).some((affected) => {
        const installedSource = [...installed.values()].find((entry) => entry.sourceName === affected.package?.name);
        if (affected.package?.ecosystem !== ecosystem || !installedSource) return false;
        const version = installedSource.sourceVersion;
        if (affected.versions?.includes(version)) return true;
        return (affected.ranges ?? []).some((range) => {
          const introduced = range.events.find((event) => event.introduced)?.introduced ?? '0';
          const fixed = range.events.find((event) => event.fixed)?.fixed;
          return (introduced === '0' || dpkgSays(version, 'ge', introduced)) && (!fixed || dpkgSays(version, 'lt', fixed));
        });
      });
      expect(ruleIds.includes(record.id), `${record.id} for ${ecosystem}`).toBe(expected);
    }
    expect(ruleIds.filter((id) => id.startsWith('DEBIAN-')).length).toBeGreaterThan(0);
    // No advisory here carries a severity: all are "unknown", below the default threshold.
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(run.main.outputs['failed-findings']).toBe('0');
  }, 300_000);

  it('inventories an Alpine apk database and node_modules, and matches them with apk ordering and semver', async () => {
    const context = temporaryFolder('scan-alpine-');
    mkdirSync(join(context, 'rootfs/app/node_modules/lodash'), { recursive: true });
    writeFileSync(
      join(context, 'rootfs/app/node_modules/lodash/package.json'),
      JSON.stringify({ name: 'lodash', version: '4.17.15', license: 'MIT' }),
    );
    mkdirSync(join(context, 'rootfs/lib/apk/db'), { recursive: true });
    mkdirSync(join(context, 'rootfs/etc'), { recursive: true });
    writeFileSync(join(context, 'rootfs/etc/alpine-release'), '3.19.0\n');
    writeFileSync(
      join(context, 'rootfs/etc/os-release'),
      'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.0\nPRETTY_NAME="Alpine Linux v3.19"\nHOME_URL="https://alpinelinux.org/"\n',
    );
    // lib/apk/db/installed as apk writes it: one stanza per package, one field per line.
    const stanza = (fields: [string, string][]) => `${fields.map(([key, value]) => `${key}:${value}`).join('\n')}\n`;
    writeFileSync(
      join(context, 'rootfs/lib/apk/db/installed'),
      [
        stanza([
          ['C', 'Q1ly7ac2Nkyot/YPeaBfKxXm6vGUQ='],
          ['P', 'musl'],
          ['V', '1.2.4_git20230717-r4'],
          ['A', 'x86_64'],
          ['S', '407317'],
          ['I', '655360'],
          ['T', 'the musl c library (libc) implementation'],
          ['U', 'https://musl.libc.org/'],
          ['L', 'MIT'],
          ['o', 'musl'],
          ['m', 'Natanael Copa <ncopa@alpinelinux.org>'],
          ['t', '1700478452'],
          ['c', 'ca7f2ab5e88794e4e654b40776f8a92256f50639'],
          ['p', 'so:libc.musl-x86_64.so.1=1'],
          ['F', 'lib'],
          ['R', 'ld-musl-x86_64.so.1'],
          ['a', '0:0:755'],
          ['Z', 'Q1rrTPkF1DTzvXdpMz6zsBC1ZaHwY='],
        ]),
        stanza([
          ['C', 'Q1pPcL8BPNbhYXyqWN7VdRbWfnU3g='],
          ['P', 'musl-utils'],
          ['V', '1.2.4_git20230717-r4'],
          ['A', 'x86_64'],
          ['T', 'the musl c library (libc) implementation'],
          ['L', 'MIT AND BSD-2-Clause AND GPL-2.0-or-later'],
          ['o', 'musl'],
          ['D', 'scanelf so:libc.musl-x86_64.so.1'],
        ]),
        stanza([
          ['C', 'Q1Hv2TEpvMtnSkiYP2RiG4V5KR6PA='],
          ['P', 'busybox'],
          ['V', '1.36.1-r15'],
          ['A', 'x86_64'],
          ['T', 'Size optimized toolbox of many common UNIX utilities'],
          ['L', 'GPL-2.0-only'],
          ['o', 'busybox'],
        ]),
      ].join('\n'),
    );
    writeFileSync(join(context, 'Dockerfile'), 'FROM local/busybox:1\nCOPY rootfs /\n');
    await engine.docker(['build', '-t', 'local/scan-alpine:1', context]);
    const run = await runAction('security-scan', {
      workspace: context,
      env: engine.env,
      inputs: { scanners: 'image', image: 'local/scan-alpine:1', 'vulnerability-db': OSV },
    });
    expect(run.main.stdout).toContain('4 packages in local/scan-alpine:1');
    expect(run.main.stdout).toContain('  npm lodash 4.17.15 in app/node_modules/lodash/package.json\n');
    expect(run.main.stdout).toContain(
      '  Alpine:v3.19 musl-utils 1.2.4_git20230717-r4 (source musl 1.2.4_git20230717-r4) in lib/apk/db/installed\n',
    );
    expect(run.main.stdout).toContain('  Alpine:v3.19 busybox 1.36.1-r15 in lib/apk/db/installed\n');
    // 3.19's fix is 1.2.4_git20230717-r5, so r4 is affected; 3.18's range (fixed in 1.2.4-r3, which sorts
    // before r4) must not decide it.
    const results = await resultsOf(join(context, 'security-scan.sarif'));
    expect(results.map((result) => result.ruleId)).toContain('GHSA-p6mc-m468-83gw');
    const alpine = results.filter((result) => result.ruleId.startsWith('ALPINE-'));
    expect(alpine.map((result) => [result.ruleId, result.message.text.split('\n')[1]])).toEqual([
      ['ALPINE-CVE-2025-26519', 'Package: musl@1.2.4_git20230717-r4'],
      ['ALPINE-CVE-2025-26519', 'Package: musl-utils@1.2.4_git20230717-r4'],
    ]);
    expect(alpine[0]?.message.text).toContain('Fixed in: 1.2.4_git20230717-r5');
    // CVSS 7.0: high, at the default threshold; so are lodash's.
    expect(run.main.exitCode).toBe(1);
    expect(run.main.summary).toContain('ALPINE-CVE-2025-26519');
  }, 300_000);
});
