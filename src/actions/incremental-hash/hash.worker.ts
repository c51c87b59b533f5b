/**
 * The hashing worker: hashes each batch of paths it is sent and answers with their identities.
 * Bundled on its own (scripts/build.mjs bundles every `*.worker.ts` beside an action's entry) so a
 * worker starts without loading the action's whole bundle.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { HashWorkerData } from './file-hashing.js';
import { identifyAll } from './file-identity.js';

const { root, format } = workerData as HashWorkerData;
parentPort?.on('message', (paths: string[]) => parentPort?.postMessage(identifyAll(root, paths, format)));
