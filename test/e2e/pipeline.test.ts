/** The local pipeline (`build-tools pipeline`) on the built-in example, twice, through the compiled CLI and actions. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, removeTemporaryFolders, temporaryFolder } from '../harness.js';

afterAll(removeTemporaryFolders);

describe('build-tools pipeline', () => {
  it('runs the six stages on the example, writes metrics and reports, and skips what did not change the second time', () => {
    const example = temporaryFolder('pipeline-');
    cpSync(join(ROOT, 'examples/toolkit-app'), example, {
      recursive: true,
      filter: (source) => !source.includes('.build-tools') && !source.includes('node_modules'),
    });
    const env = {
      ...process.env,
      BUILD_TOOLS_CACHE_DIR: temporaryFolder('pipeline-cache-'),
      RUNNER_TEMP: temporaryFolder('pipeline-temp-'),
      NO_COLOR: '1',
    };
    const pipeline = () => spawnSync(process.execPath, [join(ROOT, 'dist/cli/index.js'), 'pipeline', example], { encoding: 'utf8', env });

    const first = pipeline();
    expect(first.status, first.stdout + first.stderr).toBe(0);
    for (const [index, stage] of [
      'environment validation',
      'dependencies',
      'configuration',
      'tests',
      'artifacts',
      'post-build validation',
    ].entries()) {
      expect(first.stdout).toContain(`[${index + 1}/6] ${stage}`);
    }
    expect(first.stdout).toMatch(/3 of 3 components changed/);
    expect(first.stdout).toMatch(/\*\*4\*\* tests: 4 passed/);
    expect(existsSync(join(example, '.build-tools/report.html'))).toBe(true);
    const runs = join(example, '.build-tools/runs');
    expect(first.stdout).toMatch(/Pipeline passed in/);

    const second = pipeline();
    expect(second.status, second.stdout).toBe(0);
    expect(second.stdout).toMatch(/0 of 3 components changed since the last successful build/);
    expect(second.stdout).toContain('skipped: no component changed since the last successful build');
    expect(second.stdout).toMatch(/setup-deps · .* cache 1 hit/);
    const metricsPath = /Metrics: (.+)/.exec(second.stdout)?.[1] as string;
    const metrics = JSON.parse(readFileSync(metricsPath, 'utf8'));
    expect(metrics.cache.hits).toBeGreaterThan(0);
    expect(metrics.stages.map((stage: { name: string; status: string }) => `${stage.name}:${stage.status}`)).toEqual(
      expect.arrayContaining([
        'setup-deps:success',
        'incremental-hash:success',
        'run-test-pyramid:skipped',
        'security-scan:success',
        'deploy-strategy:skipped',
      ]),
    );
    const skippedTests = metrics.stages.find((stage: { name: string; status: string }) => stage.name === 'run-test-pyramid');
    expect(skippedTests?.figures).toEqual({ skipped_by: 'incremental-hash' });
    const report = readFileSync(join(example, '.build-tools/report.html'), 'utf8');
    expect(report).toContain('vs previous');
    expect(report).toMatch(/data-stage="run-test-pyramid"[^\n]*>unchanged</);
    expect(readFileSync(join(example, '.build-tools/report.md'), 'utf8')).toContain('| run-test-pyramid | skipped (unchanged) |');
    expect(existsSync(runs)).toBe(true);
  });
});
