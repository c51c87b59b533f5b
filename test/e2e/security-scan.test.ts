/**
 * security-scan end to end through the compiled action: real packages installed from the npm
 * registry (known-vulnerable lodash and minimist, LGPL tinymce), a pinned requirements.txt, files
 * with realistic fake credentials, real OSV records as the offline database, SARIF validated
 * against the official schema, the code-scanning upload against a local server, and an image
 * built on the real Docker engine.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, removeTemporaryFolders, runAction, temporaryFolder } from '../harness.js';
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
  beforeAll(async () => {
    engine = await startDockerEngine();
    await importBusyboxImage(engine);
  });
  afterAll(async () => engine?.stop());

  it('inventories the image without running it and matches its packages against OSV', async () => {
    const context = temporaryFolder('scan-image-');
    mkdirSync(join(context, 'app/node_modules/lodash'), { recursive: true });
    writeFileSync(
      join(context, 'app/node_modules/lodash/package.json'),
      JSON.stringify({ name: 'lodash', version: '4.17.15', license: 'MIT' }),
    );
    mkdirSync(join(context, 'dpkg'));
    // Real entries from this machine's dpkg database.
    writeFileSync(join(context, 'dpkg/status'), readFileSync('/var/lib/dpkg/status', 'utf8').split(/\n\n/).slice(0, 5).join('\n\n'));
    writeFileSync(join(context, 'Dockerfile'), 'FROM local/busybox:1\nCOPY dpkg/status /var/lib/dpkg/status\nCOPY app /app\n');
    await engine.docker(['build', '-t', 'local/scan-me:1', context]);
    const run = await runAction('security-scan', {
      workspace: context,
      env: engine.env,
      inputs: { scanners: 'image', image: 'local/scan-me:1', 'vulnerability-db': OSV },
    });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.stdout).toMatch(/\d+ packages in local\/scan-me:1/);
    const sarif = await validateSarif(join(context, 'security-scan.sarif'));
    expect(sarif.runs[0]?.results.map((result) => result.ruleId)).toContain('GHSA-p6mc-m468-83gw');
  });
});
