/**
 * incremental-hash: hash each component's files, compare with the last successful build's record
 * (restored from the cache), say what changed; the post step saves the new record only when the
 * job succeeded (action.yml: post-if: success()), so a failed build is retried next time.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActionContext } from '../../core/context.js';
import { ConfigError } from '../../core/errors.js';
import { formatSeconds } from '../../core/metrics/summary.js';
import { gitComponentTexts, readComponentTexts } from './component-texts.js';
import { type Component, parseComponents } from './components.js';
import { FileHasher } from './file-hashing.js';
import { listFiles, WALK_FORMAT } from './file-listing.js';
import type { Inputs } from './inputs.js';
import { compileSelection } from './matcher.js';
import { type BuildRecord, buildRecord, type ComponentResult, compareRecords, parseRecord, serializeRecord } from './record.js';

/** The matrix holds at most this many jobs (GitHub's limit). */
const MATRIX_LIMIT = 256;

interface SaveState {
  directory: string;
  key: string;
}

/** The folder the record is cached in, and the keys: scoped by this configuration and the ref, falling back to the default branch. */
export function recordLocation(ctx: Pick<ActionContext, 'runner'>, prefix: string, configuration: string) {
  const configurationHash = createHash('sha256').update(configuration).digest('hex').slice(0, 12);
  const base = `${prefix}-${configurationHash}-`;
  const ref = ctx.runner.ref || 'refs/heads/local';
  const restoreKeys = [...new Set([`${base}${ref}-`, `${base}refs/heads/${ctx.runner.defaultBranch}-`])];
  return {
    directory: join(ctx.runner.temp, 'build-tools-incremental-hash', configurationHash),
    key: `${base}${ref}-${ctx.runner.runId || Date.now()}-${ctx.runner.runAttempt}`,
    restoreKeys,
  };
}

/** This version's record file, and the one earlier versions wrote (read only to warn that it cannot be used). */
const RECORD_FILE = 'build-record';
const LEGACY_RECORD_FILE = 'record.json';

function readRecord(directory: string): BuildRecord | undefined {
  try {
    for (const name of [RECORD_FILE, LEGACY_RECORD_FILE]) {
      if (existsSync(join(directory, name))) return parseRecord(readFileSync(join(directory, name), 'utf8'));
    }
  } catch {
    // Unreadable: no baseline.
  }
  return undefined;
}

export interface HashRun {
  results: ComponentResult[];
  record: BuildRecord;
  method: 'git' | 'walk';
  files: number;
  filesRead: number;
  empty: string[];
}

/** Lists, identifies and assigns the files, then compares with `previous`. */
export async function hashComponents(
  root: string,
  components: Component[],
  options: {
    extraKey: string;
    respectGitignore: boolean;
    previous?: BuildRecord;
    workerEntry?: string;
    threads?: number;
    progress?: (line: string) => void;
  },
): Promise<HashRun> {
  // In a walk, files any component selects are hashed while the walk goes on; in a git checkout,
  // only those git cannot vouch for are read, once the listing is known.
  const selection = compileSelection(components);
  const threading = { workerEntry: options.workerEntry, threads: options.threads };
  const walkHasher = new FileHasher(root, WALK_FORMAT, threading);
  let folderSeen: string | undefined;
  let folderCovered = false;
  const listing = await listFiles(root, options.respectGitignore, (path, folder) => {
    if (folder !== folderSeen) {
      folderSeen = folder;
      folderCovered = selection.coversFolder(folder);
    }
    if (folderCovered || selection.matches(path)) walkHasher.add(path);
  });
  let hasher = walkHasher;
  let files = listing.method === 'walk' ? listing.paths.length : 0;
  if (listing.method === 'git') {
    hasher = new FileHasher(root, listing.format, threading);
    const { index, untracked } = listing;
    files = index.paths.length - index.deleted + untracked.length;
    const toRead = new Set(untracked);
    for (const position of index.untrusted) toRead.add(index.paths.at(position) as string);
    for (const path of toRead) if (selection.matches(path)) hasher.add(path);
  }
  // Long work says what it is doing (the step would otherwise look stuck on a large tree).
  if (hasher.added >= 5000)
    options.progress?.(
      `${files} files listed (${listing.method === 'git' ? 'git index' : 'directory walk'}); reading and hashing ${hasher.added}…`,
    );
  const read = await hasher.finish();
  const texts = listing.method === 'git' ? gitComponentTexts(components, listing.index, read) : readComponentTexts(components, read);
  const record = buildRecord(components, texts, options.extraKey);
  return {
    results: compareRecords(components, record, options.previous),
    record,
    method: listing.method,
    files,
    filesRead: read.paths.length,
    empty: components.filter((component) => record.components[component.name]?.count === 0).map((component) => component.name),
  };
}

