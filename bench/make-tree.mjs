#!/usr/bin/env node
// Copied from the team's shared benchmark workloads (shared/bench/make-tree.mjs), this line added, so the benchmark runs on a fresh clone.
// Writes a deterministic source tree for hashing benchmarks: the same arguments give the same bytes.
// usage: make-tree.mjs DIR [--files 50000] [--components 20] [--seed 1]
// Layout: DIR/comp<i>/dir<j>/f<k>.txt, files spread evenly, sizes 100..8000 bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const dir = args[0];
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  return i > 0 ? Number(args[i + 1]) : dflt;
};
if (!dir) {
  console.error('usage: make-tree.mjs DIR [--files N] [--components N] [--seed N]');
  process.exit(2);
}
const files = flag('--files', 50000),
  components = flag('--components', 20),
  seed = flag('--seed', 1);

let s = seed >>> 0; // mulberry32
const rnd = () => {
  s = (s + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const perComponent = Math.ceil(files / components),
  perDir = 50;
let written = 0,
  bytes = 0;
for (let c = 0; c < components && written < files; c++) {
  for (let k = 0; k < perComponent && written < files; k++) {
    const d = join(dir, `comp${c}`, `dir${Math.floor(k / perDir)}`);
    if (k % perDir === 0) mkdirSync(d, { recursive: true });
    const size = 100 + Math.floor(rnd() * 7900);
    const buf = Buffer.allocUnsafe(size);
    for (let i = 0; i < size; i += 4) buf.writeUInt32LE((rnd() * 4294967296) >>> 0, Math.min(i, size - 4));
    writeFileSync(join(d, `f${k % perDir}.txt`), buf);
    written++;
    bytes += size;
  }
}
console.log(`${written} files, ${(bytes / 1048576).toFixed(1)} MiB, ${components} components in ${dir}`);
