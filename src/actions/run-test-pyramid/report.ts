/** The merged JUnit report (one <testsuite> per tier) and XML escaping. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { JunitTotals, TestCase } from './junit.js';

export function escapeXml(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function testCaseXml(testCase: TestCase): string {
  const attributes = [
    `name="${escapeXml(testCase.name)}"`,
    `classname="${escapeXml(testCase.classname)}"`,
    `time="${testCase.seconds}"`,
    testCase.file ? `file="${escapeXml(testCase.file)}"` : '',
    testCase.line ? `line="${testCase.line}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (testCase.status === 'failed') {
    return `    <testcase ${attributes}><failure message="${escapeXml(testCase.message ?? '')}">${escapeXml(testCase.details ?? '')}</failure></testcase>\n`;
  }
  if (testCase.status === 'skipped') return `    <testcase ${attributes}><skipped/></testcase>\n`;
  if (testCase.status === 'flaky') return `    <testcase ${attributes}><flakyFailure/></testcase>\n`;
  return `    <testcase ${attributes}/>\n`;
}

/** Collects one tier's cases in a side file while its reports are parsed. */
export class TierCaseWriter {
  private readonly stream: WriteStream;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
  }

  write(testCase: TestCase): void {
    this.stream.write(testCaseXml(testCase));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}

export async function writeMergedReport(path: string, tiers: { name: string; totals: JunitTotals; casesFile?: string }[]): Promise<void> {
  const out = createWriteStream(path);
  const sum = (key: keyof JunitTotals) => tiers.reduce((total, tier) => total + tier.totals[key], 0);
  out.write(
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="run-test-pyramid" tests="${sum('total')}" failures="${sum('failed')}" skipped="${sum('skipped')}" time="${sum('seconds').toFixed(3)}">\n`,
  );
  for (const tier of tiers) {
    out.write(
      `  <testsuite name="${escapeXml(tier.name)}" tests="${tier.totals.total}" failures="${tier.totals.failed}" skipped="${tier.totals.skipped}" time="${tier.totals.seconds.toFixed(3)}">\n`,
    );
    if (tier.casesFile) out.write(await readFile(tier.casesFile));
    out.write('  </testsuite>\n');
  }
  out.write('</testsuites>\n');
  await new Promise((resolve) => out.end(resolve));
}
