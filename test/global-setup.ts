/** Builds the core's probe action once per test run (tests of the core and harness run it as the runner would). */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: plain ESM build script without types
import { bundle } from '../scripts/build.mjs';
import { PROBE_ACTION_DIRECTORY, ROOT } from './harness.js';

export default async function setup(): Promise<void> {
  await bundle(join(ROOT, 'test/fixtures/probe-action/index.ts'), PROBE_ACTION_DIRECTORY, { sourceMap: false });
  copyFileSync(join(ROOT, 'test/fixtures/probe-action/action.yml'), join(PROBE_ACTION_DIRECTORY, 'action.yml'));
}
