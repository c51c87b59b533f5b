/**
 * Each action's README carries its inputs and outputs tables as generated from action.yml.
 * `npm run docs` rewrites them (UPDATE_DOCS=1); otherwise a stale table fails here.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateReadme } from '../src/core/action-docs.js';
import { readActionManifest } from '../src/core/local-runner.js';
import { ROOT } from './harness.js';

const actions = existsSync(join(ROOT, 'src/actions')) ? readdirSync(join(ROOT, 'src/actions')).sort() : [];

describe.each(actions)('%s/README.md', (name) => {
  it('lists the inputs and outputs of action.yml (run `npm run docs` to regenerate)', () => {
    const file = join(ROOT, name, 'README.md');
    const readme = readFileSync(file, 'utf8');
    const expected = updateReadme(readme, readActionManifest(join(ROOT, name)));
    if (process.env.UPDATE_DOCS === '1' && expected !== readme) writeFileSync(file, expected);
    else expect(readme).toBe(expected);
  });
});
