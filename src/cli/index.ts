/**
 * build-tools CLI: runs any action's compiled bundle on a laptop exactly as a runner would
 * (through the local runner), with inputs from flags, the local cache backend, outputs printed
 * and the job summary rendered as text.
 *
 *   build-tools --help
 *   build-tools <action> --help
 *   build-tools <action> [--<input> value]... [--no-post] [--json]
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot, readActionManifest, runActionLocally, type StepResult } from '../core/local-runner.js';
import { runPipeline, takeDownDeployment } from './pipeline.js';
import { renderSummaryAsText } from './summary-text.js';
import { runTimed } from './timed.js';

const root = packageRoot(dirname(fileURLToPath(import.meta.url)));

class UsageError extends Error {}

export function localRunnerTemp(): string {
  return process.env.RUNNER_TEMP || join(homedir(), '.cache', 'build-tools', 'runner-temp');
}

function actionNames(): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'action.yml')))
    .map((entry) => entry.name)
    .sort();
}

function mainHelp(): string {
  const lines = ['Usage: build-tools <action> [--<input> value]... [--no-post] [--json]', '', 'Actions:'];
  for (const name of actionNames()) lines.push(`  ${name.padEnd(18)} ${readActionManifest(join(root, name)).description ?? ''}`);
  lines.push(
    '',
    'Run `build-tools <action> --help` for its inputs, `build-tools pipeline [dir]` for the whole pipeline,',
    '`build-tools report <metrics>...` for one report from several jobs, or `build-tools timed --help`.',
  );
  return lines.join('\n');
}

function actionHelp(name: string): string {
  const manifest = readActionManifest(join(root, name));
  const lines = [`Usage: build-tools ${name} [--<input> value]...`, '', manifest.description ?? '', '', 'Inputs:'];
  for (const [input, declaration] of Object.entries(manifest.inputs)) {
    const note = declaration.required
      ? ' (required)'
      : declaration.default !== undefined && declaration.default !== ''
        ? ` (default: ${declaration.default})`
        : '';
    lines.push(`  --${input}${note}`, `      ${(declaration.description ?? '').trim().replace(/\n/g, '\n      ')}`);
  }
  lines.push('', 'Outputs:');
  for (const [output, declaration] of Object.entries(manifest.outputs))
    lines.push(`  ${output.padEnd(20)} ${(declaration.description ?? '').trim()}`);
  lines.push('', 'Options:', '  --no-post    skip the post step', '  --json       print the outputs as one JSON object');
  return lines.join('\n');
}

export interface ParsedArguments {
  action?: string;
  inputs: Record<string, string>;
  help: boolean;
  post: boolean;
  json: boolean;
}

/** `--name value`, `--name=value`; repeating a flag joins the values with newlines (multi-line inputs). */
export function parseArguments(argv: string[], known: (action: string) => string[] | undefined): ParsedArguments {
  const parsed: ParsedArguments = { inputs: {}, help: false, post: true, json: false };
  let index = 0;
  if (argv[0] && !argv[0].startsWith('-')) parsed.action = argv[index++];
  const declared = parsed.action ? known(parsed.action) : undefined;
  if (parsed.action && !declared) throw new UsageError(`unknown action '${parsed.action}'; the actions are ${actionNames().join(', ')}`);
  for (; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--help' || argument === '-h') parsed.help = true;
    else if (argument === '--no-post') parsed.post = false;
    else if (argument === '--json') parsed.json = true;
    else if (argument.startsWith('--')) {
      const at = argument.indexOf('=');
      const name = at > 0 ? argument.slice(2, at) : argument.slice(2);
      if (!declared?.includes(name)) {
        throw new UsageError(
          `unknown option '--${name}' for ${parsed.action ?? 'build-tools'}; its inputs are ${declared?.join(', ') || 'none'}`,
        );
      }
      let value: string | undefined = at > 0 ? argument.slice(at + 1) : argv[++index];
      if (value === undefined) throw new UsageError(`option '--${name}' needs a value`);
      if (name in parsed.inputs) value = `${parsed.inputs[name]}\n${value}`;
      parsed.inputs[name] = value;
    } else throw new UsageError(`unexpected argument '${argument}'`);
  }
  return parsed;
}

