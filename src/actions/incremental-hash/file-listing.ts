/**
 * Lists the files under the working directory with what is already known of their identity.
 * In a git checkout, git's index gives the blob ids of tracked files that are unmodified (the fast
 * path), and `git diff-files` and `git ls-files -o` name what must still be read: modified and untracked files. Elsewhere
 * the directory is walked, honouring .gitignore files when asked.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { exec } from '../../core/exec.js';
import type { ObjectFormat } from './file-identity.js';
import { type IgnoreRule, isIgnored, parseGitignore } from './gitignore.js';

/** Outside git, identities use git's default object format. */
export const WALK_FORMAT: ObjectFormat = 'sha1';

export interface FileListing {
  method: 'git' | 'walk';
  format: ObjectFormat;
  /** Relative path (`/`-separated) → identity, or undefined when it must be read. */
  files: Map<string, string | undefined>;
}

/** Walks the tree below `root`; `onFile` hears of each file as it is found (so hashing can start during the walk). */
export function walkDirectory(root: string, respectGitignore: boolean, onFile?: (path: string) => void): Map<string, undefined> {
  const files = new Map<string, undefined>();
  const visit = (folder: string, inherited: IgnoreRule[]) => {
    const relativeFolder = relative(root, folder).split(sep).join('/');
    let rules = inherited;
    if (respectGitignore && existsSync(join(folder, '.gitignore'))) {
      rules = [...inherited, ...parseGitignore(readFileSync(join(folder, '.gitignore'), 'utf8'), relativeFolder)];
    }
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const path = relativeFolder ? `${relativeFolder}/${entry.name}` : entry.name;
      const isDirectory = entry.isDirectory();
      if (respectGitignore && isIgnored(rules, path, isDirectory)) continue;
      if (isDirectory) visit(join(folder, entry.name), rules);
      else if (entry.isFile() || entry.isSymbolicLink()) {
        files.set(path, undefined);
        onFile?.(path);
      }
    }
  };
  visit(root, []);
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

/**
 * Combines `git ls-files -s -z`, the tracked files that differ (`diff-files`) and the untracked ones
 * (`ls-files -o`) into identities: trusted from the index, or to be read. Works on the raw output
 * (tens of thousands of records) without intermediate objects.
 */
export function combineGitListing(
  lsFilesOutput: string,
  differing: Map<string, string>,
  untrackedOutput: string,
  prefix: string,
): Map<string, string | undefined> {
  const files = new Map<string, string | undefined>();
  const cut = prefix ? prefix.length + 1 : 0;
  let start = 0;
  while (start < lsFilesOutput.length) {
    let end = lsFilesOutput.indexOf('\0', start);
    if (end < 0) end = lsFilesOutput.length;
    const tab = lsFilesOutput.indexOf('\t', start);
    if (tab > start && tab < end) {
      // `<mode> <oid> <stage>\t<path>`: the identity is everything before the stage.
      const stageAt = tab - 1;
      const path = lsFilesOutput.slice(tab + 1, end);
      const state = differing.get(path);
      if (state !== 'D') {
        const trusted = lsFilesOutput[stageAt] === '0' && state === undefined;
        files.set(cut ? path.slice(cut) : path, trusted ? lsFilesOutput.slice(start, stageAt - 1) : undefined);
      }
    }
    start = end + 1;
  }
  // A nested repository is listed as its folder (`sub/`), not its files.
  for (const path of untrackedOutput.split('\0')) if (path && !path.endsWith('/')) files.set(cut ? path.slice(cut) : path, undefined);
  return files;
}

export async function listFiles(root: string, respectGitignore: boolean, onWalkedFile?: (path: string) => void): Promise<FileListing> {
  const top = await exec('git', ['rev-parse', '--show-toplevel', '--show-object-format'], {
    cwd: root,
    silent: true,
    allowFailure: true,
  }).catch(() => undefined);
  // Without .gitignore every file counts, ignored ones included: walk the tree, as git would not list them.
  if (top && top.exitCode === 0 && respectGitignore) {
    const [topLevel, format] = top.stdout.trim().split('\n') as [string, string];
    const prefix = relative(topLevel, root).split(sep).join('/');
    const pathspec = prefix ? ['--', prefix] : [];
    // Neither needs HEAD: git status would also compare HEAD's tree with the index, work this does not use.
    const [index, differing, untracked] = await Promise.all([
      exec('git', ['ls-files', '-s', '-z', ...pathspec], { cwd: topLevel, silent: true }),
      exec('git', ['--no-optional-locks', 'diff-files', '-z', '--name-status', ...pathspec], { cwd: topLevel, silent: true }),
      exec('git', ['ls-files', '-o', '-z', '--exclude-standard', ...pathspec], { cwd: topLevel, silent: true }),
    ]);
    return {
      method: 'git',
      format: format === 'sha256' ? 'sha256' : 'sha1',
      files: combineGitListing(index.stdout, parseDiffFiles(differing.stdout), untracked.stdout, prefix),
    };
  }
  return { method: 'walk', format: WALK_FORMAT, files: walkDirectory(root, respectGitignore, onWalkedFile) };
}
