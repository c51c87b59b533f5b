/**
 * The README's test command also holds the code to the project's lint, format and type rules, so a
 * change CI accepts is one `npm run lint` and `npm run typecheck` accept too.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';

function run(script: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', script), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the code', () => {
  it('passes Biome (lint and format)', () => {
    const { status, output } = run('@biomejs/biome/bin/biome', ['check', '--colors=off', '.']);
    expect(status, output).toBe(0);
  });

  it('type-checks', () => {
    const { status, output } = run('typescript/bin/tsc', ['--noEmit', '-p', '.']);
    expect(status, output).toBe(0);
  });
});
