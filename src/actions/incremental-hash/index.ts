import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runAction } from '../../core/run.js';
import { HASH_WORKER_MARKER, type HashJob, runHashWorker } from './file-hashing.js';
import { inputs, outputs } from './inputs.js';
import { main, post } from './main.js';

// The same bundle serves as the hashing worker, so workers need no file of their own in dist/.
if (!isMainThread && (workerData as HashJob | undefined)?.marker === HASH_WORKER_MARKER) {
  runHashWorker(workerData as HashJob, (identities) => parentPort?.postMessage(identities));
} else {
  void runAction({ name: 'incremental-hash', inputs, outputs, main: (values, ctx) => main(values, ctx, import.meta.url), post });
}
