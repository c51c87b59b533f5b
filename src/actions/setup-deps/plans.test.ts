import { describe, expect, it } from 'vitest';
import { nodeMeetsMinimum, planNode, planPython, planSystem } from './plans.js';

const files = (...names: string[]) => new Set(names);

describe('choosing the Node package manager', () => {
  it.each([
    [['package.json', 'package-lock.json'], undefined, 'npm', ['ci', '--no-audit', '--no-fund']],
    [['package.json', 'npm-shrinkwrap.json'], undefined, 'npm', ['ci', '--no-audit', '--no-fund']],
    [['package.json', 'yarn.lock'], undefined, 'yarn', ['--frozen-lockfile']],
    [['package.json', 'yarn.lock', '.yarnrc.yml'], undefined, 'yarn', ['--immutable']],
    [['package.json', 'pnpm-lock.yaml'], undefined, 'pnpm', ['install', '--frozen-lockfile']],
    [['package.json'], undefined, 'npm', ['install', '--no-audit', '--no-fund']],
    [['package.json', 'yarn.lock'], 'yarn@4.1.0+sha512.abc', 'yarn', ['--immutable']],
    [['package.json', 'package-lock.json'], 'pnpm@9.0.0', 'pnpm', ['install']],
  ])('%j with packageManager %s → %s %j', (present, field, manager, args) => {
    const plan = planNode(files(...(present as string[])), field as string | undefined, 'auto');
    expect(plan.manager).toBe(manager);
    expect(plan.install.args).toEqual(args);
  });

  it('marks installs without their own lockfile as not reproducible and pins corepack versions', () => {
    expect(planNode(files('package.json'), undefined, 'auto').reproducible).toBe(false);
    const pinned = planNode(files('package.json', 'yarn.lock'), 'yarn@4.1.0+sha512.abc', 'auto');
    expect(pinned).toMatchObject({ pinned: 'yarn@4.1.0', yarnBerry: true, reproducible: true });
    expect(planNode(files('package.json', 'yarn.lock'), undefined, 'auto', '__metadata:\n  version: 8\n').yarnBerry).toBe(true);
    expect(planNode(files('package.json', 'yarn.lock'), undefined, 'npm').install.args).toEqual(['install', '--no-audit', '--no-fund']);
  });

  it('asks each manager for its own cache folder', () => {
    expect(planNode(files('package-lock.json'), undefined, 'auto').cacheDirectory.args).toEqual(['config', 'get', 'cache']);
    expect(planNode(files('pnpm-lock.yaml'), undefined, 'auto').cacheDirectory.args).toEqual(['store', 'path', '--silent']);
    expect(planNode(files('yarn.lock'), undefined, 'auto').cacheDirectory.args).toEqual(['cache', 'dir']);
    expect(planNode(files('yarn.lock', '.yarnrc.yml'), undefined, 'auto').cacheDirectory.args).toEqual(['config', 'get', 'cacheFolder']);
  });

  it('checks the minimum Node major version', () => {
    expect(nodeMeetsMinimum('v20.11.1', 18)).toBe(true);
    expect(nodeMeetsMinimum('v16.20.0', 18)).toBe(false);
    expect(nodeMeetsMinimum('garbage', 18)).toBe(false);
  });
});

describe('the Python installer', () => {
  const base = { python: 'python3', requirements: ['requirements.txt', 'dev.txt'], compile: [] as string[] };

  it('uses uv when it is on PATH, into the virtualenv or the system interpreter', () => {
    expect(planPython({ ...base, requested: 'auto', uvAvailable: true, inVirtualEnv: true }).install).toEqual({
      program: 'uv',
      args: ['pip', 'install', '--python', 'python3', '-r', 'requirements.txt', '-r', 'dev.txt'],
    });
    expect(planPython({ ...base, requested: 'uv', uvAvailable: false, inVirtualEnv: false }).install.args).toContain('--system');
  });

  it('falls back to pip and says why', () => {
    const plan = planPython({ ...base, requested: 'auto', uvAvailable: false, inVirtualEnv: true, compile: ['src'] });
    expect(plan.installer).toBe('pip');
    expect(plan.fallback).toMatch(/uv is not on PATH/);
    expect(plan.install.args).toEqual(['-m', 'pip', 'install', '--disable-pip-version-check', '-r', 'requirements.txt', '-r', 'dev.txt']);
    expect(plan.compile).toEqual({ program: 'python3', args: ['-m', 'compileall', '-q', 'src'] });
    expect(planPython({ ...base, requested: 'pip', uvAvailable: true, inVirtualEnv: true }).fallback).toBeUndefined();
  });
});

describe('system packages', () => {
  it('updates apt lists only when there are none, uses sudo only when not root, and installs into the cached archive folder', () => {
    const rootPlan = planSystem({ os: 'Linux', packages: ['sl'], root: true, archives: '/c', listsPresent: true });
    expect(rootPlan.commands).toEqual([
      { program: 'apt-get', args: ['install', '-y', '-qq', '--no-install-recommends', '-o', 'Dir::Cache::archives=/c', 'sl'] },
    ]);
    const userPlan = planSystem({ os: 'Linux', packages: ['sl'], root: false, archives: '/c', listsPresent: false });
    expect(userPlan.commands.map((command) => [command.program, command.args.slice(0, 3)])).toEqual([
      ['sudo', ['-E', 'apt-get', 'update']],
      ['sudo', ['-E', 'apt-get', 'install']],
    ]);
  });

  it('uses brew on macOS and refuses other systems', () => {
    expect(planSystem({ os: 'macOS', packages: ['jq'], root: false, archives: '', listsPresent: false }).commands).toEqual([
      { program: 'brew', args: ['install', 'jq'] },
    ]);
    expect(() => planSystem({ os: 'Windows', packages: ['jq'], root: false, archives: '', listsPresent: false })).toThrow(
      /Linux \(apt\) and macOS \(brew\), not Windows/,
    );
  });
});
