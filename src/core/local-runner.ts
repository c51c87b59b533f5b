/**
 * Runs an action's compiled entry the way the Actions runner does (see RUNNER.md): inputs from
 * action.yml defaults and the caller as INPUT_* variables, fresh file-command files per step,
 * the post step with STATE_* and its post-if, and the file commands and annotations parsed back.
 * The CLI and every end-to-end test go through here, so both see exactly what a runner would.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { inputVariable } from './workflow-commands.js';

export interface ActionInputDeclaration {
  description?: string;
  required?: boolean;
  default?: string;
  deprecationMessage?: string;
}

export interface ActionManifest {
  name: string;
  description?: string;
  inputs: Record<string, ActionInputDeclaration>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string; post?: string; 'post-if'?: string; pre?: string };
}

export function readActionManifest(actionDirectory: string): ActionManifest {
  const file = ['action.yml', 'action.yaml'].map((name) => join(actionDirectory, name)).find(existsSync);
  if (!file) throw new Error(`no action.yml in ${actionDirectory}`);
  const manifest = parseYaml(readFileSync(file, 'utf8')) as Partial<ActionManifest>;
  return {
    name: manifest.name ?? '',
    description: manifest.description,
    inputs: manifest.inputs ?? {},
    outputs: manifest.outputs ?? {},
    runs: manifest.runs as ActionManifest['runs'],
  };
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

export interface StepResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  env: Record<string, string>;
  path: string[];
  summary: string;
  annotations: Annotation[];
  masks: string[];
  durationMs: number;
}

export interface ActionRun {
  main: StepResult;
  /** Undefined when the action has no post step or its post-if did not hold. */
  post?: StepResult;
}

export type JobStatus = 'success' | 'failure' | 'cancelled';

export interface LocalRunOptions {
  /** The folder holding action.yml. */
  actionDirectory: string;
  inputs?: Record<string, string | number | boolean>;
  /** Added to (or, with undefined, removed from) the step's environment. */
  env?: Record<string, string | undefined>;
  /** The job's working directory (GITHUB_WORKSPACE); the step runs there. */
  workspace?: string;
  /** Per-job folder for RUNNER_TEMP and the file-command files; a fresh one by default. */
  runnerTemp?: string;
  /** The Node.js binary (runners use Node 24). */
  node?: string;
  /** Event payload written to GITHUB_EVENT_PATH. */
  event?: Record<string, unknown>;
  /** Status of the job's other steps, for the post step's post-if; the main step's failure counts too. */
  jobStatus?: JobStatus;
  /** Run the post step (when declared and its post-if holds). Default true. */
  runPost?: boolean;
  /** Set GITHUB_ACTIONS=true, as on a runner. Default true. */
  githubActions?: boolean;
  /** Receives the step's output as it arrives (the CLI prints it). */
  onOutput?: (text: string, stream: 'stdout' | 'stderr', phase: 'main' | 'post') => void;
  timeoutMs?: number;
}

/** Decodes a workflow-command value or property, the inverse of the toolkit's escaping. */
function unescapeCommand(value: string): string {
  return value.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%25/g, '%');
}

