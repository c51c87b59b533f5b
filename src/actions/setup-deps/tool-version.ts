/**
 * Tool versions for the cache keys without starting the tool: `npm --version` is a whole Node
 * start (0.2–0.3 s, more than the rest of an installed-tree hit together). A package manager
 * installed from npm is a package: its package.json, found from the executable on PATH, says the
 * version it would print. Anything else (a corepack shim, a wrapper script, a standalone binary)
 * gives undefined and the caller runs the tool.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** How far above the real executable (e.g. `npm/bin/npm-cli.js`) its package.json may sit. */
const LEVELS_UP = 3;

function packageVersion(file: string, name: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    return manifest.name === name && typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The version of package `name` whose executable is `executable` (as found on PATH): the nearest
 * package.json above the executable's real path, when it is that package's; else, only when there
 * is none at all, `<prefix>/lib/node_modules/<name>/package.json` for `<prefix>/bin/<name>`.
 */
export function versionBesideExecutable(name: string, executable: string | undefined): string | undefined {
  if (!executable) return undefined;
  let real: string;
  try {
    real = realpathSync(executable);
  } catch {
    return undefined;
  }
  let directory = dirname(real);
  for (let level = 0; level <= LEVELS_UP; level++) {
    const manifest = join(directory, 'package.json');
    // The nearest package.json decides: a corepack shim sits inside corepack's package, not yarn's.
    if (existsSync(manifest)) return packageVersion(manifest, name);
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return packageVersion(join(dirname(dirname(executable)), 'lib', 'node_modules', name, 'package.json'), name);
}

/**
 * One Python start for both the interpreter's version and pip's (from its installed metadata,
 * which is what `python -m pip --version` prints without importing pip): two lines, the second
 * empty when pip's metadata cannot be read.
 */
export const PYTHON_AND_PIP_VERSION_SCRIPT = [
  'import sys',
  'print("%d.%d" % sys.version_info[:2])',
  'try:',
  '    from importlib.metadata import version',
  '    print(version("pip"))',
  'except Exception:',
  '    print("")',
].join('\n');
