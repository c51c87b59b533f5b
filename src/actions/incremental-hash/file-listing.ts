/**
 * Lists the files under the working directory with what is already known of their identity.
 * In a git checkout, git's index gives the blob ids of tracked files that are unmodified (the fast
 * path), and `git diff-files` and `git ls-files -o` name what must still be read: modified and untracked files. Elsewhere
 * the directory is walked, honouring .gitignore files when asked.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../../core/errors.js';
import { type ExecResult, exec } from '../../core/exec.js';
import { type ObjectFormat, pathBase } from './file-identity.js';
import { type IgnoreRule, isIgnored, parseGitignore } from './gitignore.js';

/** Outside git, identities use git's default object format. */
export const WALK_FORMAT: ObjectFormat = 'sha1';

/** What git's index says of the files below the working directory. */
export interface IndexRecords {
  /** `git ls-files -s -z` output: `<mode> <blob id> <stage>\t<path>\0` records, in code point order. */
  output: string;
  /** Record i is output.slice(starts[i], starts[i + 1]); its path is paths[i]. */
  starts: number[];
  paths: string[];
  /** Ascending indexes of the records whose id cannot be taken: named by diff-files (edited, deleted, retyped) or not at stage 0 (a conflict). */
  untrusted: number[];
  /** How many records diff-files says are deleted. */
  deleted: number;
}

export interface WalkListing {
  method: 'walk';
  format: ObjectFormat;
  /** Every file found. */
  paths: string[];
}

export interface GitListing {
  method: 'git';
  format: ObjectFormat;
  index: IndexRecords;
  /** Files git does not track (and does not ignore). */
  untracked: string[];
}

export type FileListing = WalkListing | GitListing;

/**
 * Walks the tree below `root`; `onFile` hears of each file as it is found, with its folder (so
 * hashing can start during the walk, and a caller can decide once per folder).
 */
export function walkDirectory(root: string, respectGitignore: boolean, onFile?: (path: string, folder: string) => void): string[] {
  const files: string[] = [];
  const base = pathBase(root);
  const visit = (folder: string, inherited: IgnoreRule[]) => {
    const prefix = folder ? `${folder}/` : '';
    const entries = readdirSync(base + folder || '.', { withFileTypes: true });
    let rules = inherited;
    // The listing says whether there is a .gitignore: no extra system call per folder.
    if (respectGitignore && entries.some((entry) => entry.name === '.gitignore' && !entry.isDirectory())) {
      rules = [...inherited, ...parseGitignore(readFileSync(`${base}${prefix}.gitignore`, 'utf8'), folder)];
    }
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const path = prefix + entry.name;
      const isDirectory = entry.isDirectory();
      if (rules.length && isIgnored(rules, path, isDirectory)) continue;
      if (isDirectory) visit(path, rules);
      else if (entry.isFile() || entry.isSymbolicLink()) {
        files.push(path);
        onFile?.(path, folder);
      }
    }
  };
  visit('', []);
  return files;
}

/** Parses `git ls-files -s -z`: `<mode> <oid> <stage>\t<path>` records. */
export function parseLsFiles(output: string): Map<string, { mode: string; oid: string; stage: string }> {
  const entries = new Map<string, { mode: string; oid: string; stage: string }>();
  for (const record of output.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, oid, stage] = record.slice(0, tab).split(' ') as [string, string, string];
    entries.set(record.slice(tab + 1), { mode, oid, stage });
  }
  return entries;
}

/**
 * Parses `git diff-files -z --name-status`: `<status>\0<path>\0` pairs — the tracked files whose
 * working copy may differ from the index (M, T, D; U for unmerged). Git compares stat data without
 * refreshing it, so a file that was only touched is named too: it is read, never trusted wrongly.
 */
export function parseDiffFiles(output: string): Map<string, string> {
  const entries = new Map<string, string>();
  const fields = output.split('\0');
  for (let index = 0; index + 1 < fields.length; index += 2) entries.set(fields[index + 1] as string, fields[index] as string);
  return entries;
}

