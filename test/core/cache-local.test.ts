/**
 * The core cache off the runner: the compiled probe action, run as the runner runs it without
 * GitHub's cache service, uses the local directory backend at BUILD_TOOLS_CACHE_DIR.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROBE_ACTION_DIRECTORY, removeTemporaryFolders, runActionDirectory, temporaryFolder } from '../harness.js';

afterAll(removeTemporaryFolders);

const cacheDirectory = temporaryFolder('local-cache-');
const noService = { ACTIONS_RESULTS_URL: undefined, ACTIONS_CACHE_URL: undefined, ACTIONS_CACHE_SERVICE_V2: undefined };

async function save(key: string) {
  const workspace = temporaryFolder('ws-');
  mkdirSync(join(workspace, 'cached'));
  return runActionDirectory(PROBE_ACTION_DIRECTORY, {
    workspace,
    cacheDirectory,
    inputs: { mode: 'cache-save', 'cache-path': 'cached', 'cache-key': key },
    env: noService,
  });
}

async function restore(key: string, restoreKeys = '') {
  const workspace = temporaryFolder('ws-');
  const run = await runActionDirectory(PROBE_ACTION_DIRECTORY, {
    workspace,
    cacheDirectory,
    inputs: { mode: 'cache-restore', 'cache-path': 'cached', 'cache-key': key, 'restore-keys': restoreKeys },
    env: noService,
  });
  let content: string | undefined;
  try {
    content = readFileSync(join(workspace, 'cached', 'stamp.txt'), 'utf8');
  } catch {
    content = undefined;
  }
  return { run, content, workspace };
}

describe('the local directory backend through the compiled action', () => {
  it('saves, restores exact and newest-by-prefix, and misses', async () => {
    expect((await save('local-1')).post?.exitCode).toBe(0);
    await save('local-2');
    const exact = await restore('local-1', 'local-');
    expect(exact.run.main.outputs).toMatchObject({ 'cache-hit': 'exact', 'restored-key': 'local-1' });
    expect(exact.content).toBe('saved local-1');
    const partial = await restore('local-3', 'local-');
    expect(partial.run.main.outputs).toMatchObject({ 'cache-hit': 'partial', 'restored-key': 'local-2' });
    expect(partial.content).toBe('saved local-2');
    const miss = await restore('other');
    expect(miss.run.main.outputs['cache-hit']).toBe('miss');
    expect(miss.run.main.annotations).toEqual([]);
  });

  it('restores nothing from a corrupt entry: one warning, a miss, the step succeeds', async () => {
    await save('corrupt');
    const entries = join(cacheDirectory, 'entries');
    for (const version of readdirSync(entries)) {
      for (const file of readdirSync(join(entries, version)).filter((name) => name.endsWith('.tar'))) {
        const path = join(entries, version, file);
        const bytes = readFileSync(path);
        if (!bytes.includes('saved corrupt')) continue;
        writeFileSync(path, bytes.subarray(0, bytes.length / 2));
      }
    }
    const { run, content } = await restore('corrupt');
    expect(run.main.exitCode).toBe(0);
    expect(run.main.outputs['cache-hit']).toBe('miss');
    expect(run.main.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(/^Cache restore failed, continuing without it: .*corrupt/),
      }),
    ]);
    expect(run.main.stdout).not.toMatch(/^\s+at /m);
    expect(content).toBeUndefined();
  });
});
