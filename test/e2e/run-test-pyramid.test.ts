/**
 * run-test-pyramid end to end: real test runners (Node's test runner, Vitest, pytest) write the
 * JUnit, a real docker compose service backs the integration tier, and the compiled action runs
 * as the runner runs it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJunit } from '../../src/actions/run-test-pyramid/junit.js';
import { ROOT, removeTemporaryFolders, runAction, temporaryFolder } from '../harness.js';
import { type DockerEngine, dockerEngineAvailable, importBusyboxImage, startDockerEngine } from '../services/docker.js';
import { freePort } from '../services/ports.js';

afterAll(removeTemporaryFolders);

function write(root: string, files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');

/** A project with a passing (or, with `failing`, failing) unit tier, a Vitest component tier and an optional e2e tier. */
function project(options: { failing?: boolean } = {}) {
  const root = temporaryFolder('rtp-');
  write(root, {
    'package.json': '{"type":"module"}',
    'src/math.mjs': 'export const add = (a, b) => a + b;\nexport const unused = () => 0;\n',
    'test/unit/math.test.mjs': [
      "import { test } from 'node:test';",
      "import assert from 'node:assert';",
      "import { add } from '../../src/math.mjs';",
      "test('adds', () => assert.strictEqual(add(1, 2), 3));",
      `test('adds negatives', () => assert.strictEqual(add(-1, -2), ${options.failing ? 0 : -3}));`,
      '',
    ].join('\n'),
    'test/component/math.test.ts':
      "import { expect, it } from 'vitest';\nimport { add } from '../../src/math.mjs';\nit('composes', () => expect(add(add(1, 1), 1)).toBe(3));\n",
    'e2e/e2e.test.mjs': "import { test } from 'node:test';\ntest('e2e', () => {});\n",
  });
  return root;
}

const unitTier = {
  name: 'unit',
  run: 'mkdir -p reports coverage && node --test --experimental-test-coverage --test-reporter=junit --test-reporter-destination=reports/unit.xml --test-reporter=lcov --test-reporter-destination=coverage/lcov.info test/unit/*.test.mjs',
  results: 'reports/unit.xml',
  coverage: 'coverage/lcov.info',
};
const componentTier = {
  name: 'component',
  run: `node ${VITEST} run --root . --dir test/component --reporter=junit --outputFile=reports/component.xml`,
  results: 'reports/component.xml',
};
const e2eTier = {
  name: 'e2e',
  run: 'mkdir -p reports && node --test --test-reporter=junit --test-reporter-destination=reports/e2e.xml e2e/*.test.mjs',
  results: 'reports/e2e.xml',
  optional: true,
};

describe('run-test-pyramid with real runners', () => {
  it('runs the tiers in order and reports them as one', async () => {
    const root = project();
    const run = await runAction('run-test-pyramid', {
      workspace: root,
      inputs: { tiers: JSON.stringify([unitTier, componentTier, e2eTier]), pyramid: 'unit>=50%', 'coverage-threshold': '50' },
    });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(run.main.outputs).toMatchObject({ total: '3', passed: '3', failed: '0', skipped: '0', flaky: '0' });
    const tiers = JSON.parse(run.main.outputs.tiers as string);
    expect(tiers.unit).toMatchObject({ status: 'passed', tests: 2 });
    expect(tiers.component).toMatchObject({ status: 'passed', tests: 1 });
    expect(tiers.e2e).toMatchObject({ status: 'skipped', reason: expect.stringContaining('optional') });
    expect(Number(run.main.outputs.coverage)).toBeGreaterThan(50);
    const merged = await parseJunit(run.main.outputs.report as string);
    expect(merged.total).toBe(3);
    expect(readFileSync(run.main.outputs.report as string, 'utf8')).toMatch(
      /<testsuite name="unit" tests="2"[\s\S]*<testsuite name="component" tests="1"/,
    );
    expect(run.main.summary).toMatch(/\| unit \| ✅ passed \| 2 \|/);
    expect(run.main.summary).toMatch(/\| e2e \| ⏭️ skipped \| 0 \|/);
    expect(run.main.summary).toContain('Pyramid shape');

    const withOptional = await runAction('run-test-pyramid', {
      workspace: root,
      inputs: { tiers: JSON.stringify([unitTier, e2eTier]), 'run-optional': 'true' },
    });
    expect(JSON.parse(withOptional.main.outputs.tiers as string).e2e).toMatchObject({ status: 'passed', tests: 1 });
  });

  it('stops at a failing tier, annotates the failure at its line and skips the rest', async () => {
    const root = project({ failing: true });
    const run = await runAction('run-test-pyramid', { workspace: root, inputs: { tiers: JSON.stringify([unitTier, componentTier]) } });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.outputs).toMatchObject({ total: '2', failed: '1' });
    const tiers = JSON.parse(run.main.outputs.tiers as string);
    expect(tiers.component).toMatchObject({ status: 'skipped', reason: "tier 'unit' failed (fail-fast)" });
    const annotation = run.main.annotations.find((candidate) => candidate.properties.title?.includes('adds negatives'));
    expect(annotation).toMatchObject({ level: 'error', properties: { file: 'test/unit/math.test.mjs', line: '5' } });
    expect(run.main.annotations.at(-1)?.message).toBe("tier 'unit': 1 of 2 tests failed");
  });

  it('reads Jest results written by jest-junit', async () => {
    const root = temporaryFolder('rtp-jest-');
    write(root, {
      'package.json': '{"name": "jest-project", "private": true}',
      'jest/sum.test.cjs': "const sum = (a, b) => a + b;\ntest('sums', () => expect(sum(1, 2)).toBe(3));\ntest.skip('later', () => {});\n",
    });
    const jest = join(ROOT, 'node_modules/jest/bin/jest.js');
    const tier = {
      name: 'unit',
      run: `JEST_JUNIT_OUTPUT_FILE=reports/jest.xml JEST_JUNIT_ADD_FILE_ATTRIBUTE=true node ${jest} --rootDir . --testMatch '**/jest/*.test.cjs' --reporters=default --reporters=${join(ROOT, 'node_modules/jest-junit')}`,
      results: 'reports/jest.xml',
    };
    const run = await runAction('run-test-pyramid', { workspace: root, inputs: { tiers: JSON.stringify([tier]) } });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(run.main.outputs).toMatchObject({ total: '2', passed: '1', skipped: '1', failed: '0' });
  });

  it('treats missing or empty results as an error, not a pass', async () => {
    const root = project();
    const run = await runAction('run-test-pyramid', {
      workspace: root,
      inputs: { tiers: 'unit: {}'.replace('unit: {}', '- {name: unit, run: "true", results: "reports/none.xml"}') },
    });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.annotations.at(-1)?.message).toMatch(/tier 'unit': no JUnit results matched reports\/none\.xml/);
  });

  it('runs pytest and splits a tier across shards, handing the files to the command', async () => {
    const root = temporaryFolder('rtp-py-');
    for (let index = 0; index < 4; index++) write(root, { [`tests/test_${index}.py`]: `def test_${index}():\n    assert ${index} >= 0\n` });
    const tier = {
      name: 'unit',
      run: 'python3 -m pytest -q -p no:cacheprovider --junitxml=reports/py.xml {files}',
      results: 'reports/py.xml',
      files: 'tests/test_*.py',
    };
    const run = await runAction('run-test-pyramid', {
      workspace: root,
      inputs: { tiers: JSON.stringify([tier]), shard: '2/2', 'shard-tier': 'unit' },
    });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    const files = JSON.parse(run.main.outputs['shard-files'] as string);
    expect(files).toHaveLength(2);
    expect(run.main.outputs.total).toBe('2');
    expect(run.main.summary).toMatch(/shard 2\/2 of unit: 2 of 4 files, expected imbalance 0\.0% \(4 files without recorded durations\)/);
  });

  it('rejects an invalid tiers value with one line naming the input', async () => {
    const run = await runAction('run-test-pyramid', { workspace: temporaryFolder(), inputs: { tiers: '- {name: unit, results: x.xml}' } });
    expect(run.main.exitCode).toBe(1);
    const errors = run.main.annotations.filter((annotation) => annotation.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/input 'tiers' .* expected a YAML list of tiers.* at \[0\]\.run/);
  });
});

