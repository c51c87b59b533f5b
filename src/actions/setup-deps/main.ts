/**
 * setup-deps: system packages (apt/brew), Node dependencies with the lockfile's package manager, and
 * Python requirements with uv or pip — each with its download cache (restore-keys for partial hits)
 * and, opt-in, the installed tree restored on an exact key only. Caches are saved by the post step,
 * only on a miss and only when the install succeeded.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionContext } from '../../core/context.js';
import { ConfigError } from '../../core/errors.js';
import { type Command, which } from '../../core/exec.js';
import { formatSeconds } from '../../core/metrics/summary.js';
import type { Inputs } from './inputs.js';
import { nodeMeetsMinimum, planNode, planPython, planSystem } from './plans.js';
import { PYTHON_AND_PIP_VERSION_SCRIPT, versionBesideExecutable } from './tool-version.js';

type CacheHit = true | false | 'partial' | null;

interface PendingSave {
  paths: string[];
  key: string;
}

interface Row {
  ecosystem: string;
  tool: string;
  what: string;
  seconds: number;
  cache: string;
}

function hashFiles(root: string, files: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) hash.update(`${file}\0`).update(readFileSync(join(root, file)));
  return hash.digest('hex').slice(0, 24);
}

async function output(ctx: ActionContext, command: Command, cwd: string): Promise<string> {
  return (await ctx.exec(command.program, command.args, { cwd, silent: true })).stdout.trim();
}

function osIdentity(ctx: ActionContext): string {
  if (ctx.runner.os === 'Linux' && existsSync('/etc/os-release')) {
    const release = readFileSync('/etc/os-release', 'utf8');
    const id = /^ID="?([^"\n]+)/m.exec(release)?.[1] ?? 'linux';
    const version = /^VERSION_ID="?([^"\n]+)/m.exec(release)?.[1] ?? '';
    return `${id}${version}`;
  }
  return ctx.runner.os.toLowerCase();
}

function describeHit(hit: CacheHit): string {
  return hit === true ? 'hit' : hit === 'partial' ? 'partial hit' : hit === false ? 'miss' : 'off';
}

async function run(ctx: ActionContext, command: Command, cwd: string, title: string): Promise<void> {
  await ctx.exec(command.program, command.args, { cwd, group: title, env: { COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' } });
}

async function setupSystem(inputs: Inputs, ctx: ActionContext, root: string, saves: PendingSave[], rows: Row[]): Promise<CacheHit> {
  const packages = inputs['system-packages'] ?? [];
  const started = performance.now();
  const archives = join(ctx.runner.temp, 'setup-deps', 'apt-archives');
  const listsPresent = existsSync('/var/lib/apt/lists') && readdirSync('/var/lib/apt/lists').some((name) => name.endsWith('_Packages'));
  let plan: ReturnType<typeof planSystem>;
  try {
    plan = planSystem({ os: ctx.runner.os, packages, root: process.getuid?.() === 0, archives, listsPresent });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  let hit: CacheHit = null;
  const key = `setup-deps-${plan.manager}-${osIdentity(ctx)}-${createHash('sha256')
    .update([...packages].sort().join('\n'))
    .digest('hex')
    .slice(0, 16)}`;
  if (inputs.cache && plan.archives) {
    mkdirSync(join(plan.archives, 'partial'), { recursive: true });
    const restored = await ctx.cache.restore([plan.archives], key, [`setup-deps-${plan.manager}-${osIdentity(ctx)}-`]);
    hit = restored.hit === 'exact' ? true : restored.hit === 'partial' ? 'partial' : false;
  }
  for (const [index, command] of plan.commands.entries())
    await run(
      ctx,
      command,
      root,
      `${plan.manager}: ${index === plan.commands.length - 1 ? `install ${packages.join(' ')}` : 'update package lists'}`,
    );
  if (inputs.cache && plan.archives && hit !== true) saves.push({ paths: [plan.archives], key });
  rows.push({
    ecosystem: 'system',
    tool: plan.manager,
    what: packages.join(', '),
    seconds: (performance.now() - started) / 1000,
    cache: describeHit(hit),
  });
  return hit;
}

/**
 * The caching every ecosystem shares: the installed tree on an exact key only (a hit skips the
 * install), else the download cache with restore-keys, then the install; what missed is saved in post.
 */
