/**
 * The hashing worker: hashes each batch of paths it is sent and answers with their identities, on the
 * port it was given (the main thread takes answers from it without waiting, between batches of its
 * own). Bundled on its own (scripts/build.mjs bundles every `*.worker.ts` beside an action's entry) so
 * a worker starts without loading the action's whole bundle.
 */
import { workerData } from 'node:worker_threads';
import type { HashWorkerData } from './file-hashing.js';
import { identifyAll } from './file-identity.js';

const { base, format, port } = workerData as HashWorkerData;
port.on('message', (paths: string[]) => port.postMessage(identifyAll(base, paths, format)));
