import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { which } from '../../core/exec.js';
import { PYTHON_AND_PIP_VERSION_SCRIPT, versionBesideExecutable } from './tool-version.js';

const root = mkdtempSync(join(tmpdir(), 'tool-version-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(path: string, text = ''): string {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  return join(root, path);
}

function link(path: string, target: string): string {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  symlinkSync(target, join(root, path));
  return join(root, path);
}

const manifest = (name: string, version: string) => JSON.stringify({ name, version });

describe('versionBesideExecutable', () => {
  it('reads the version from the package.json above the real executable, as a global npm install lays it out', () => {
    file('global/lib/node_modules/npm/package.json', manifest('npm', '10.8.2'));
    file('global/lib/node_modules/npm/bin/npm-cli.js');
    const npm = link('global/bin/npm', '../lib/node_modules/npm/bin/npm-cli.js');
    expect(versionBesideExecutable('npm', npm)).toBe('10.8.2');
  });

  it('gives nothing when the nearest package.json is another package’s (a corepack shim), even with a stale global install beside it', () => {
    file('shims/lib/node_modules/corepack/package.json', manifest('corepack', '0.29.4'));
    file('shims/lib/node_modules/corepack/dist/yarn.js');
    file('shims/lib/node_modules/yarn/package.json', manifest('yarn', '1.22.0'));
    const yarn = link('shims/bin/yarn', '../lib/node_modules/corepack/dist/yarn.js');
    expect(versionBesideExecutable('yarn', yarn)).toBeUndefined();
  });

  it('falls back to <prefix>/lib/node_modules/<name> for a wrapper script with no package.json of its own', () => {
    file('wrapper/lib/node_modules/pnpm/package.json', manifest('pnpm', '9.15.0'));
    const pnpm = file('wrapper/bin/pnpm', '#!/bin/sh\nexec node "$(dirname "$0")/../lib/node_modules/pnpm/bin/pnpm.cjs" "$@"\n');
    expect(versionBesideExecutable('pnpm', pnpm)).toBe('9.15.0');
  });

  it('gives nothing for a missing executable, a standalone binary, or an unreadable package.json', () => {
    expect(versionBesideExecutable('npm', undefined)).toBeUndefined();
    expect(versionBesideExecutable('npm', join(root, 'nowhere', 'npm'))).toBeUndefined();
    expect(versionBesideExecutable('uv', file('standalone/bin/uv'))).toBeUndefined();
    file('broken/lib/node_modules/npm/package.json', '{ not json');
    file('broken/lib/node_modules/npm/bin/npm-cli.js');
    expect(versionBesideExecutable('npm', link('broken/bin/npm', '../lib/node_modules/npm/bin/npm-cli.js'))).toBeUndefined();
  });

  it('agrees with `npm --version` for the npm on this machine', () => {
    const npm = which('npm');
    expect(npm).toBeDefined();
    expect(versionBesideExecutable('npm', npm)).toBe(execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim());
  });
});

describe('PYTHON_AND_PIP_VERSION_SCRIPT', () => {
  it('prints the interpreter’s major.minor and the version `python -m pip --version` reports', () => {
    const python = which('python3') ? 'python3' : 'python';
    const [interpreter, pip] = execFileSync(python, ['-c', PYTHON_AND_PIP_VERSION_SCRIPT], { encoding: 'utf8' }).split('\n');
    expect(interpreter).toMatch(/^3\.\d+$/);
    expect(pip).toBe(execFileSync(python, ['-m', 'pip', '--version'], { encoding: 'utf8' }).split(' ')[1]);
  });
});
