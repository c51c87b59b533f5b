import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildMetrics } from '../core/metrics/record.js';
import { runTimed } from './timed.js';

const scratch = mkdtempSync(join(tmpdir(), 'bt-timed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('build-tools timed', () => {
  it("records each command as a stage of the job's metrics, with its result, and returns its exit code", async () => {
    const env = { ...process.env, BUILD_TOOLS_METRICS_FILE: join(scratch, 'metrics.json'), GITHUB_JOB: 'validate' };
    const lint = await runTimed(
      { stage: 'validate', component: 'web', title: 'lint', program: process.execPath, args: ['-e', 'setTimeout(() => {}, 200)'] },
      env,
    );
    const types = await runTimed({ stage: 'validate', component: 'web', program: process.execPath, args: ['-e', 'process.exit(3)'] }, env);
    expect([lint, types]).toEqual([0, 3]);
    const metrics: BuildMetrics = JSON.parse(readFileSync(env.BUILD_TOOLS_METRICS_FILE, 'utf8'));
    expect(metrics.job).toBe('validate');
    expect(metrics.status).toBe('failure');
    const [first, second] = metrics.stages;
    expect(first).toMatchObject({ name: 'validate', status: 'success', figures: { command: 'lint', component: 'web' } });
    expect(first?.duration).toBeGreaterThanOrEqual(0.2);
    expect(second).toMatchObject({
      name: 'validate',
      status: 'failure',
      error: `${process.execPath} -e 'process.exit(3)' exited with code 3`,
    });
  });
});
