import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { displayCommand, ExecError, exec, which } from './exec.js';

describe('exec', () => {
  it('passes arguments as an array, never through a shell', async () => {
    const hostile = '$(echo pwned); `id` && rm -rf / | cat';
    const result = await exec('printf', ['%s', hostile], { silent: true });
    expect(result.stdout).toBe(hostile);
    expect(result.exitCode).toBe(0);
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('feeds standard input and merges the environment', async () => {
    const result = await exec('sh', ['-c', 'cat; printf " %s" "$GREETING"'], { silent: true, input: 'hello', env: { GREETING: 'there' } });
    expect(result.stdout).toBe('hello there');
    const removed = await exec('sh', ['-c', 'printf "%s" "${HOME-unset}"'], { silent: true, env: { HOME: undefined } });
    expect(removed.stdout).toBe('unset');
  });

  it('throws ExecError with the tail of the output on a non-zero exit, unless allowed', async () => {
    await expect(exec('sh', ['-c', 'echo boom >&2; exit 3'], { silent: true })).rejects.toThrow(ExecError);
    await expect(exec('sh', ['-c', 'echo boom >&2; exit 3'], { silent: true })).rejects.toThrow(/exited with code 3:\nboom/);
    const allowed = await exec('sh', ['-c', 'exit 4'], { silent: true, allowFailure: true });
    expect(allowed.exitCode).toBe(4);
  });

  it('says clearly when a program is missing', async () => {
    await expect(exec('no-such-program-xyz', [])).rejects.toThrow(ConfigError);
    await expect(exec('no-such-program-xyz', [])).rejects.toThrow("'no-such-program-xyz' was not found on PATH");
    expect(which('sh')).toMatch(/\/sh$/);
    expect(which('no-such-program-xyz')).toBeUndefined();
  });

  it('kills a program that runs past its timeout', async () => {
    const result = await exec('sleep', ['10'], { silent: true, timeoutMs: 200, allowFailure: true });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGTERM');
  });

  it('hands complete lines to onLine as they arrive', async () => {
    const lines: string[] = [];
    await exec('sh', ['-c', 'printf "a\\nb"; printf "c\\n" >&2'], {
      silent: true,
      onLine: (line, stream) => lines.push(`${stream}:${line}`),
    });
    expect(lines.sort()).toEqual(['stderr:c', 'stdout:a', 'stdout:b']);
  });

  it('writes standard output to a file when asked, however large, and keeps it out of the result', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'exec-')), 'out');
    // More than a pipe holds (and than the capture limit would keep of a log, were it larger).
    const result = await exec('sh', ['-c', 'head -c 300000 /dev/zero; echo done >&2'], { silent: true, stdoutFile: file });
    expect(statSync(file).size).toBe(300000);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('done\n');
  });

  it('quotes arguments for display only', () => {
    expect(displayCommand('docker', ['build', '-t', 'a b', "it's"])).toBe(`docker build -t 'a b' 'it'\\''s'`);
  });
});
