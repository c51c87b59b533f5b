/**
 * run-test-pyramid's JUnit reading against the parsers users reach for, in one run, on a generated
 * report of 100,000 test cases (~40 MB): time and peak memory (max RSS of a process that only
 * parses), each in its own process. And shard balance on a real-suite-shaped timing distribution.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
// @ts-expect-error: plain ESM build script without types
import { bundle } from '../../scripts/build.mjs';
import { planShards, splitByCount } from '../../src/actions/run-test-pyramid/shard.js';
import { ROOT, runnerNode } from '../../test/harness.js';

const CASES = 100_000;
const scratch = mkdtempSync(join(tmpdir(), 'rtp-bench-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function generateReport(path: string): void {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n'];
  for (let suite = 0; suite < 1000; suite++) {
    parts.push(`<testsuite name="tests/test_module_${suite}.py" tests="100" file="tests/test_module_${suite}.py">\n`);
    for (let test = 0; test < 100; test++) {
      const id = suite * 100 + test;
      parts.push(
        `  <testcase classname="tests.test_module_${suite}.TestThing" name="test_behaviour_number_${test}_with_a_descriptive_name" time="0.${(id % 997).toString().padStart(3, '0')}" file="tests/test_module_${suite}.py" line="${10 + test * 7}">`,
      );
      if (id % 500 === 0) {
        parts.push(
          `<failure message="AssertionError: assert ${id} == ${id + 1}">def test():\n&gt;       assert value == expected\nE       AssertionError: assert ${id} == ${id + 1}\n\ntests/test_module_${suite}.py:${10 + test * 7}: AssertionError</failure>`,
        );
      } else if (id % 97 === 0) parts.push('<skipped message="not on this platform"/>');
      else
        parts.push(
          '<system-out>some captured output of the test that runners keep in the report, line one\nand line two of the captured output\n</system-out>',
        );
      parts.push('</testcase>\n');
    }
    parts.push('</testsuite>\n');
  }
  parts.push('</testsuites>\n');
  writeFileSync(path, parts.join(''));
}

it('parses 100,000 cases faster and in less memory than fast-xml-parser and junit2json', async () => {
  const report = join(scratch, 'report.xml');
  generateReport(report);
  const ours = join(scratch, 'ours');
  await bundle(join(ROOT, 'bench/run-test-pyramid/parse-entry.ts'), ours, { sourceMap: false });
  const node = runnerNode();
  const fxp = join(scratch, 'fxp.mjs');
  writeFileSync(
    fxp,
    `import { readFileSync } from 'node:fs';\nimport { XMLParser } from '${join(ROOT, 'node_modules/fast-xml-parser/src/fxp.js')}';\nconst doc = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(process.argv[2], 'utf8'));\nlet total = 0; for (const suite of [doc.testsuites.testsuite].flat()) total += [suite.testcase].flat().length;\nconsole.log(JSON.stringify({ total }));\n`,
  );
  const j2j = join(scratch, 'j2j.mjs');
  writeFileSync(
    j2j,
    `import { parse } from '${join(ROOT, 'node_modules/junit2json/dist/esm/index.js')}';\nimport { readFileSync } from 'node:fs';\nconst out = await parse(readFileSync(process.argv[2], 'utf8'));\nlet total = 0; for (const suite of out.testsuite ?? []) total += (suite.testcase ?? []).length;\nconsole.log(JSON.stringify({ total }));\n`,
  );
  // GNU time prints to stderr; capture it with a shell to keep stdout clean.
  const timed = (label: string, script: string) => {
    const started = performance.now();
    const output = execFileSync('sh', ['-c', `/usr/bin/time -f 'RSS %M' "$0" "$1" "$2" 2>&1`, node, script, report], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const seconds = (performance.now() - started) / 1000;
    const rss = Number(/RSS (\d+)/.exec(output)?.[1] ?? 0) / 1024;
    const total = /"total":(\d+)/.exec(output)?.[1];
    return { label, seconds, rss, total };
  };
  const results = [
    timed('run-test-pyramid (streaming)', join(ours, 'index.js')),
    timed('fast-xml-parser (whole file)', fxp),
    timed('junit2json', j2j),
  ];
  const bytes = statSync(report).size;
  const [mine, ...others] = results;
  const fastest = Math.min(...others.map((result) => result.seconds));
  const lines = results.map(
    (result) =>
      `${result.label.padEnd(32)} ${result.seconds.toFixed(2).padStart(6)} s  ${result.rss.toFixed(0).padStart(5)} MiB max RSS  ${result.total ?? '?'} cases`,
  );
  console.log(
    `\nJUnit, ${CASES} cases, ${(bytes / 1048576).toFixed(1)} MiB:\n${lines.join('\n')}\n` +
      `time vs the faster of the others: ${((mine?.seconds ?? 0) / fastest).toFixed(2)}× (target ≤ 1)\n` +
      `memory vs the leaner of the others: ${((mine?.rss ?? 0) / Math.min(...others.map((result) => result.rss))).toFixed(2)}×\n`,
  );

  // Shard balance: durations shaped like a real suite (a long tail of quick files, a few slow ones).
  const durations: Record<string, number> = {};
  for (let index = 0; index < 400; index++) {
    const seed = Math.sin(index * 12.9898) * 43758.5453;
    const random = seed - Math.floor(seed);
    durations[`tests/test_${index}.py`] = index % 40 === 0 ? 30 + random * 60 : 0.2 + random ** 3 * 8;
  }
  const files = Object.keys(durations);
  const ideal = Object.values(durations).reduce((sum, seconds) => sum + seconds, 0) / 4;
  const plan = planShards(files, 4, durations);
  const naive = splitByCount(files, 4).map((shard) => shard.reduce((sum, file) => sum + (durations[file] ?? 0), 0));
  console.log(
    `Shard balance, 400 files, 4 shards, ideal ${ideal.toFixed(1)} s per shard:\n` +
      `  longest-processing-time first: longest shard ${Math.max(...plan.loads).toFixed(1)} s = ${((Math.max(...plan.loads) / ideal - 1) * 100).toFixed(1)}% over ideal (target ≤ 10%)\n` +
      `  split by file count:           longest shard ${Math.max(...naive).toFixed(1)} s = ${((Math.max(...naive) / ideal - 1) * 100).toFixed(1)}% over ideal\n`,
  );
});