async function installWithCaches(
  ctx: ActionContext,
  inputs: Inputs,
  root: string,
  saves: PendingSave[],
  options: { base: string; lockHash: string; installedTree?: string; cacheFolder: Command; install: Command; title: string },
): Promise<{ hit: CacheHit; installedHit: boolean }> {
  const installedKey = `${options.base}installed-${options.lockHash}`;
  const cacheInstalled = inputs.cache && inputs['cache-installed'] && options.installedTree;
  if (cacheInstalled && (await ctx.cache.restore([options.installedTree as string], installedKey)).hit === 'exact') {
    return { hit: true, installedHit: true };
  }
  let hit: CacheHit = null;
  let cacheFolder: string | undefined;
  if (inputs.cache) {
    cacheFolder = await output(ctx, options.cacheFolder, root);
    const restored = await ctx.cache.restore([cacheFolder], `${options.base}${options.lockHash}`, [options.base]);
    hit = restored.hit === 'exact' ? true : restored.hit === 'partial' ? 'partial' : false;
  }
  await run(ctx, options.install, root, options.title);
  if (cacheFolder && hit !== true) saves.push({ paths: [cacheFolder], key: `${options.base}${options.lockHash}` });
  if (cacheInstalled) saves.push({ paths: [options.installedTree as string], key: installedKey });
  return { hit, installedHit: false };
}