/** Masks registered secrets in what is printed, as the runner does in its log. */
function createMaskingPrinter() {
  const masks: string[] = [];
  const pending = { stdout: '', stderr: '' };
  const mask = (line: string) => masks.reduce((text, secret) => text.split(secret).join('***'), line);
  const printLine = (line: string, stream: 'stdout' | 'stderr') => {
    const registered = /^::add-mask::(.*)$/.exec(line);
    if (registered?.[1]) {
      masks.push(registered[1]);
      return;
    }
    const shown = mask(line)
      .replace(
        /^::(error|warning|notice)[^:]*::/,
        (_, level: string) => `${level === 'error' ? 'Error' : level === 'warning' ? 'Warning' : 'Notice'}: `,
      )
      .replace(/^::group::/, '▶ ')
      .replace(/^::endgroup::$/, '');
    if (/^::debug::/.test(shown) && !process.env.RUNNER_DEBUG) return;
    (stream === 'stdout' ? process.stdout : process.stderr).write(`${shown}\n`);
  };
  return {
    write(text: string, stream: 'stdout' | 'stderr') {
      const lines = (pending[stream] + text).split('\n');
      pending[stream] = lines.pop() as string;
      for (const line of lines) printLine(line, stream);
    },
    flush() {
      for (const stream of ['stdout', 'stderr'] as const) if (pending[stream]) printLine(pending[stream], stream);
      pending.stdout = pending.stderr = '';
    },
    mask,
  };
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'pipeline') return pipeline(argv.slice(1));
  if (argv[0] === 'report') return report(argv.slice(1));
  if (argv[0] === 'timed') return timed(argv.slice(1));
  const known = (action: string) =>
    actionNames().includes(action) ? Object.keys(readActionManifest(join(root, action)).inputs) : undefined;
  const parsed = parseArguments(argv, known);
  if (!parsed.action || parsed.help) {
    process.stdout.write(`${parsed.action ? actionHelp(parsed.action) : mainHelp()}\n`);
    return 0;
  }
  const printer = createMaskingPrinter();
  const run = await runActionLocally({
    actionDirectory: join(root, parsed.action),
    inputs: parsed.inputs,
    workspace: process.cwd(),
    // Stable across runs, as RUNNER_TEMP is on a runner: cached paths under it must match between runs.
    runnerTemp: localRunnerTemp(),
    githubActions: false,
    runPost: parsed.post,
    env: {
      BUILD_TOOLS_CACHE_BACKEND: process.env.BUILD_TOOLS_CACHE_BACKEND ?? 'local',
      // Each local run is a new run, so what it saves gets a key of its own.
      GITHUB_RUN_ID: process.env.GITHUB_RUN_ID ?? String(Date.now()),
    },
    onOutput: (text, stream) => printer.write(text, stream),
  });
  printer.flush();
  const steps: StepResult[] = run.post ? [run.main, run.post] : [run.main];
  const summary = steps.map((step) => step.summary).join('');
  if (summary.trim()) process.stdout.write(`\n${printer.mask(renderSummaryAsText(summary))}\n`);
  const outputs = run.main.outputs;
  if (parsed.json) process.stdout.write(`${printer.mask(JSON.stringify(outputs, null, 2))}\n`);
  else if (Object.keys(outputs).length) {
    process.stdout.write('\nOutputs:\n');
    for (const [name, value] of Object.entries(outputs)) process.stdout.write(printer.mask(`  ${name}=${value}\n`));
  }
  return steps.some((step) => step.exitCode !== 0) ? 1 : 0;
}