/** Indexes the records of `git ls-files -s -z` output, marking those whose id cannot be taken (see IndexRecords). */
export function parseIndex(lsFilesOutput: string, differing: Map<string, string>): IndexRecords {
  // Every record ends in NUL, so that each is a whole line of a component's text.
  const output = lsFilesOutput && !lsFilesOutput.endsWith('\0') ? `${lsFilesOutput}\0` : lsFilesOutput;
  const starts: number[] = [];
  const paths: string[] = [];
  const untrusted: number[] = [];
  let start = 0;
  while (start < output.length) {
    const end = output.indexOf('\0', start);
    const tab = output.indexOf('\t', start);
    if (tab > start && tab < end) {
      const path = output.slice(tab + 1, end);
      // A clean checkout names nothing: no lookup per record then.
      if (output[tab - 1] !== '0' || (differing.size && differing.has(path))) untrusted.push(paths.length);
      starts.push(start);
      paths.push(path);
    }
    start = end + 1;
  }
  starts.push(output.length);
  let deleted = 0;
  for (const state of differing.values()) if (state === 'D') deleted++;
  return { output, starts, paths, untrusted, deleted };
}

/** Whether `root` may be in a git work tree (a `.git` in it or a folder above, or GIT_DIR set): no git to start for a plain tree. */
function mayBeInGit(root: string): boolean {
  if (process.env.GIT_DIR) return true;
  for (let folder = resolve(root); ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return true;
    if (dirname(folder) === folder) return false;
  }
}

interface GitRun {
  top: ExecResult | undefined;
  /** ls-files -s, diff-files, ls-files -o: how each ended (undefined: git did not start), and what each printed. */
  listings: (ExecResult | undefined)[];
  outputs: string[];
}

/**
 * git's view of `root`, all at once and run in `root` itself: paths come relative to it and limited
 * to it. None needs HEAD (git status would also compare HEAD's tree with the index, work this does
 * not use), and none writes. Listings go to files, so git never waits for this thread to read them.
 * Never rejects: listFiles decides what a failure means.
 */
async function runGit(root: string): Promise<GitRun> {
  const folder = mkdtempSync(join(tmpdir(), 'build-tools-git-'));
  try {
    const git = (args: string[], output?: string) =>
      exec('git', args, { cwd: root, silent: true, allowFailure: true, stdoutFile: output && join(folder, output) }).catch(() => undefined);
    const [top, ...listings] = await Promise.all([
      git(['rev-parse', '--is-inside-work-tree', '--show-object-format']),
      git(['ls-files', '-s', '-z'], 'index'),
      git(['--no-optional-locks', 'diff-files', '-z', '--name-status', '--relative'], 'differing'),
      git(['ls-files', '-o', '-z', '--exclude-standard'], 'untracked'),
    ]);
    const outputs = ['index', 'differing', 'untracked'].map((name) =>
      existsSync(join(folder, name)) ? readFileSync(join(folder, name), 'utf8') : '',
    );
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

export async function listFiles(
  root: string,
  respectGitignore: boolean,
  onWalkedFile?: (path: string, folder: string) => void,
): Promise<FileListing> {
  const early = started.get(root);
  started.delete(root);
  // Without .gitignore every file counts, ignored ones included: walk the tree, as git would not list them.
  if (respectGitignore && (early || mayBeInGit(root))) {
    const { top, listings, outputs } = await (early ?? runGit(root));
    const [inside, format] = top?.exitCode === 0 ? top.stdout.trim().split('\n') : [];
    if (inside === 'true') {
      if (listings.some((listing) => listing?.exitCode !== 0)) {
        const failed = listings.find((listing) => listing && listing.exitCode !== 0);
        throw new ConfigError(`git could not list the files of ${root}: ${failed?.stderr.trim() || 'git did not start'}`);
      }
      const [index, differing, untracked] = outputs as [string, string, string];
      return {
        method: 'git',
        format: format === 'sha256' ? 'sha256' : 'sha1',
        index: parseIndex(index, parseDiffFiles(differing)),
        // A nested repository is listed as its folder (`sub/`), not its files.
        untracked: untracked.split('\0').filter((path) => path && !path.endsWith('/')),
      };
    }
  }
  return { method: 'walk', format: WALK_FORMAT, paths: walkDirectory(root, respectGitignore, onWalkedFile) };
}
