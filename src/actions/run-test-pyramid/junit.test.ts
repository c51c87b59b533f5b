import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../test/harness.js';
import { failureLocation, JunitError, parseJunit, type TestCase } from './junit.js';

const fixture = (name: string) => join(ROOT, 'test/fixtures/run-test-pyramid/junit', name);
const scratch = mkdtempSync(join(tmpdir(), 'junit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('JUnit reports written by real tools', () => {
  // Expected counts were taken with Python's xml.etree over the same files (cases, failed or errored, skipped).
  it.each([
    ['junit-xml__pytest__junit.gloo.standalone.xml', 97, 0, 17],
    ['junit-xml__pytest__junit.spark.integration.2.xml', 35, 0, 2],
    ['junit-xml__scalatest__TEST-uk.co.gresearch.spark.diff.DiffOptionsSuite.xml', 5, 0, 0],
    ['junit-xml__tst__disabled.xml', 31, 20, 0],
    ['junit-xml__bazel__suite-logs.xml', 1, 1, 0],
    ['junit-xml__xunit__xunit.xml', 2, 0, 0],
    ['junit-xml__testsuite-root.xml', 5, 0, 0],
    ['junit-xml__minimal-attributes.xml', 4, 2, 1],
    ['junit-xml__no-attributes.xml', 4, 2, 1],
  ])('%s: %i cases, %i failed, %i skipped', async (file, total, failed, skipped) => {
    const report = await parseJunit(fixture(file));
    expect({ total: report.total, failed: report.failed, skipped: report.skipped }).toEqual({ total, failed, skipped });
    expect(report.passed).toBe(total - failed - skipped);
  });

  it('lets a failure or error outrank a skip in a case with several results', async () => {
    const statuses: string[] = [];
    await parseJunit(fixture('junit-xml__junit.multiresult.xml'), {
      onCase: (testCase) => statuses.push(`${testCase.name}: ${testCase.status}`),
    });
    expect(statuses).toEqual([
      'test that errors: failed',
      'test that fails: failed',
      'test that is skipped: skipped',
      'test that succeeds: passed',
    ]);
  });

  it('decodes entities in names and messages', async () => {
    const report = await parseJunit(fixture('junit-xml__with-xml-entities.xml'));
    expect(report.failures.map((testCase) => [testCase.name, testCase.message, testCase.details])).toEqual([
      ["Test with 'apostrophe' in the test name", "A message with 'apostrophes'", "Content with 'apostrophes'"],
      ['Test with & in the test name', 'A message with &', 'Content with &'],
    ]);
  });

  it('counts Surefire reruns: flaky when a rerun passed, failed when it did not', async () => {
    const file = join(scratch, 'surefire.xml');
    writeFileSync(
      file,
      `<testsuite name="com.example.AppTest" tests="3">
  <testcase name="passesOnRerun" classname="com.example.AppTest" time="0.5"><flakyFailure message="boom" type="java.lang.AssertionError">at com.example.AppTest.passesOnRerun(AppTest.java:12)</flakyFailure></testcase>
  <testcase name="alwaysFails" classname="com.example.AppTest" time="0.2"><failure message="expected 1"/><rerunFailure message="expected 1"/></testcase>
  <testcase name="fine" classname="com.example.AppTest" time="0.1"/>
</testsuite>`,
    );
    const report = await parseJunit(file);
    expect(report).toMatchObject({ total: 3, passed: 2, failed: 1, flaky: 1, skipped: 0 });
    expect(report.fileSeconds['com.example.AppTest']).toBeCloseTo(0.8);
  });

  it('reads the file attribute Vitest and Jest write, for per-file durations', async () => {
    const file = join(scratch, 'vitest.xml');
    writeFileSync(
      file,
      `<?xml version="1.0"?><testsuites><testsuite name="src/a.test.ts" file="src/a.test.ts"><testcase classname="src/a.test.ts" name="x" time="1.5"/><testcase classname="src/a.test.ts" name="y" time="0.5"/></testsuite>
<testsuite name="src/b.test.ts"><testcase classname="b" name="z" time="2" file="src/b.test.ts"/></testsuite></testsuites>`,
    );
    expect((await parseJunit(file)).fileSeconds).toEqual({ 'src/a.test.ts': 2, 'src/b.test.ts': 2 });
  });

  it.each([
    ['junit-xml__pytest__corrupt-xml.xml', /not well-formed XML/],
    ['junit-xml__non-junit.xml', /not JUnit XML: the root element is <suites>/],
    ['xml__non-xml.xml', /not well-formed XML/],
    ['nunit__nunit3__jenkins__NUnit-sec1752-https.xml', /not JUnit XML|not well-formed/],
  ])('refuses %s with a clear error and never follows external entities', async (file, message) => {
    await expect(parseJunit(fixture(file))).rejects.toThrow(JunitError);
    await expect(parseJunit(fixture(file))).rejects.toThrow(message);
  });

  it('reads a report with no cases as zero tests (the action treats that as an error)', async () => {
    expect((await parseJunit(fixture('junit-xml__no-cases-but-tests.xml'))).total).toBe(0);
  });
});

describe('where a failure points', () => {
  const failure = (details: string, extra: Partial<TestCase> = {}): TestCase => ({
    suite: 's',
    name: 'n',
    classname: 'c',
    seconds: 0,
    status: 'failed',
    details,
    ...extra,
  });
  const exists = (path: string) => ['tests/test_api.py', 'src/app.test.ts', 'src/app.ts'].includes(path);

  it('prefers the report’s own file and line', () => {
    expect(failureLocation(failure('', { file: 'src/app.test.ts', line: 7 }), exists)).toEqual({ file: 'src/app.test.ts', line: 7 });
  });

  it('finds the first project frame in a pytest or Node stack, skipping node_modules and missing files', () => {
    expect(
      failureLocation(
        failure('def test_x():\n>       assert 1 == 2\nE       assert 1 == 2\n\ntests/test_api.py:12: AssertionError'),
        exists,
      ),
    ).toEqual({
      file: 'tests/test_api.py',
      line: 12,
    });
    expect(
      failureLocation(
        failure(
          'AssertionError: expected 1 to be 2\n    at node_modules/vitest/dist/x.js:10:5\n    at /opt/other/thing.ts:3:1\n    at src/app.test.ts:22:14',
        ),
        exists,
      ),
    ).toEqual({ file: 'src/app.test.ts', line: 22 });
    expect(failureLocation(failure('nothing useful'), exists)).toBeUndefined();
    expect(
      failureLocation(failure('Error\n    at TestContext.<anonymous> (file:///work/p/src/app.test.ts:9:3)'), exists, '/work/p'),
    ).toEqual({
      file: 'src/app.test.ts',
      line: 9,
    });
  });
});
