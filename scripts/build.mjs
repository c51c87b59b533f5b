#!/usr/bin/env node
// Compiles each action (src/actions/<name>/index.ts) and the CLI into dist/<name>/ with ncc:
// one ESM bundle per action (main and post), unminified, with a source map, reproducible.
// Heavy dependencies loaded with import() land in their own chunk files beside index.js.
// usage: node scripts/build.mjs [name ...]   (default: every action and the CLI)
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function compile(entry, options) {
  const ncc = require('@vercel/ncc');
  try {
    return await ncc(entry, {
      sourceMapRegister: false,
      minify: false,
      quiet: true,
      target: 'es2023',
      cache: false,
      transpileOnly: true,
      ...options,
    });
  } catch (error) {
    // ncc's errors carry its own minified source; keep the lines that say what is wrong.
    const lines = String(error?.message ?? error)
      .split('\n')
      .filter((line) => !line.startsWith('(function'));
    throw new Error(`ncc could not bundle ${relative(root, entry)}:\n${lines.slice(0, 8).join('\n').slice(0, 3000)}`);
  }
}

/**
 * Bundles `entry` into `out` (replacing it); returns the bundle's size in bytes. A `<name>.worker.ts`
 * beside the entry becomes `<name>.worker.js` of its own, so a worker thread does not load the
 * action's whole bundle to start.
 */
export async function bundle(entry, out, { sourceMap = true } = {}) {
  const { code, map, assets } = await compile(entry, { sourceMap, license: 'licenses.txt' });
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'index.js'), code);
  if (map) writeFileSync(join(out, 'index.js.map'), withoutDependencySources(map));
  for (const file of readdirSync(dirname(entry))
    .filter((name) => name.endsWith('.worker.ts'))
    .sort()) {
    const worker = await compile(join(dirname(entry), file), { sourceMap });
    const name = file.replace(/\.ts$/, '.js');
    if (Object.keys(worker.assets ?? {}).some((asset) => asset !== 'package.json' && asset !== 'index.js.map')) {
      throw new Error(`${file} loads chunks or assets of its own; a worker bundle must be one file`);
    }
    writeFileSync(join(out, name), worker.code.replace(/\/\/# sourceMappingURL=index\.js\.map\s*$/, `//# sourceMappingURL=${name}.map\n`));
    if (worker.map) writeFileSync(join(out, `${name}.map`), withoutDependencySources(worker.map));
  }
  for (const [file, asset] of Object.entries(assets ?? {})) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), file.endsWith('.map') ? withoutDependencySources(asset.source) : asset.source);
  }
  // The bundle is ESM: node needs to be told, as for any .js file.
  if (!existsSync(join(out, 'package.json'))) writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  return code.length;
}

/**
 * Source maps keep our own sources (so a stack trace in a log points at src/) but not the text of
 * node_modules: mappings still name the dependency's file, and its text is in the lockfile's
 * version. Dependencies' text made up most of dist/ (the Kubernetes client alone ~20 MB).
 */
function withoutDependencySources(mapText) {
  const map = JSON.parse(String(mapText));
  if (Array.isArray(map.sourcesContent)) {
    map.sourcesContent = map.sourcesContent.map((text, index) => (map.sources[index]?.includes('node_modules/') ? null : text));
  }
  return JSON.stringify(map);
}

export function buildTargets() {
  const targets = new Map();
  const actionsDirectory = join(root, 'src', 'actions');
  if (existsSync(actionsDirectory)) {
    for (const name of readdirSync(actionsDirectory).sort()) {
      const entry = join(actionsDirectory, name, 'index.ts');
      if (existsSync(entry)) targets.set(name, entry);
    }
  }
  targets.set('cli', join(root, 'src', 'cli', 'index.ts'));
  return targets;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const targets = buildTargets();
  const wanted = process.argv.slice(2);
  for (const name of wanted) if (!targets.has(name)) throw new Error(`nothing to build named ${name}`);
  for (const [name, entry] of targets) {
    if (wanted.length && !wanted.includes(name)) continue;
    const started = performance.now();
    const bytes = await bundle(entry, join(root, 'dist', name));
    console.log(`dist/${name}: ${(bytes / 1024).toFixed(0)} KiB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}
