/**
 * Lists the files under the working directory with what is already known of their identity.
 * In a git checkout, git's index gives the blob ids of tracked files that are unmodified (the fast
 * path), and `git diff-files` and `git ls-files -o` name what must still be read: modified and untracked files. Elsewhere
 * the directory is walked, honouring .gitignore files when asked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { ConfigError } from '../../core/errors.js';
import { type ObjectFormat, pathBase } from './file-identity.js';
import { takeGitRun } from './git-run.js';
import { type IgnoreRule, isIgnored, parseGitignore } from './gitignore.js';
import { sortPaths } from './matcher.js';

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
  /** Every file found, in code point order. */
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
 * Walks the tree below `root`, listing files in code point order (git's order: a folder's files sort
 * as if its name ended in `/`), so that no list of the whole tree need be sorted afterwards. `onFile`
 * hears of each file as it is found, with its folder (so hashing can start during the walk, and a
 * caller can decide once per folder).
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
    // Sort keys: a folder's name with `/` after it.
    const keys: string[] = [];
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const isDirectory = entry.isDirectory();
      if (!isDirectory && !entry.isFile() && !entry.isSymbolicLink()) continue;
      if (rules.length && isIgnored(rules, prefix + entry.name, isDirectory)) continue;
      keys.push(isDirectory ? `${entry.name}/` : entry.name);
    }
    for (const key of sortPaths(keys)) {
      if (key.endsWith('/')) {
        visit(prefix + key.slice(0, -1), rules);
      } else {
        const path = prefix + key;
        files.push(path);
        onFile?.(path, folder);
      }
    }
  };
  visit('', []);
  return files;
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

export async function listFiles(
  root: string,
  respectGitignore: boolean,
  onWalkedFile?: (path: string, folder: string) => void,
): Promise<FileListing> {
  // Without .gitignore every file counts, ignored ones included: walk the tree, as git would not list them.
  const git = respectGitignore ? takeGitRun(root) : undefined;
  if (git) {
    const { top, listings, outputs } = await git;
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
