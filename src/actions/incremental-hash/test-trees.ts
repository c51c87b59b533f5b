/** Shared test data and tree helpers for incremental-hash's tests (not part of the action). */
import {
  appendFileSync,
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

export const gitignoreFixtures: {
  name: string;
  gitignore: string;
  base: string;
  ignored: [string, boolean][];
  kept: [string, boolean][];
}[] = [
  {
    name: 'a name without a slash matches at any depth',
    gitignore: 'node_modules\n*.log\n',
    base: '',
    ignored: [
      ['node_modules', true],
      ['a/b/node_modules', true],
      ['debug.log', false],
      ['x/y/z.log', false],
    ],
    kept: [
      ['src/log.ts', false],
      ['logs', true],
    ],
  },
  {
    name: 'a leading or inner slash anchors to the .gitignore folder',
    gitignore: '/build\ndocs/*.pdf\n',
    base: 'pkg',
    ignored: [
      ['pkg/build', true],
      ['pkg/docs/a.pdf', false],
    ],
    kept: [
      ['pkg/src/build', true],
      ['build', true],
      ['pkg/docs/deep/a.pdf', false],
    ],
  },
  {
    name: 'a trailing slash matches folders only, and ! re-includes',
    gitignore: 'out/\n*.tmp\n!keep.tmp\n# comment\n\n',
    base: '',
    ignored: [
      ['out', true],
      ['a.tmp', false],
    ],
    kept: [
      ['out', false],
      ['keep.tmp', false],
      ['# comment', false],
    ],
  },
];

/** A small deterministic random source (mulberry32). */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    int: (max: number) => Math.floor(next() * max),
  };
}

export const MUTATIONS = ['edit-byte', 'append', 'delete', 'add', 'rename', 'chmod', 'retarget-symlink'] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Writes `components` folders of `filesPerComponent` files each, plus one symlink per component. */
export function writeTree(root: string, components: number, filesPerComponent: number): void {
  for (let component = 0; component < components; component++) {
    const folder = join(root, `comp${component}`, 'src');
    mkdirSync(folder, { recursive: true });
    for (let file = 0; file < filesPerComponent; file++)
      writeFileSync(join(folder, `f${file}.txt`), `component ${component} file ${file}\n`);
    symlinkSync(`src/f0.txt`, join(root, `comp${component}`, 'link'));
  }
}

function filesOf(root: string, component: string): string[] {
  return readdirSync(join(root, component, 'src')).map((name) => join(component, 'src', name));
}

/** Applies `mutation` to the component's files; returns false when it could not apply (e.g. nothing to delete). */
export function mutate(
  root: string,
  component: string,
  mutation: Mutation,
  random: ReturnType<typeof randomSource>,
  serial: number,
): boolean {
  const files = filesOf(root, component);
  const target = files.length ? join(root, random.pick(files)) : undefined;
  switch (mutation) {
    case 'edit-byte': {
      if (!target) return false;
      const bytes = readFileSync(target);
      if (bytes.length === 0) return false;
      const at = random.int(bytes.length);
      bytes[at] = ((bytes[at] ?? 0) + 1 + random.int(250)) % 256;
      writeFileSync(target, bytes);
      return true;
    }
    case 'append':
      if (!target) return false;
      appendFileSync(target, `more ${serial}\n`);
      return true;
    case 'delete':
      if (!target || files.length < 2) return false;
      unlinkSync(target);
      return true;
    case 'add':
      writeFileSync(join(root, component, 'src', `new-${serial}.txt`), `new ${serial}\n`);
      return true;
    case 'rename':
      if (!target) return false;
      renameSync(target, join(root, component, 'src', `renamed-${serial}.txt`));
      return true;
    case 'chmod': {
      if (!target) return false;
      const { mode } = lstatSync(target);
      chmodSync(target, mode & 0o100 ? 0o644 : 0o755);
      return true;
    }
    case 'retarget-symlink': {
      const link = join(root, component, 'link');
      const others = filesOf(root, component).map((file) => file.slice(component.length + 1));
      const current = existsSync(link) ? readlinkSync(link) : '';
      const choices = others.filter((file) => file !== current);
      if (!choices.length) return false;
      rmSync(link, { force: true });
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(random.pick(choices), link);
      return true;
    }
  }
}
