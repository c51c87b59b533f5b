/**
 * Hashes files as they are found. Small sets are hashed on this thread once listing is done; past
 * a few thousand files, worker threads (hash.worker.ts, a bundle of its own) start and are fed
 * batches while the caller is still walking the tree, so reading and hashing overlap the walk and
 * use every core. Where the bundle cannot start workers (unit tests run TypeScript sources),
 * everything is hashed on this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { identifyAll, type ObjectFormat } from './file-identity.js';

/** The worker's file name beside the action's bundle. */
export const HASH_WORKER_FILE = 'hash.worker.js';

export interface HashWorkerData {
  root: string;
  format: ObjectFormat;
}

const MIN_FILES_FOR_WORKERS = 2000;
/** Paths per message: large enough that messaging is cheap, small enough that workers finish together. */
const BATCH = 256;

interface HashWorker {
  worker: Worker;
  /** Resolvers of the batches sent to this worker, in the order it answers them. */
  waiting: { resolve: (identities: (string | undefined)[]) => void; reject: (error: Error) => void }[];
}

export class FileHasher {
  private readonly threads: number;
  private count = 0;
  private unsent: string[] = [];
  private workers: HashWorker[] | undefined;
  private nextWorker = 0;
  private readonly batches: { paths: string[]; identities: Promise<(string | undefined)[]> }[] = [];

  /** `options.workerEntry`: the path of the worker's bundle; without it everything is hashed on this thread. */
  constructor(
    private readonly root: string,
    private readonly format: ObjectFormat,
    private readonly options: { workerEntry?: string; threads?: number } = {},
  ) {
    this.threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), 8));
  }

  /** How many paths were added. */
  get added(): number {
    return this.count;
  }

  /** Queues `path` (relative to the root) for hashing. */
  add(path: string): void {
    this.count++;
    this.unsent.push(path);
    if (this.workers) {
      if (this.unsent.length >= BATCH) this.send();
    } else if (this.options.workerEntry && this.threads > 1 && this.unsent.length >= MIN_FILES_FOR_WORKERS) {
      this.workers = Array.from({ length: this.threads }, () => this.startWorker(this.options.workerEntry as string));
      this.send();
    }
  }

  /** Path → identity (undefined for files that vanished or are not files) of everything added. */
  async finish(): Promise<Map<string, string | undefined>> {
    const identities = new Map<string, string | undefined>();
    try {
      if (this.workers) this.send();
      else this.batches.push({ paths: this.unsent, identities: Promise.resolve(identifyAll(this.root, this.unsent, this.format)) });
      this.unsent = [];
      for (const batch of this.batches) {
        const found = await batch.identities;
        batch.paths.forEach((path, index) => {
          identities.set(path, found[index]);
        });
      }
    } finally {
      for (const { worker } of this.workers ?? []) void worker.terminate();
    }
    return identities;
  }

  /** Deals the unsent paths to the workers in batches, round-robin. */
  private send(): void {
    const workers = this.workers as HashWorker[];
    for (let start = 0; start < this.unsent.length; start += BATCH) {
      const paths = this.unsent.slice(start, start + BATCH);
      const target = workers[this.nextWorker++ % workers.length] as HashWorker;
      const identities = new Promise<(string | undefined)[]>((resolve, reject) => target.waiting.push({ resolve, reject }));
      // Awaited in order by finish(); a failure there must not also surface as an unhandled rejection.
      identities.catch(() => undefined);
      target.worker.postMessage(paths);
      this.batches.push({ paths, identities });
    }
    this.unsent = [];
  }

  private startWorker(entry: string): HashWorker {
    const workerData: HashWorkerData = { root: this.root, format: this.format };
    const worker = new Worker(entry, { workerData });
    const hashWorker: HashWorker = { worker, waiting: [] };
    const failAll = (error: Error) => {
      for (const { reject } of hashWorker.waiting.splice(0)) reject(error);
    };
    worker.on('message', (identities: (string | undefined)[]) => hashWorker.waiting.shift()?.resolve(identities));
    worker.once('error', failAll);
    worker.once('exit', (code) => failAll(new Error(`hash worker exited with code ${code}`)));
    return hashWorker;
  }
}