async function pipeline(argv: string[]): Promise<number> {
  const skip = new Set<string>();
  let directory = '.';
  let verbose = false;
  let force = false;
  let down = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--help' || argument === '-h') {
      process.stdout.write(
        'Usage: build-tools pipeline [dir] [--skip dependencies|configuration|tests|artifacts|post-build]... [--force] [--verbose]\n' +
          '       build-tools pipeline [dir] --down\n\n' +
          'Runs the six stages on dir (default .) with its build-tools.yml; SKIP_DEPENDENCIES, SKIP_TESTS, SKIP_ARTIFACTS… switch stages off.\n' +
          'When build-tools.yml has a deploy: section and a Docker engine is reachable, the last stage deploys the image it built;\n' +
          '--down removes those containers and stops the nginx front the pipeline started.\n',
      );
      return 0;
    }
    if (argument === '--verbose') verbose = true;
    else if (argument === '--force') force = true;
    else if (argument === '--down') down = true;
    else if (argument === '--skip') skip.add(argv[++index] ?? '');
    else if (argument.startsWith('-')) throw new UsageError(`unknown option '${argument}' for pipeline`);
    else directory = argument;
  }
  if (!existsSync(directory)) throw new UsageError(`no such directory: ${directory}`);
  if (down) return takeDownDeployment(resolve(directory), (text) => process.stdout.write(text));
  return runPipeline({
    root,
    directory: resolve(directory),
    skip,
    verbose,
    force,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    runnerTemp: localRunnerTemp(),
    write: (text) => process.stdout.write(text),
  });
}

const REPORT_USAGE =
  'Usage: build-tools report <metrics file or folder>... [--previous FILE] [--html FILE] [--markdown FILE] [--json FILE]\n\n' +
  "Merges several jobs' build-metrics JSON files (folders are searched for build-metrics*.json) into one HTML report\n" +
  '(default build-report.html); the Markdown version goes to --markdown and, on a runner, to the job summary;\n' +
  "--json writes the merged metrics (a later run's --previous, for the trend).\n";

async function report(argv: string[]): Promise<number> {
  const paths: string[] = [];
  const options: { previous?: string; html: string; markdown?: string; json?: string } = { html: 'build-report.html' };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--help' || argument === '-h') {
      process.stdout.write(REPORT_USAGE);
      return 0;
    }
    const option = ({ '--previous': 'previous', '--html': 'html', '--markdown': 'markdown', '--json': 'json' } as const)[
      argument as '--html'
    ];
    if (option) {
      const value = argv[++index];
      if (value === undefined) throw new UsageError(`option '${argument}' needs a value`);
      options[option] = value;
    } else if (argument.startsWith('-')) throw new UsageError(`unknown option '${argument}' for report`);
    else paths.push(argument);
  }
  if (!paths.length) throw new UsageError(`report needs at least one metrics file or folder\n${REPORT_USAGE}`);
  // The schema check (zod) loads only for this command.
  const { writeReport } = await import('./report.js');
  return writeReport({ paths, ...options, write: (text) => process.stdout.write(text) });
}

const TIMED_USAGE =
  'Usage: build-tools timed --stage NAME [--component NAME] [--title TEXT] -- <program> [args]...\n\n' +
  "Runs the program (its output in a log group) and records it as a stage of this job's build metrics, with its\n" +
  "duration and result; exits with the program's exit code.\n";

async function timed(argv: string[]): Promise<number> {
  const separator = argv.indexOf('--');
  const flags = separator < 0 ? argv : argv.slice(0, separator);
  const command = separator < 0 ? [] : argv.slice(separator + 1);
  const options: { stage?: string; component?: string; title?: string } = {};
  for (let index = 0; index < flags.length; index++) {
    const argument = flags[index] as string;
    if (argument === '--help' || argument === '-h') {
      process.stdout.write(TIMED_USAGE);
      return 0;
    }
    const option = ({ '--stage': 'stage', '--component': 'component', '--title': 'title' } as const)[argument as '--stage'];
    const value = flags[index + 1];
    if (!option) throw new UsageError(`unexpected argument '${argument}' for timed (the command goes after --)\n${TIMED_USAGE}`);
    if (value === undefined) throw new UsageError(`option '${argument}' needs a value`);
    options[option] = value;
    index++;
  }
  if (!options.stage || !/^[\w.:-]+$/.test(options.stage))
    throw new UsageError(`timed needs --stage: a name of letters, digits, '_', '.', ':' and '-'\n${TIMED_USAGE}`);
  const [program, ...args] = command;
  if (!program) throw new UsageError(`timed needs a command after --\n${TIMED_USAGE}`);
  return runTimed({ stage: options.stage, component: options.component || undefined, title: options.title, program, args });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`build-tools: ${message}\n`);
    if (!(error instanceof UsageError)) process.stderr.write('Run `build-tools --help` for usage.\n');
    process.exit(2);
  },
);
