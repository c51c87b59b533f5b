/**
 * The cache backend on a runner: GitHub's cache service through the real @actions/cache client.
 * Loaded only when used, because the client (HTTP, Azure SDK) is most of a bundle's start-up cost.
 *
 * The client never throws for a service failure: it writes its own `::warning::` (or, for some
 * 5xx, `::error::`) lines and returns a miss (restore) or -1 (save, also when the key exists).
 * So that a failing cache is exactly one warning from the core, and an existing key is not
 * mistaken for a failure (or the reverse), the backend runs each client call in an async context
 * whose workflow-command output it reads: warning and error lines are held back and become the
 * error the core warns about; the client's debug lines tell a 409 (the entry exists) from other
 * reservation failures and give the archive sizes for the metrics.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CacheBackend, RestoredEntry, SavedEntry } from './backend.js';

export function githubCacheServiceAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.ACTIONS_CACHE_SERVICE_V2 ? env.ACTIONS_RESULTS_URL : env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL);
}

/** What the client wrote while one call ran. */
export interface ClientTranscript {
  /** Messages of the `::warning::` / `::error::` lines, held back from the log. */
  problems: string[];
  /** Every other line (info, `::debug::` commands), which still reach the log. */
  lines: string[];
}

const transcripts = new AsyncLocalStorage<ClientTranscript>();
let stdoutFilterInstalled = false;

const PROBLEM_LINE = /^::(warning|error)(?: [^:]*)?::(.*)$/;

function unescapeData(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** Routes stdout writes made inside `captureClientOutput` into its transcript (once per process). */
function installStdoutFilter(): void {
  if (stdoutFilterInstalled) return;
  stdoutFilterInstalled = true;
  const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    const transcript = transcripts.getStore();
    if (!transcript || typeof chunk !== 'string') return write(chunk, ...rest);
    const kept: string[] = [];
    const lines = chunk.split('\n');
    const trailingNewline = lines.at(-1) === '';
    if (trailingNewline) lines.pop();
    for (const line of lines) {
      const problem = PROBLEM_LINE.exec(line.replace(/\r$/, ''));
      if (problem) transcript.problems.push(unescapeData(problem[2] ?? ''));
      else {
        transcript.lines.push(line.replace(/\r$/, ''));
        kept.push(line);
      }
    }
    if (kept.length === 0) {
      const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }
    return write(kept.join('\n') + (trailingNewline ? '\n' : ''), ...rest);
  }) as typeof process.stdout.write;
}

/** Runs one client call with its workflow-command output captured (see the module comment). */
export async function captureClientOutput<T>(work: () => Promise<T>): Promise<{ value: T; transcript: ClientTranscript }> {
  installStdoutFilter();
  const transcript: ClientTranscript = { problems: [], lines: [] };
  const value = await transcripts.run(transcript, work);
  return { value, transcript };
}

/** The client's last word on a failure, without its own "Failed to save: " framing. */
function problemOf(transcript: ClientTranscript): string | undefined {
  const last = transcript.problems.at(-1);
  return last?.replace(/^Failed to (save|restore): /, '');
}

/** A call that worked keeps what the client had to say: its held-back lines are written after all. */
function releaseProblems(transcript: ClientTranscript): void {
  for (const problem of transcript.problems.splice(0)) {
    process.stdout.write(`::warning::${problem.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
  }
}

function sizeFrom(transcript: ClientTranscript, pattern: RegExp): number | undefined {
  for (const line of transcript.lines) {
    const match = pattern.exec(line);
    if (match?.[1]) return Number(match[1]);
  }
  return undefined;
}

/** The save's outcome from the client's return value and transcript: saved, exists (undefined), or an error. */
export function interpretSave(id: number, transcript: ClientTranscript): SavedEntry | undefined {
  const bytes = sizeFrom(transcript, /^::debug::File Size: (\d+)$/);
  if (id !== -1) {
    releaseProblems(transcript);
    return { bytes };
  }
  const problem = problemOf(transcript);
  if (problem) throw new Error(problem);
  const reservation = transcript.lines.find((line) => line.startsWith('::debug::Failed to reserve cache: '));
  if (!reservation) throw new Error('the cache client did not save the entry');
  const detail = unescapeData(reservation.slice('::debug::Failed to reserve cache: '.length)).replace(/^Error: /, '');
  // The service answers 409 when an entry with this key and version exists: entries are immutable.
  if (/\(409\)|already exists/i.test(detail)) return undefined;
  throw new Error(`could not reserve the cache entry: ${detail}`);
}

/** The restore's outcome: the entry, a miss (undefined), or an error when the client warned. */
export function interpretRestore(key: string | undefined, transcript: ClientTranscript): RestoredEntry | undefined {
  if (key) {
    releaseProblems(transcript);
    return { key, bytes: sizeFrom(transcript, /^Cache Size: ~\d+ MB \((\d+) B\)$/) };
  }
  const problem = problemOf(transcript);
  if (problem) throw new Error(problem);
  return undefined;
}

export class GitHubCacheBackend implements CacheBackend {
  readonly name = 'github' as const;

  async restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<RestoredEntry | undefined> {
    const cache = await import('@actions/cache');
    const { value, transcript } = await captureClientOutput(() => cache.restoreCache(paths, primaryKey, restoreKeys));
    return interpretRestore(value, transcript);
  }

  async save(paths: string[], key: string): Promise<SavedEntry | undefined> {
    const cache = await import('@actions/cache');
    const { value, transcript } = await captureClientOutput(() => cache.saveCache(paths, key));
    return interpretSave(value, transcript);
  }
}
