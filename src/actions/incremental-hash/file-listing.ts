/**
 * Lists the files under the working directory with what is already known of their identity.
 * In a git checkout, git's index gives the blob ids of tracked files that are unmodified (the fast
 * path), and `git status` names what must still be read: modified and untracked files. Elsewhere
 * the directory is walked, honouring .gitignore files when asked.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { exec } from '../../core/exec.js';
import type { ObjectFormat } from './file-identity.js';
import { type IgnoreRule, isIgnored, parseGitignore } from './gitignore.js';

export interface FileListing {
  method: 'git' | 'walk';
  format: ObjectFormat;
  /** Relative path (`/`-separated) → identity, or undefined when it must be read. */
  files: Map<string, string | undefined>;
}

export function walkDirectory(root: string, respectGitignore: boolean): Map<string, undefined> {
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
      else if (entry.isFile() || entry.isSymbolicLink()) files.set(path, undefined);
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

/** Parses `git status --porcelain=v1 -z --no-renames`: `XY <path>` records. */
export function parseStatus(output: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const record of output.split('\0')) if (record.length > 3) entries.set(record.slice(3), record.slice(0, 2));
  return entries;
}

/**
 * Combines `git ls-files -s -z` and the status into identities: trusted from the index, or to be
 * read. Works on the raw output (tens of thousands of records) without intermediate objects.
 */
export function combineGitListing(lsFilesOutput: string, status: Map<string, string>, prefix: string): Map<string, string | undefined> {
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
      const state = status.get(path);
      if (!(state && (state[0] === 'D' || state[1] === 'D'))) {
        const trusted = lsFilesOutput[stageAt] === '0' && (state === undefined || state[1] === ' ');
        files.set(cut ? path.slice(cut) : path, trusted ? lsFilesOutput.slice(start, stageAt - 1) : undefined);
      }
    }
    start = end + 1;
  }
  for (const [path, state] of status) {
    if (state === '??' && !path.endsWith('/')) files.set(cut ? path.slice(cut) : path, undefined);
  }
  return files;
}

export async function listFiles(root: string, respectGitignore: boolean): Promise<FileListing> {
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
    const statusArgs = ['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'];
    const [index, status] = await Promise.all([
      exec('git', ['ls-files', '-s', '-z', ...pathspec], { cwd: topLevel, silent: true }),
      exec('git', [...statusArgs, ...pathspec], { cwd: topLevel, silent: true }),
    ]);
    return {
      method: 'git',
      format: format === 'sha256' ? 'sha256' : 'sha1',
      files: combineGitListing(index.stdout, parseStatus(status.stdout), prefix),
    };
  }
  return { method: 'walk', format: 'sha1', files: walkDirectory(root, respectGitignore) };
}