function describeFiles(result: ComponentResult): string {
  const sample = [
    ...result.added.map((path) => `+${path}`),
    ...result.removed.map((path) => `-${path}`),
    ...result.modified.map((path) => `~${path}`),
  ];
  return sample.length ? `${sample.slice(0, 5).join(', ')}${sample.length > 5 ? `, … (${sample.length - 5} more)` : ''}` : '';
}

export async function main(inputs: Inputs, ctx: ActionContext, workerEntry?: string): Promise<void> {
  const root = ctx.resolvePath(inputs['working-directory']);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new ConfigError(`working-directory '${inputs['working-directory']}' is not a directory`);
  }
  const components = parseComponents(inputs.components);
  const extraKey = inputs['extra-key'] ?? '';
  const location = recordLocation(ctx, inputs['cache-key-prefix'], JSON.stringify({ components, directory: inputs['working-directory'] }));

  const restored = await ctx.cache.restore([location.directory], location.key, location.restoreKeys);
  const previous = restored.hit === 'miss' ? undefined : readRecord(location.directory);
  if (restored.hit !== 'miss' && !previous)
    ctx.log.warn(
      'The restored build record could not be read (damaged, or written by another version of this action); treating every component as changed.',
    );

  const started = performance.now();
  const run = await ctx.log.group('Hashing components', async () => {
    const hashed = await hashComponents(root, components, {
      extraKey,
      respectGitignore: inputs['respect-gitignore'],
      previous,
      workerEntry,
      progress: (line) => ctx.log.info(line),
    });
    ctx.log.info(
      `${hashed.files} files listed (${hashed.method === 'git' ? 'git index' : 'directory walk'}), ${hashed.filesRead} read and hashed, ${components.length} components, ${formatSeconds((performance.now() - started) / 1000)}`,
    );
    return hashed;
  });
  for (const name of run.empty) ctx.log.warn(`component '${name}' matches no files; check its globs`, { title: 'incremental-hash' });

  // The record (megabytes on a large tree) is written by a pool thread while this one reports.
  mkdirSync(location.directory, { recursive: true });
  rmSync(join(location.directory, LEGACY_RECORD_FILE), { force: true });
  const recordWritten = writeFile(join(location.directory, RECORD_FILE), serializeRecord(run.record));
  // Awaited below; should reporting fail first, that failure is the one to report.
  recordWritten.catch(() => undefined);

  const changed = run.results
    .filter((result) => result.changed)
    .map((result) => result.name)
    .sort();
  const unchanged = run.results
    .filter((result) => !result.changed)
    .map((result) => result.name)
    .sort();
  const hashes = Object.fromEntries(run.results.map((result) => [result.name, result.hash]));
  const include = run.results.filter((result) => result.changed).map((result) => ({ component: result.name, hash: result.hash }));
  if (include.length > MATRIX_LIMIT) ctx.log.warn(`${include.length} components changed; a job matrix holds at most ${MATRIX_LIMIT} jobs.`);

  ctx.setOutput('changed', changed);
  ctx.setOutput('unchanged', unchanged);
  ctx.setOutput('any-changed', changed.length > 0);
  ctx.setOutput('matrix', { include });
  ctx.setOutput('hashes', hashes);

  ctx.summary.heading('incremental-hash');
  ctx.summary.paragraph(
    `${changed.length} of ${run.results.length} components changed` +
      (previous
        ? ` since the last successful build (${restored.key})`
        : ' (no earlier successful build was found, so all count as changed)') +
      `. ${run.files} files, ${run.filesRead} read.`,
  );
  ctx.summary.table(
    ['component', 'status', 'why', 'files', 'hash'],
    run.results.map((result) => [
      result.name,
      result.changed ? '🔄 changed' : '✅ unchanged',
      [result.reasons.join('; '), describeFiles(result)].filter(Boolean).join(': '),
      result.fileCount,
      `\`${result.hash.slice(0, 12)}\``,
    ]),
  );
  ctx.metrics.record({
    components: run.results.length,
    components_changed: changed.length,
    files: run.files,
    files_hashed: run.filesRead,
    listing: run.method,
    hash_seconds: Math.round(performance.now() - started) / 1000,
  });
  await recordWritten;
  if (inputs.save) ctx.saveState('record', { directory: location.directory, key: location.key } satisfies SaveState);
}

export async function post(ctx: ActionContext): Promise<void> {
  const state = ctx.getState<SaveState>('record');
  if (!state) return;
  if (!existsSync(join(state.directory, RECORD_FILE))) {
    ctx.log.warn('No build record to save.');
    return;
  }
  const saved = await ctx.cache.save([state.directory], state.key);
  if (saved.saved) ctx.log.info(`Saved this build's record as ${state.key}`);
}