async function setupNode(
  inputs: Inputs,
  ctx: ActionContext,
  root: string,
  files: Set<string>,
  saves: PendingSave[],
  rows: Row[],
): Promise<{ hit: CacheHit; manager: string; version: string }> {
  const started = performance.now();
  if (!which('node'))
    throw new ConfigError(
      `Node.js is not on PATH; install Node ${inputs['node-version']} or newer (e.g. with actions/setup-node) before this step`,
    );
  const version = await output(ctx, { program: 'node', args: ['--version'] }, root);
  if (!nodeMeetsMinimum(version, inputs['node-version'])) {
    throw new ConfigError(
      `Node ${version} is older than the minimum node-version ${inputs['node-version']}; install a newer Node before this step`,
    );
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { packageManager?: string; workspaces?: unknown };
  const plan = planNode(
    files,
    manifest.packageManager,
    inputs['package-manager'],
    files.has('yarn.lock') ? readFileSync(join(root, 'yarn.lock'), 'utf8') : '',
  );
  if (!plan.reproducible)
    ctx.log.warn(
      `No lockfile for ${plan.manager} in ${inputs['working-directory']}: running '${plan.install.program} ${plan.install.args.join(' ')}', which is not reproducible. Commit a lockfile.`,
    );
  if (plan.manager !== 'npm' && (plan.pinned || !which(plan.manager))) {
    // The package manager named by packageManager comes from corepack, before its cache path is asked for.
    await run(ctx, { program: 'corepack', args: ['enable'] }, root, 'corepack enable');
    if (plan.pinned)
      await run(ctx, { program: 'corepack', args: ['prepare', plan.pinned, '--activate'] }, root, `corepack prepare ${plan.pinned}`);
  }
  const toolVersion =
    versionBesideExecutable(plan.manager, which(plan.manager)) ?? (await output(ctx, { program: plan.manager, args: ['--version'] }, root));
  const lockHash = hashFiles(root, plan.lockfile ? [plan.lockfile] : ['package.json']);
  const base = `setup-deps-node-${osIdentity(ctx)}-node${version.split('.')[0]}-${plan.manager}${toolVersion}-`;
  const { hit, installedHit } = await installWithCaches(ctx, inputs, root, saves, {
    base,
    lockHash,
    installedTree: join(root, 'node_modules'),
    cacheFolder: plan.cacheDirectory,
    install: plan.install,
    title: `${plan.manager}: ${plan.install.program} ${plan.install.args.join(' ')}`,
  });
  if (installedHit) ctx.log.info(`node_modules restored for this exact lockfile; skipping ${plan.manager} install.`);
  rows.push({
    ecosystem: 'node',
    tool: `${plan.manager} ${toolVersion} (Node ${version})`,
    what: installedHit ? 'node_modules restored' : `${plan.install.program} ${plan.install.args.join(' ')}`,
    seconds: (performance.now() - started) / 1000,
    cache: installedHit ? 'installed tree hit' : describeHit(hit),
  });
  return { hit, manager: plan.manager, version };
}

async function setupPython(
  inputs: Inputs,
  ctx: ActionContext,
  root: string,
  files: Set<string>,
  saves: PendingSave[],
  rows: Row[],
): Promise<{ hit: CacheHit; installer: string }> {
  const started = performance.now();
  const python = which('python3') ? 'python3' : which('python') ? 'python' : undefined;
  if (!python) throw new ConfigError('Python is not on PATH; install it (e.g. with actions/setup-python) before this step');
  const requirements = inputs['python-requirements'].filter((file) => existsSync(join(root, file)));
  const missing = inputs['python-requirements'].filter((file) => !existsSync(join(root, file)));
  if (!requirements.length && !files.has('pyproject.toml')) {
    throw new ConfigError(
      `python is on, but none of python-requirements (${inputs['python-requirements'].join(', ')}) exists and there is no pyproject.toml`,
    );
  }
  if (missing.length && requirements.length) ctx.log.warn(`python-requirements not found, skipped: ${missing.join(', ')}`);
  const plan = planPython({
    requested: inputs['python-installer'],
    uvAvailable: Boolean(which('uv')),
    python,
    requirements,
    inVirtualEnv: Boolean(process.env.VIRTUAL_ENV),
    compile: inputs['python-compile'] ?? [],
  });
  if (!requirements.length) plan.install.args.push('.');
  if (plan.fallback) ctx.log.warn(plan.fallback);
  // One Python start for both versions; `python -m pip --version` (importing pip, ~0.4 s) only when pip's metadata is unreadable.
  const [interpreter, pipMetadata] = (await output(ctx, { program: python, args: ['-c', PYTHON_AND_PIP_VERSION_SCRIPT] }, root))
    .split('\n')
    .map((line) => line.trim());
  const pythonVersion = interpreter || 'unknown';
  const toolVersion =
    plan.installer === 'uv'
      ? await output(ctx, { program: 'uv', args: ['--version'] }, root)
      : pipMetadata || (await output(ctx, { program: python, args: ['-m', 'pip', '--version'] }, root)).split(' ')[1];
  const lockHash = hashFiles(root, requirements.length ? requirements : ['pyproject.toml']);
  const base = `setup-deps-python-${osIdentity(ctx)}-py${pythonVersion}-${plan.installer}${toolVersion}-`;
  const { hit, installedHit } = await installWithCaches(ctx, inputs, root, saves, {
    base,
    lockHash,
    installedTree: process.env.VIRTUAL_ENV,
    cacheFolder: plan.cacheDirectory,
    install: plan.install,
    title: `${plan.installer}: install ${requirements.join(', ') || '.'}`,
  });
  if (plan.compile) await run(ctx, plan.compile, root, `compileall ${(inputs['python-compile'] ?? []).join(' ')}`);
  rows.push({
    ecosystem: 'python',
    tool: `${plan.installer} ${toolVersion} (Python ${pythonVersion})`,
    what: installedHit ? 'virtualenv restored' : requirements.join(', ') || 'pyproject.toml',
    seconds: (performance.now() - started) / 1000,
    cache: installedHit ? 'installed tree hit' : describeHit(hit),
  });
  return { hit, installer: plan.installer };
}

export async function main(inputs: Inputs, ctx: ActionContext): Promise<void> {
  const root = ctx.resolvePath(inputs['working-directory']);
  if (!existsSync(root)) throw new ConfigError(`working-directory '${inputs['working-directory']}' does not exist`);
  const files = new Set(readdirSync(root));
  const saves: PendingSave[] = [];
  const rows: Row[] = [];
  const cacheHit: Record<'python' | 'node' | 'system', CacheHit> = { python: null, node: null, system: null };

  if (inputs['system-packages']?.length) cacheHit.system = await setupSystem(inputs, ctx, root, saves, rows);
  const nodeOn = inputs.node === 'true' || (inputs.node === 'auto' && files.has('package.json'));
  if (inputs.node === 'true' && !files.has('package.json'))
    throw new ConfigError(`node is true, but ${inputs['working-directory']} has no package.json`);
  if (nodeOn) {
    const node = await setupNode(inputs, ctx, root, files, saves, rows);
    cacheHit.node = node.hit;
    ctx.setOutput('package-manager', node.manager);
    ctx.setOutput('node-version', node.version.replace(/^v/, ''));
  } else {
    ctx.setOutput('package-manager', '');
    ctx.setOutput(
      'node-version',
      which('node') ? (await output(ctx, { program: 'node', args: ['--version'] }, root)).replace(/^v/, '') : '',
    );
  }
  const pythonOn =
    inputs.python === 'true' ||
    (inputs.python === 'auto' &&
      (inputs['python-requirements'].some((file) => existsSync(join(root, file))) || files.has('pyproject.toml')));
  if (pythonOn) {
    const python = await setupPython(inputs, ctx, root, files, saves, rows);
    cacheHit.python = python.hit;
    ctx.setOutput('python-installer', python.installer);
  } else ctx.setOutput('python-installer', '');
  ctx.setOutput('cache-hit', cacheHit);
  ctx.saveState('saves', saves);

  ctx.summary.heading('Dependencies');
  if (rows.length)
    ctx.summary.table(
      ['ecosystem', 'installed with', 'what', 'time', 'cache'],
      rows.map((row) => [row.ecosystem, row.tool, row.what, formatSeconds(row.seconds), row.cache]),
    );
  else ctx.summary.paragraph('Nothing to install: no package.json, requirements or pyproject.toml, and no system-packages.');
  ctx.metrics.record({
    installs: rows.map((row) => ({
      ecosystem: row.ecosystem,
      tool: row.tool,
      seconds: Math.round(row.seconds * 1000) / 1000,
      cache: row.cache,
    })),
  });
}

export async function post(ctx: ActionContext): Promise<void> {
  for (const save of ctx.getState<PendingSave[]>('saves') ?? []) {
    if (save.paths.every((path) => existsSync(path))) await ctx.cache.save(save.paths, save.key);
  }
}
