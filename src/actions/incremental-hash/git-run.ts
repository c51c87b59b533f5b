/**
 * Runs git's listing of a working directory — apart from file-listing.ts, which interprets it, so
 * that the action's entry can start git while loading little else.
 */
import { isAscii } from 'node:buffer';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type ExecResult, exec } from '../../core/exec.js';

/** Whether `root` may be in a git work tree (a `.git` in it or a folder above, or GIT_DIR set): no git to start for a plain tree. */
function mayBeInGit(root: string): boolean {
  if (process.env.GIT_DIR) return true;
  for (let folder = resolve(root); ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return true;
    if (dirname(folder) === folder) return false;
  }
}

export interface GitRun {
  top: ExecResult | undefined;
  /** ls-files -s, status: how each ended (undefined: git did not start), and what each printed. */
  listings: (ExecResult | undefined)[];
  outputs: string[];
}

/**
 * A listing git wrote, as text. Listings are nearly always ASCII, which decodes in a quarter of the
 * time UTF-8 takes (measured: 1 ms against 4–5 ms for a 3.5 MB listing); any other is decoded as
 * the UTF-8 git writes.
 */
function readListing(location: string): string {
  if (!existsSync(location)) return '';
  const bytes = readFileSync(location);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/**
 * git's view of `root`, all at once and run in `root` itself, limited to it: the index's records
 * (paths relative to `root`) and status (paths relative to the top, hence rev-parse's prefix). One
 * status costs less than diff-files and ls-files -o together (measured on 50,000 files: 78 ms of
 * CPU against 66 + 41): it reads the index and lists the folders once, and its comparison with
 * HEAD is nearly free through the index's cache of tree ids. Nothing is written
 * (--no-optional-locks: status would otherwise save the stat data it refreshed). Listings go to
 * files, so git never waits for this thread to read them. Never rejects: listFiles decides what a
 * failure means.
 */
async function runGit(root: string): Promise<GitRun> {
  const folder = mkdtempSync(join(tmpdir(), 'build-tools-git-'));
  try {
    const git = (args: string[], output?: string) =>
      exec('git', args, { cwd: root, silent: true, allowFailure: true, stdoutFile: output && join(folder, output) }).catch(() => undefined);
    const [top, ...listings] = await Promise.all([
      git(['rev-parse', '--is-inside-work-tree', '--show-object-format', '--show-prefix']),
      git(['ls-files', '-s', '-z'], 'index'),
      git(['--no-optional-locks', 'status', '--porcelain=v2', '-z', '--untracked-files=all', '--no-renames', '--', '.'], 'status'),
    ]);
    const outputs = ['index', 'status'].map((name) => readListing(join(folder, name)));
    return { top, listings, outputs };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const started = new Map<string, Promise<GitRun>>();

/**
 * Starts git's listing of `root` ahead of listFiles, which takes it over. The action's entry calls
 * this before it loads the rest of the action: git and the loading each take about a tenth of a
 * second, and overlap. Nothing is written, so a start the inputs later contradict costs nothing.
 */
export function startGitListing(root: string): void {
  if (!started.has(root) && mayBeInGit(root)) started.set(root, runGit(root));
}

/** git's listing of `root`: the one started ahead, else a new one; undefined when `root` is in no checkout. */
export function takeGitRun(root: string): Promise<GitRun> | undefined {
  const early = started.get(root);
  started.delete(root);
  return early ?? (mayBeInGit(root) ? runGit(root) : undefined);
}
