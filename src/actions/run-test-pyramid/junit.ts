/**
 * JUnit XML as real tools write it (pytest, Jest, Vitest, Node's test runner, Go, Surefire with
 * flakyFailure/rerunFailure, Gradle, PHPUnit, Playwright), read as a stream so a huge report never
 * sits in memory: only counts, per-file durations and the first failures are kept. Entities are
 * never resolved from outside the file (an XXE probe is simply not well-formed to us).
 */
import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTag } from 'saxes';

export type CaseStatus = 'passed' | 'failed' | 'skipped' | 'flaky';

export interface TestCase {
  suite: string;
  name: string;
  classname: string;
  file?: string;
  line?: number;
  seconds: number;
  status: CaseStatus;
  /** For failures: the failure's message attribute, and its text (trimmed to a few KiB). */
  message?: string;
  details?: string;
}

export interface JunitTotals {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  flaky: number;
  seconds: number;
}

export interface JunitReport extends JunitTotals {
  /** The first failures, in order (at most `keepFailures`). */
  failures: TestCase[];
  /** Seconds per test file (or per class when no file is named), for sharding. */
  fileSeconds: Record<string, number>;
}

export class JunitError extends Error {}

const DETAILS_LIMIT = 4096;

function toNumber(value: string | undefined): number {
  const number = Number(value);
  return Number.isFinite(number) ? number : 0;
}

/** Parses one report; `onCase` sees every test case (used to write the merged report). */
export async function parseJunit(
  path: string,
  options: { keepFailures?: number; onCase?: (testCase: TestCase) => void } = {},
): Promise<JunitReport> {
  const keepFailures = options.keepFailures ?? 1000;
  const report: JunitReport = { total: 0, passed: 0, failed: 0, skipped: 0, flaky: 0, seconds: 0, failures: [], fileSeconds: {} };
  const parser = new SaxesParser({ position: true });
  const suites: { name: string; file?: string }[] = [];
  let root: string | undefined;
  let current: (TestCase & { results: Set<string> }) | undefined;
  let capture: { into: 'details'; text: string } | undefined;

  parser.on('opentag', (tag: SaxesTag) => {
    const attributes = tag.attributes as Record<string, string>;
    root ??= tag.name;
    if (root !== 'testsuites' && root !== 'testsuite') {
      throw new JunitError(`not JUnit XML: the root element is <${tag.name}>, expected <testsuites> or <testsuite>`);
    }
    if (tag.name === 'testsuite') {
      suites.push({ name: attributes.name ?? '', file: attributes.file ?? suites.at(-1)?.file });
    } else if (tag.name === 'testcase') {
      const suite = suites.at(-1);
      current = {
        suite: suite?.name ?? '',
        name: attributes.name ?? '',
        classname: attributes.classname ?? '',
        file: attributes.file || suite?.file,
        line: attributes.line ? toNumber(attributes.line) : undefined,
        seconds: toNumber(attributes.time),
        status: 'passed',
        results: new Set(),
      };
    } else if (current) {
      if (['failure', 'error', 'skipped', 'flakyFailure', 'flakyError', 'rerunFailure', 'rerunError'].includes(tag.name)) {
        current.results.add(tag.name);
        if (tag.name === 'failure' || tag.name === 'error') {
          current.message ??= attributes.message || attributes.type || tag.name;
          capture = { into: 'details', text: '' };
        } else if (tag.name === 'skipped' && attributes.message) current.message ??= attributes.message;
      }
    }
  });
  const onText = (text: string) => {
    if (capture && capture.text.length < DETAILS_LIMIT) capture.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    if (tag.name === 'testsuite') suites.pop();
    else if ((tag.name === 'failure' || tag.name === 'error') && current && capture) {
      current.details ??= capture.text.trim().slice(0, DETAILS_LIMIT) || undefined;
      capture = undefined;
    } else if (tag.name === 'testcase' && current) {
      const { results, ...testCase } = current;
      testCase.status =
        results.has('failure') || results.has('error')
          ? 'failed'
          : results.has('flakyFailure') || results.has('flakyError')
            ? 'flaky'
            : results.has('skipped')
              ? 'skipped'
              : 'passed';
      report.total++;
      if (testCase.status === 'failed') report.failed++;
      else if (testCase.status === 'skipped') report.skipped++;
      else {
        report.passed++;
        if (testCase.status === 'flaky') report.flaky++;
      }
      report.seconds += testCase.seconds;
      const key = testCase.file || testCase.classname || testCase.suite;
      if (key) report.fileSeconds[key] = (report.fileSeconds[key] ?? 0) + testCase.seconds;
      if (testCase.status === 'failed' && report.failures.length < keepFailures) report.failures.push(testCase);
      options.onCase?.(testCase);
      current = undefined;
    }
  });

  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) parser.write(chunk as string);
    parser.close();
  } catch (error) {
    if (error instanceof JunitError) throw new JunitError(`${path}: ${error.message}`);
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new JunitError(`${path}: not well-formed XML (${message})`);
  }
  if (!root) throw new JunitError(`${path}: empty file, no JUnit XML`);
  return report;
}

const SOURCE_LOCATION = /((?:[\w@.-]+\/)*[\w@.-]+\.(?:py|ts|tsx|mts|cts|js|jsx|mjs|cjs|go|java|kt|rb|php|cs|rs|scala)):(\d+)/g;

/**
 * Where a failure points in the user's code: the report's file/line when given, else the first
 * frame of the stack trace that names a file in the project (not node_modules or the runtime).
 */
export function failureLocation(
  testCase: TestCase,
  fileExists: (path: string) => boolean,
  root = '',
): { file: string; line?: number } | undefined {
  if (testCase.file && testCase.line) return { file: testCase.file, line: testCase.line };
  // Stack frames name absolute paths or file:// URLs; annotations want paths relative to the project.
  const details = root ? (testCase.details ?? '').split(`file://${root}/`).join('').split(`${root}/`).join('') : (testCase.details ?? '');
  for (const match of details.matchAll(SOURCE_LOCATION)) {
    const file = (match[1] as string).replace(/^\.\//, '');
    if (file.includes('node_modules/') || file.startsWith('node:')) continue;
    if (fileExists(file)) return { file, line: Number(match[2]) };
  }
  if (testCase.file && fileExists(testCase.file)) return { file: testCase.file };
  return undefined;
}
