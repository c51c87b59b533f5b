/**
 * Exactness under random change: after each random mutation of random components, exactly the
 * mutated components are reported changed — over 500 trials in a plain directory and 500 in a git
 * checkout with uncommitted (sometimes staged, sometimes committed) changes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseComponents } from './components.js';
import { hashComponents } from './main.js';
import type { BuildRecord } from './record.js';
import { MUTATIONS, mutate, randomSource, writeTree } from './test-trees.js';

const COMPONENTS = 6;
const TRIALS = 500;
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const components = parseComponents(
  Object.fromEntries(Array.from({ length: COMPONENTS }, (_, index) => [`comp${index}`, `comp${index}/**`])),
);
const git = (root: string, ...args: string[]) => execFileSync('git', ['-C', root, ...args], { stdio: 'pipe' });

async function trials(root: string, seed: number, inGit: boolean): Promise<void> {
  const random = randomSource(seed);
  let previous: BuildRecord | undefined = (await hashComponents(root, components, { extraKey: '', respectGitignore: true, threads: 1 }))
    .record;
  for (let trial = 0; trial < TRIALS; trial++) {
    const mutated = new Set<string>();
    const count = 1 + random.int(3);
    for (let index = 0; index < count; index++) {
      const component = `comp${random.int(COMPONENTS)}`;
      for (let attempt = 0; attempt < 10; attempt++) {
        if (mutate(root, component, random.pick(MUTATIONS), random, trial * 10 + index)) {
          mutated.add(component);
          break;
        }
      }
    }
    // Touching a file without changing it must not count.
    const touched = join(root, `comp${random.int(COMPONENTS)}`, 'link');
    const now = new Date(Date.now() + trial * 1000);
    try {
      utimesSync(touched, now, now);
    } catch {
      // a dangling link cannot be touched through; nothing to check then
    }
    if (inGit && random.next() < 0.15) git(root, 'add', '-A');
    if (inGit && random.next() < 0.1) git(root, 'commit', '-qm', `trial ${trial}`, '--allow-empty');
    const run = await hashComponents(root, components, { extraKey: '', respectGitignore: true, previous, threads: 1 });
    const changed = run.results.filter((result) => result.changed).map((result) => result.name);
    expect(changed, `trial ${trial}`).toEqual([...mutated].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4))));
    if (inGit) {
      expect(run.method).toBe('git');
      // Taken from git's index or read from disk, the same files hash the same.
      if (trial % 5 === 0) {
        const walked = await hashComponents(root, components, { extraKey: '', respectGitignore: false, threads: 1 });
        expect(walked.method).toBe('walk');
        expect(
          walked.results.map((result) => result.hash),
          `trial ${trial}`,
        ).toEqual(run.results.map((result) => result.hash));
      }
    }
    previous = run.record;
  }
}

describe('randomized exactness', () => {
  it(`reports exactly the mutated components over ${TRIALS} trials in a plain directory`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'ih-plain-'));
    folders.push(root);
    writeTree(root, COMPONENTS, 8);
    await trials(root, 1, false);
  });

  it(`reports exactly the mutated components over ${TRIALS} trials in a git checkout with uncommitted changes`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'ih-git-'));
    folders.push(root);
    writeTree(root, COMPONENTS, 8);
    git(root, 'init', '-q');
    git(root, '-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '-A');
    git(root, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'initial');
    git(root, 'config', 'user.name', 't');
    git(root, 'config', 'user.email', 't@t');
    await trials(root, 2, true);
  });
});