/** Parses `name=value` and `name<<DELIMITER` blocks, as the runner reads GITHUB_OUTPUT/ENV/STATE. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    const equals = line.indexOf('=');
    if (heredoc && (equals === -1 || line.indexOf('<<') < equals)) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      index++;
      while (index < lines.length && lines[index] !== delimiter) value.push(lines[index++] as string);
      if (index >= lines.length) throw new Error(`file command for '${name}' has no closing delimiter ${delimiter}`);
      values[name] = value.join('\n');
    } else if (equals > 0) {
      values[line.slice(0, equals)] = line.slice(equals + 1);
    } else {
      throw new Error(`invalid file command line: ${line}`);
    }
  }
  return values;
}

export function parseWorkflowCommands(stdout: string): { annotations: Annotation[]; masks: string[] } {
  const annotations: Annotation[] = [];
  const masks: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const [, command, rawProperties, message] = match as unknown as [string, string, string | undefined, string];
    if (command === 'add-mask') masks.push(unescapeCommand(message));
    if (command !== 'error' && command !== 'warning' && command !== 'notice') continue;
    const properties: Record<string, string> = {};
    for (const pair of (rawProperties ?? '').split(',')) {
      const at = pair.indexOf('=');
      if (at > 0) properties[pair.slice(0, at)] = unescapeCommand(pair.slice(at + 1));
    }
    annotations.push({ level: command, message: unescapeCommand(message), properties });
  }
  return { annotations, masks };
}

/** Evaluates a post-if condition: status functions, !, &&, || and parentheses, as the runner would. */
export function evaluatePostIf(condition: string, status: JobStatus): boolean {
  const expression = condition.replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1');
  const tokens = expression.match(/always\(\)|success\(\)|failure\(\)|cancelled\(\)|true|false|&&|\|\||!|\(|\)|\S+/g) ?? [];
  let position = 0;
  const values: Record<string, boolean> = {
    'always()': true,
    'success()': status === 'success',
    'failure()': status === 'failure',
    'cancelled()': status === 'cancelled',
    true: true,
    false: false,
  };
  const primary = (): boolean => {
    const token = tokens[position++];
    if (token === '!') return !primary();
    if (token === '(') {
      const value = or();
      if (tokens[position++] !== ')') throw new Error(`unbalanced parentheses in post-if: ${condition}`);
      return value;
    }
    if (token !== undefined && token in values) return values[token] as boolean;
    throw new Error(`unsupported post-if expression: ${condition}`);
  };
  const and = (): boolean => {
    let value = primary();
    while (tokens[position] === '&&') {
      position++;
      value = primary() && value;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (tokens[position] === '||') {
      position++;
      value = and() || value;
    }
    return value;
  };
  const result = or();
  if (position !== tokens.length) throw new Error(`unsupported post-if expression: ${condition}`);
  // Without a status function the runner implies success() && (condition).
  return /always\(\)|failure\(\)|cancelled\(\)/.test(expression) ? result : result && status === 'success';
}

/** Fills `${{ github.x }}`, `${{ runner.x }}` and `${{ env.X }}` in a default, as the runner does. */
export function evaluateDefault(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression: string) => {
    const [scope, ...rest] = expression.split('.');
    const name = rest.join('.');
    if (scope === 'github') return env[name === 'token' ? 'GITHUB_TOKEN' : `GITHUB_${name.toUpperCase()}`] ?? '';
    if (scope === 'runner') return env[`RUNNER_${name.toUpperCase()}`] ?? '';
    if (scope === 'env') return env[name] ?? '';
    throw new Error(`unsupported expression in an input default: \${{ ${expression} }}`);
  });
}

/** The variables a runner sets for every step (RUNNER.md), with local values. */
export function runnerEnvironment(options: { workspace: string; runnerTemp: string; actionDirectory: string; eventPath: string }) {
  const os = process.platform === 'darwin' ? 'macOS' : process.platform === 'win32' ? 'Windows' : 'Linux';
  return {
    CI: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_ACTION_PATH: options.actionDirectory,
    RUNNER_TEMP: options.runnerTemp,
    RUNNER_TOOL_CACHE: join(options.runnerTemp, 'tool-cache'),
    RUNNER_OS: os,
    RUNNER_ARCH: process.arch === 'arm64' ? 'ARM64' : 'X64',
    GITHUB_REPOSITORY: 'local/build-tools-run',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: options.eventPath,
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'build',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
  };
}

/** The parent's variables that would leak one step's protocol into another. */
const STEP_SCOPED = /^(INPUT_|STATE_|GITHUB_|RUNNER_|ACTIONS_)/;