describe.skipIf(!dockerEngineAvailable())('run-test-pyramid with services from docker compose', () => {
  let engine: DockerEngine;
  beforeAll(async () => {
    engine = await startDockerEngine();
    await importBusyboxImage(engine);
  });
  afterAll(async () => engine?.stop());

  it('starts the services, waits for them, runs the tier and tears them down', async () => {
    const root = temporaryFolder('rtp-svc-');
    const port = await freePort();
    write(root, {
      'compose.yml': [
        'version: "2.4"',
        'services:',
        '  web:',
        '    image: local/busybox:1',
        '    network_mode: host',
        `    command: ["sh", "-c", "echo pong > /www/ping && exec httpd -f -p 127.0.0.1:${port} -h /www"]`,
        '',
      ].join('\n'),
      'tests/test_service.py': [
        'import urllib.request',
        'def test_ping():',
        `    assert urllib.request.urlopen("http://127.0.0.1:${port}/ping").read() == b"pong\\n"`,
        '',
      ].join('\n'),
    });
    const tier = {
      name: 'integration',
      run: 'python3 -m pytest -q -p no:cacheprovider --junitxml=reports/integration.xml tests',
      results: 'reports/integration.xml',
      services: 'compose.yml',
      'wait-for': [`http://127.0.0.1:${port}/ping`],
      'wait-timeout': '30s',
    };
    const run = await runAction('run-test-pyramid', { workspace: root, env: engine.env, inputs: { tiers: JSON.stringify([tier]) } });
    expect(run.main.exitCode, run.main.stdout).toBe(0);
    expect(run.main.outputs).toMatchObject({ total: '1', passed: '1' });
    expect((await engine.docker(['ps', '-aq'])).stdout.trim()).toBe('');
  });

  it('fails clearly when a service never becomes ready, keeps its logs and still tears it down', async () => {
    const root = temporaryFolder('rtp-svc-');
    const port = await freePort();
    write(root, {
      'compose.yml':
        'version: "2.4"\nservices:\n  stuck:\n    image: local/busybox:1\n    network_mode: host\n    command: ["sh", "-c", "echo starting forever; sleep 600"]\n',
    });
    const tiers = [
      {
        name: 'integration',
        run: 'true',
        results: 'r.xml',
        services: 'compose.yml',
        'wait-for': [`tcp://127.0.0.1:${port}`],
        'wait-timeout': '3s',
      },
      { name: 'e2e', run: 'true', results: 'r.xml' },
    ];
    const run = await runAction('run-test-pyramid', { workspace: root, env: engine.env, inputs: { tiers: JSON.stringify(tiers) } });
    expect(run.main.exitCode).toBe(1);
    const tierResults = JSON.parse(run.main.outputs.tiers as string);
    expect(tierResults.integration.problems).toEqual([
      `tier 'integration': tcp://127.0.0.1:${port} did not answer within 3 s (wait-timeout)`,
    ]);
    expect(tierResults.e2e.status).toBe('skipped');
    expect(run.main.stdout).toContain('starting forever');
    expect((await engine.docker(['ps', '-aq'])).stdout.trim()).toBe('');
    expect(existsSync(join(root, 'r.xml'))).toBe(false);
    void execFileSync;
  });
});
