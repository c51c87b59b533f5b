/**
 * Hashes files as they are found. Small sets are hashed on this thread once listing is done. Past a
 * few thousand files, worker threads (hash.worker.ts, a bundle of its own) start — one fewer than
 * the cores, since this thread hashes too once its walk is done — and are fed batches while the
 * caller is still walking the tree, so reading and hashing overlap the walk and use every core.
 * Batches wait in one queue that this thread and the workers take from, so all finish together.
 * Where the bundle cannot start workers (unit tests run TypeScript sources), or a worker stops,
 * this thread hashes what is left.
 */
import { availableParallelism } from 'node:os';
import type { MessagePort, Worker } from 'node:worker_threads';
import { identifyAll, type ObjectFormat, pathBase } from './file-identity.js';

/** The worker's file name beside the action's bundle. */
export const HASH_WORKER_FILE = 'hash.worker.js';

export interface HashWorkerData {
  /** From pathBase: what the paths are relative to. */
  base: string;
  format: ObjectFormat;
  /** Batches of paths arrive here; their identities are answered on it, in order. */
  port: MessagePort;
}

const MIN_FILES_FOR_WORKERS = 2000;
/** Paths per batch: large enough that messaging is cheap, small enough that everyone finishes together. */
const BATCH = 256;
/** Batches a worker holds at once, so it never waits while this thread is busy with a batch of its own. */
const IN_FLIGHT = 3;

interface HashWorker {
  worker: Worker;
  port: MessagePort;
  /** Where the batches sent and not yet answered start, in the order the worker answers them. */
  pending: number[];
}

/** What was hashed: every path added, in the order added, and its identity. */
export interface HashedFiles {
  paths: string[];
  /** identities[i] is paths[i]'s; undefined for a file that vanished or is not a file or symlink. */
  identities: (string | undefined)[];
}

/** Whether the worker has stopped: its thread id is -1 from then on (possibly before its 'exit' event). */
function stopped(hashWorker: HashWorker): boolean {
  return hashWorker.worker.threadId === -1;
}

/** worker_threads, loaded when first needed: most runs in a checkout read too few files to start workers. */
function threads(): typeof import('node:worker_threads') {
  return process.getBuiltinModule('node:worker_threads');
}

/**
 * Batches are ranges of the paths added, named by where they start; answers are written into one
 * array at the same positions. With the walk's order kept, a component's files are a range of the
 * paths (on 50,000 files the components' texts took 10 ms this way, 33 ms through a path → identity map).
 */
export class FileHasher {
  private readonly threads: number;
  private readonly base: string;
  private readonly files: HashedFiles = { paths: [], identities: [] };
  /** Paths before this position are queued or hashed. */
  private queuedUpTo = 0;
  /** Starts of the batches nobody has taken yet. */
  private readonly queue: number[] = [];
  private workers: HashWorker[] | undefined;

  /** `options.workerEntry`: the path of the worker's bundle; without it everything is hashed on this thread. */
  constructor(
    root: string,
    private readonly format: ObjectFormat,
    private readonly options: { workerEntry?: string; threads?: number } = {},
  ) {
    this.base = pathBase(root);
    this.threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), 8));
  }

  /** How many paths were added. */
  get added(): number {
    return this.files.paths.length;
  }

  /** Queues `path` (relative to the root) for hashing. */
  add(path: string): void {
    const count = this.files.paths.push(path);
    if (count - this.queuedUpTo < BATCH) return;
    if (!this.workers) {
      if (!this.options.workerEntry || this.threads < 2 || count < MIN_FILES_FOR_WORKERS) return;
      this.workers = Array.from({ length: this.threads - 1 }, () => this.startWorker(this.options.workerEntry as string));
    }
    this.queueAdded();
    this.dispatch();
  }

  /** Every path added and its identity, in the order added. */
  async finish(): Promise<HashedFiles> {
    this.queueAdded(true);
    try {
      for (;;) {
        this.dispatch();
        const start = this.queue.shift();
        if (start === undefined) break;
        this.hashHere(start);
      }
      await Promise.all((this.workers ?? []).map((hashWorker) => this.drain(hashWorker)));
    } finally {
      for (const { worker } of this.workers ?? []) void worker.terminate();
    }
    return this.files;
  }

  /** Queues the whole batches added so far, and with `all` the last, short one: a batch is the BATCH paths from its start, or up to the end. */
  private queueAdded(all = false): void {
    const count = this.files.paths.length;
    for (; count - this.queuedUpTo >= BATCH || (all && this.queuedUpTo < count); this.queuedUpTo += BATCH) this.queue.push(this.queuedUpTo);
  }

  private batch(start: number): string[] {
    return this.files.paths.slice(start, start + BATCH);
  }

  private hashHere(start: number): void {
    this.answer(start, identifyAll(this.base, this.batch(start), this.format));
  }

  private answer(start: number, identities: (string | undefined)[]): void {
    for (let index = 0; index < identities.length; index++) this.files.identities[start + index] = identities[index];
  }

  /** Takes in what workers have answered, without waiting, and tops each up from the queue. */
  private dispatch(): void {
    if (!this.workers) return;
    const { receiveMessageOnPort } = threads();
    for (const hashWorker of this.workers) {
      for (let received = receiveMessageOnPort(hashWorker.port); received; received = receiveMessageOnPort(hashWorker.port)) {
        this.answer(hashWorker.pending.shift() as number, received.message as (string | undefined)[]);
      }
      if (stopped(hashWorker)) continue;
      while (hashWorker.pending.length < IN_FLIGHT && this.queue.length) {
        const start = this.queue.shift() as number;
        hashWorker.pending.push(start);
        hashWorker.port.postMessage(this.batch(start));
      }
    }
  }

  /** Waits for the worker's remaining answers; if it stops first, hashes its batches here. */
  private drain(hashWorker: HashWorker): Promise<void> | void {
    const reclaim = () => {
      for (const start of hashWorker.pending.splice(0)) this.hashHere(start);
    };
    if (stopped(hashWorker)) return reclaim();
    if (!hashWorker.pending.length) return;
    return new Promise((resolve) => {
      const done = () => {
        hashWorker.port.off('message', onMessage);
        hashWorker.worker.off('exit', onExit);
        resolve();
      };
      const onMessage = (identities: (string | undefined)[]) => {
        this.answer(hashWorker.pending.shift() as number, identities);
        if (!hashWorker.pending.length) done();
      };
      const onExit = () => {
        reclaim();
        done();
      };
      hashWorker.port.on('message', onMessage);
      hashWorker.worker.on('exit', onExit);
    });
  }

  private startWorker(entry: string): HashWorker {
    const { MessageChannel, Worker } = threads();
    const { port1, port2 } = new MessageChannel();
    const workerData: HashWorkerData = { base: this.base, format: this.format, port: port2 };
    const worker = new Worker(entry, { workerData, transferList: [port2] });
    const hashWorker: HashWorker = { worker, port: port1, pending: [] };
    // A worker that fails to start or throws only costs speed: its batches are hashed here.
    worker.on('error', () => undefined);
    return hashWorker;
  }
}