async function runStep(
  phase: 'main' | 'post',
  entry: string,
  env: Record<string, string>,
  options: LocalRunOptions,
  workspace: string,
  stepDirectory: string,
): Promise<StepResult> {
  mkdirSync(stepDirectory, { recursive: true });
  const files = {
    GITHUB_OUTPUT: join(stepDirectory, 'output'),
    GITHUB_STATE: join(stepDirectory, 'state'),
    GITHUB_ENV: join(stepDirectory, 'env'),
    GITHUB_PATH: join(stepDirectory, 'path'),
    GITHUB_STEP_SUMMARY: join(stepDirectory, 'summary'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const started = performance.now();
  const node = options.node ?? process.execPath;
  const { exitCode, stdout, stderr, durationMs } = await new Promise<{
    exitCode: number;
    stdout: string;
    stderr: string;
    durationMs: number;
  }>((done, fail) => {
    const child = spawn(node, [entry], { cwd: workspace, env: { ...env, ...files }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
      options.onOutput?.(chunk.toString(), 'stdout', phase);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
      options.onOutput?.(chunk.toString(), 'stderr', phase);
    });
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // The step's time ends with the program: reading its files afterwards is this runner's work.
      const durationMs = performance.now() - started;
      done({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        durationMs,
      });
    });
  });
  const read = (file: string) => readFileSync(file, 'utf8');
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseFileCommands(read(files.GITHUB_OUTPUT)),
    state: parseFileCommands(read(files.GITHUB_STATE)),
    env: parseFileCommands(read(files.GITHUB_ENV)),
    path: read(files.GITHUB_PATH).split(/\r?\n/).filter(Boolean),
    summary: read(files.GITHUB_STEP_SUMMARY),
    ...parseWorkflowCommands(stdout),
    durationMs,
  };
}

export async function runActionLocally(options: LocalRunOptions): Promise<ActionRun> {
  const actionDirectory = resolve(options.actionDirectory);
  const manifest = readActionManifest(actionDirectory);
  const workspace = resolve(options.workspace ?? process.cwd());
  const runnerTemp = options.runnerTemp ?? mkdtempSync(join(tmpdir(), 'build-tools-runner-'));
  mkdirSync(runnerTemp, { recursive: true });
  const eventPath = join(runnerTemp, `event-${randomUUID()}.json`);
  writeFileSync(eventPath, JSON.stringify(options.event ?? {}));

  const base: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !STEP_SCOPED.test(name)) base[name] = value;
  Object.assign(base, runnerEnvironment({ workspace, runnerTemp, actionDirectory, eventPath }));
  if (options.githubActions !== false) base.GITHUB_ACTIONS = 'true';
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete base[name];
    else base[name] = value;
  }

  const given = options.inputs ?? {};
  const unknown = Object.keys(given).filter((name) => !(name in manifest.inputs));
  if (unknown.length) {
    throw new Error(
      `unexpected input(s) ${unknown.map((name) => `'${name}'`).join(', ')}; valid inputs are ${Object.keys(manifest.inputs).join(', ')}`,
    );
  }
  for (const [name, declaration] of Object.entries(manifest.inputs)) {
    const value =
      name in given
        ? String(given[name])
        : declaration.default !== undefined
          ? evaluateDefault(String(declaration.default), base)
          : undefined;
    if (value !== undefined) base[inputVariable(name)] = value;
  }

  const stepsDirectory = join(runnerTemp, `steps-${randomUUID()}`);
  const main = await runStep('main', resolve(actionDirectory, manifest.runs.main), base, options, workspace, join(stepsDirectory, 'main'));
  if (!manifest.runs.post || options.runPost === false) return { main };
  const jobStatus: JobStatus = main.exitCode !== 0 ? 'failure' : (options.jobStatus ?? 'success');
  if (!evaluatePostIf(manifest.runs['post-if'] ?? 'always()', jobStatus)) return { main };
  // Later steps see what main exported (GITHUB_ENV, GITHUB_PATH) and its state as STATE_*.
  const postEnv = { ...base, ...main.env };
  if (main.path.length) postEnv.PATH = [...[...main.path].reverse(), base.PATH].join(':');
  for (const [name, value] of Object.entries(main.state)) postEnv[`STATE_${name}`] = value;
  const post = await runStep(
    'post',
    resolve(actionDirectory, manifest.runs.post),
    postEnv,
    options,
    workspace,
    join(stepsDirectory, 'post'),
  );
  return { main, post };
}

/** The repository root of this checkout (the folder with the action folders and dist/). */
export function packageRoot(from: string): string {
  let directory = from;
  while (!existsSync(join(directory, 'package.json')) || !existsSync(join(directory, 'dist'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`cannot find the build-tools checkout above ${from}`);
    directory = parent;
  }
  return directory;
}
