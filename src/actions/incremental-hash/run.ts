/** Runs the action through the core (loaded by index.ts once git's listing has started). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAction } from '../../core/run.js';
import { HASH_WORKER_FILE } from './file-hashing.js';
import { inputs, outputs } from './inputs.js';
import { main, post } from './main.js';

const hashWorker = join(dirname(fileURLToPath(import.meta.url)), HASH_WORKER_FILE);
void runAction({ name: 'incremental-hash', inputs, outputs, main: (values, ctx) => main(values, ctx, hashWorker), post });
