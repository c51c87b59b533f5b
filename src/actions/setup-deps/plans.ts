/**
 * What to run, decided from plain data (files present, package.json, environment) so every branch —
 * including the ones this machine cannot run, such as uv and brew — is tested by the commands it
 * would run. Programs always get argument arrays.
 */
import type { Command } from '../../core/exec.js';

export type PackageManager = 'npm' | 'yarn' | 'pnpm';

export interface NodePlan {
  manager: PackageManager;
  /** yarn 2+ ("berry") installs differently from yarn 1. */
  yarnBerry: boolean;
  lockfile?: string;
  /** The exact `name@version` from package.json's packageManager field, for corepack. */
  pinned?: string;
  install: Command;
  /** Command that prints the download cache folder. */
  cacheDirectory: Command;
  reproducible: boolean;
}

export const NODE_LOCKFILES: Record<string, PackageManager> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'yarn.lock': 'yarn',
  'pnpm-lock.yaml': 'pnpm',
};

export function planNode(
  files: ReadonlySet<string>,
  packageManagerField: string | undefined,
  requested: 'auto' | PackageManager,
  yarnLockText = '',
): NodePlan {
  const pinned = packageManagerField && /^(npm|yarn|pnpm)@\d/.test(packageManagerField) ? packageManagerField.split('+')[0] : undefined;
  const lockfile = Object.keys(NODE_LOCKFILES).find((name) => files.has(name));
  const manager: PackageManager =
    requested !== 'auto'
      ? requested
      : pinned
        ? (pinned.split('@')[0] as PackageManager)
        : lockfile
          ? (NODE_LOCKFILES[lockfile] as PackageManager)
          : 'npm';
  const yarnMajor = pinned?.startsWith('yarn@') ? Number(pinned.slice(5).split('.')[0]) : undefined;
  const yarnBerry =
    manager === 'yarn' && ((yarnMajor !== undefined && yarnMajor >= 2) || files.has('.yarnrc.yml') || yarnLockText.includes('__metadata:'));
  const ownLockfile = lockfile && NODE_LOCKFILES[lockfile] === manager ? lockfile : undefined;
  let install: Command;
  if (manager === 'npm')
    install = ownLockfile
      ? { program: 'npm', args: ['ci', '--no-audit', '--no-fund'] }
      : { program: 'npm', args: ['install', '--no-audit', '--no-fund'] };
  else if (manager === 'pnpm') install = { program: 'pnpm', args: ['install', ...(ownLockfile ? ['--frozen-lockfile'] : [])] };
  else install = { program: 'yarn', args: ownLockfile ? [yarnBerry ? '--immutable' : '--frozen-lockfile'] : [] };
  const cacheDirectory: Command =
    manager === 'npm'
      ? { program: 'npm', args: ['config', 'get', 'cache'] }
      : manager === 'pnpm'
        ? { program: 'pnpm', args: ['store', 'path', '--silent'] }
        : yarnBerry
          ? { program: 'yarn', args: ['config', 'get', 'cacheFolder'] }
          : { program: 'yarn', args: ['cache', 'dir'] };
  return { manager, yarnBerry, lockfile: ownLockfile, pinned, install, cacheDirectory, reproducible: Boolean(ownLockfile) };
}

export interface PythonPlan {
  installer: 'uv' | 'pip';
  /** Why pip was chosen when uv was wanted. */
  fallback?: string;
  install: Command;
  cacheDirectory: Command;
  compile?: Command;
}

export function planPython(options: {
  requested: 'auto' | 'uv' | 'pip';
  uvAvailable: boolean;
  python: string;
  requirements: string[];
  inVirtualEnv: boolean;
  compile: string[];
}): PythonPlan {
  const useUv = options.requested === 'uv' || (options.requested === 'auto' && options.uvAvailable);
  const requirementArgs = options.requirements.flatMap((file) => ['-r', file]);
  const compile = options.compile.length ? { program: options.python, args: ['-m', 'compileall', '-q', ...options.compile] } : undefined;
  if (useUv) {
    return {
      installer: 'uv',
      // uv installs into the active virtualenv; without one, into the interpreter itself.
      install: {
        program: 'uv',
        args: ['pip', 'install', '--python', options.python, ...(options.inVirtualEnv ? [] : ['--system']), ...requirementArgs],
      },
      cacheDirectory: { program: 'uv', args: ['cache', 'dir'] },
      compile,
    };
  }
  return {
    installer: 'pip',
    fallback:
      options.requested === 'auto'
        ? 'uv is not on PATH; installing with pip (add astral-sh/setup-uv, or install uv, for faster installs)'
        : undefined,
    install: { program: options.python, args: ['-m', 'pip', 'install', '--disable-pip-version-check', ...requirementArgs] },
    cacheDirectory: { program: options.python, args: ['-m', 'pip', 'cache', 'dir'] },
    compile,
  };
}

export interface SystemPlan {
  manager: 'apt' | 'brew';
  commands: Command[];
  /** The folder of downloaded packages worth caching. */
  archives?: string;
}

export function planSystem(options: {
  os: string;
  packages: string[];
  root: boolean;
  archives: string;
  listsPresent: boolean;
}): SystemPlan {
  if (options.os === 'macOS') {
    return { manager: 'brew', commands: [{ program: 'brew', args: ['install', ...options.packages] }] };
  }
  if (options.os !== 'Linux') throw new Error(`system-packages are supported on Linux (apt) and macOS (brew), not ${options.os}`);
  const sudo = (command: Command): Command =>
    options.root ? command : { program: 'sudo', args: ['-E', command.program, ...command.args] };
  const archive = [`-o`, `Dir::Cache::archives=${options.archives}`];
  const commands: Command[] = [];
  if (!options.listsPresent) commands.push(sudo({ program: 'apt-get', args: ['update', '-qq'] }));
  // Downloads land in (and are reused from) our cached archive folder; dpkg still runs every maintainer script.
  commands.push(sudo({ program: 'apt-get', args: ['install', '-y', '-qq', '--no-install-recommends', ...archive, ...options.packages] }));
  return { manager: 'apt', commands, archives: options.archives };
}

/** Whether `found` (e.g. v20.11.1) is at least major version `minimum`. */
export function nodeMeetsMinimum(found: string, minimum: number): boolean {
  const major = Number(/^v?(\d+)/.exec(found)?.[1]);
  return Number.isFinite(major) && major >= minimum;
}
