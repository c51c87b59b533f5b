/**
 * Hashes many files on every core: the main thread takes a share and worker threads (running this
 * same bundle, see index.ts) take the rest. Below a few thousand files, or where the bundle cannot
 * start workers (unit tests run TypeScript sources), everything is hashed on the main thread.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { identifyAll, type ObjectFormat } from './file-identity.js';

export const HASH_WORKER_MARKER = 'build-tools:incremental-hash:worker';

export interface HashJob {
  marker: typeof HASH_WORKER_MARKER;
  root: string;
  paths: string[];
  format: ObjectFormat;
}

const MIN_FILES_FOR_WORKERS = 2000;

/** Splits work so each share gets files from every folder (neighbours tend to be alike in size). */
function deal<T>(items: readonly T[], shares: number): T[][] {
  const hands: T[][] = Array.from({ length: shares }, () => []);
  items.forEach((item, index) => {
    hands[index % shares]?.push(item);
  });
  return hands;
}

export async function identifyFiles(
  root: string,
  paths: readonly string[],
  format: ObjectFormat,
  options: { workerEntry?: string; threads?: number } = {},
): Promise<(string | undefined)[]> {
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), 8));
  const entry = options.workerEntry;
  if (!entry || threads === 1 || paths.length < MIN_FILES_FOR_WORKERS) return identifyAll(root, paths, format);
  const indexes = deal(
    paths.map((_, index) => index),
    threads,
  );
  const [own, ...others] = indexes;
  const workers = others.map(
    (share) =>
      new Promise<(string | undefined)[]>((resolve, reject) => {
        const job: HashJob = { marker: HASH_WORKER_MARKER, root, paths: share.map((index) => paths[index] as string), format };
        const worker = new Worker(entry.startsWith('file:') ? fileURLToPath(entry) : entry, { workerData: job });
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => code !== 0 && reject(new Error(`hash worker exited with code ${code}`)));
      }),
  );
  const ownResults = identifyAll(
    root,
    (own ?? []).map((index) => paths[index] as string),
    format,
  );
  const results: (string | undefined)[] = new Array(paths.length);
  (own ?? []).forEach((pathIndex, position) => {
    results[pathIndex] = ownResults[position];
  });
  const shares = await Promise.all(workers);
  shares.forEach((identities, share) => {
    (others[share] ?? []).forEach((pathIndex, position) => {
      results[pathIndex] = identities[position];
    });
  });
  return results;
}

/** The worker's side: hash the job's files and hand the identities back. */
export function runHashWorker(job: HashJob, post: (identities: (string | undefined)[]) => void): void {
  post(identifyAll(job.root, job.paths, job.format));
}
