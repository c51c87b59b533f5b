/**
 * security-scan at scale, in one run:
 * - a package-lock.json of 1,000 packages against an offline OSV database of ≥10,000 records — time to
 *   the report (the records are the real npm corpus replicated under new ids and package names, so the
 *   database is as large as asked; the replication is ours);
 * - the secret scan over make-tree.mjs's 50,000-file tree, against the secretlint CLI on the same tree.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { ROOT, runAction } from '../../test/harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'scan-bench-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const FILES = Number(process.env.BENCH_FILES ?? 50_000);

it('security-scan: lockfile vs 10,000 records, and the secret scan vs the secretlint CLI', async () => {
  const project = join(scratch, 'project');
  const database = join(scratch, 'osv');
  mkdirSync(project);
  mkdirSync(database);
  const corpus = join(ROOT, 'test/fixtures/security-scan/osv/npm');
  const records = readdirSync(corpus).map((file) => JSON.parse(readFileSync(join(corpus, file), 'utf8')));
  let written = 0;
  for (let copy = 0; written < 10_000; copy++) {
    for (const record of records) {
      const clone = JSON.parse(JSON.stringify(record));
      clone.id = `${record.id}-${copy}`;
      for (const affected of clone.affected ?? []) affected.package.name = `${affected.package.name}-${copy % 1000}`;
      writeFileSync(join(database, `${clone.id}.json`), JSON.stringify(clone));
      written++;
    }
  }
  const packages: Record<string, { version: string }> = { '': { version: '1.0.0' } };
  for (let index = 0; index < 1000; index++) packages[`node_modules/lodash-${index}`] = { version: index % 2 ? '4.17.15' : '4.17.21' };
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
  const started = performance.now();
  const run = await runAction('security-scan', { workspace: project, inputs: { scanners: 'dependencies', 'vulnerability-db': database } });
  const dependencySeconds = (performance.now() - started) / 1000;
  const dependencyFindings = JSON.parse(run.main.outputs.findings as string).dependencies;

  const tree = join(scratch, 'tree');
  execFileSync(process.execPath, [join(__dirname, '..', 'make-tree.mjs'), tree, '--files', String(FILES)], { stdio: 'ignore' });
  const secretsStarted = performance.now();
  const scan = await runAction('security-scan', { workspace: tree, inputs: { scanners: 'secrets' } });
  const ours = (performance.now() - secretsStarted) / 1000;
  writeFileSync(join(tree, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const cliStarted = performance.now();
  const limit = Number(process.env.BENCH_CLI_LIMIT_SECONDS ?? 300);
  let finished = true;
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/secretlint'), ['**/*', '--secretlintrc', join(tree, '.secretlintrc.json')], {
      cwd: tree,
      stdio: 'ignore',
      maxBuffer: 1 << 26,
      timeout: limit * 1000,
    });
  } catch (error) {
    // secretlint exits non-zero when it finds something; its time is what we compare. A timeout is reported as such.
    if ((error as { signal?: string }).signal === 'SIGTERM') finished = false;
  }
  const cli = (performance.now() - cliStarted) / 1000;
  console.log(
    `\nsecurity-scan:\n` +
      `  1,000-package lockfile vs ${written} OSV records: ${dependencySeconds.toFixed(2)} s to the report (${JSON.stringify(dependencyFindings)}, exit ${run.main.exitCode})\n` +
      `  secrets over ${FILES} files: security-scan ${ours.toFixed(2)} s (exit ${scan.main.exitCode}), secretlint CLI ${finished ? `${cli.toFixed(2)} s` : `> ${limit} s (stopped)`} → ${finished ? '' : '> '}${(cli / ours).toFixed(1)}× faster\n`,
  );
});
