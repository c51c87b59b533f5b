/**
 * Runs programs with argument arrays (never a shell string), streaming their output into the
 * log (inside a `::group::` when titled) while capturing it, with exit code and duration.
 */
import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, openSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { ConfigError } from './errors.js';
import { issueCommand, writeLine } from './workflow-commands.js';

/** A program and its arguments, as decided by an action's pure planning code and run by exec. */
export interface Command {
  program: string;
  args: string[];
}

export interface ExecOptions {
  cwd?: string;
  /** Merged over the current environment; a value of undefined removes the variable. */
  env?: Record<string, string | undefined>;
  /** Written to the program's standard input, which is then closed. */
  input?: string | Buffer;
  /** Show the output inside a collapsible group with this title. */
  group?: string;
  /** Capture without echoing to the log. */
  silent?: boolean;
  /** Resolve with the result instead of throwing when the program exits non-zero. */
  allowFailure?: boolean;
  /** Kill the program (SIGTERM, then SIGKILL) after this long. */
  timeoutMs?: number;
  /** Called with each complete line of output as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /**
   * Standard output goes to this file instead of the log and the result: for data to parse after the
   * program ends, however large (a file listing). Through a pipe, which holds 64 KiB, the program
   * would wait whenever this thread is busy, and captured output is cut beyond CAPTURE_LIMIT.
   */
  stdoutFile?: string;
}

export interface ExecResult {
  command: string;
  exitCode: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
}

export class ExecError extends Error {
  readonly result: ExecResult;

  constructor(result: ExecResult) {
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-5).join('\n');
    const how = result.timedOut ? 'timed out' : result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
    super(`${result.command} ${how}${tail ? `:\n${tail}` : ''}`);
    this.name = 'ExecError';
    this.result = result;
  }
}

/** Captured output beyond this is dropped from the front; the log still shows all of it. */
const CAPTURE_LIMIT = 16 * 1024 * 1024;

/** Quotes an argument for display only; programs are never run through a shell. */
function displayArgument(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}

export function displayCommand(program: string, args: readonly string[]): string {
  return [program, ...args].map(displayArgument).join(' ');
}

/** The absolute path of `program` on PATH (or as given, when it contains a slash), if executable. */
export function which(program: string, path = process.env.PATH ?? ''): string | undefined {
  const isExecutable = (candidate: string) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (program.includes('/') || isAbsolute(program)) return isExecutable(program) ? program : undefined;
  for (const directory of path.split(delimiter)) {
    if (directory && isExecutable(join(directory, program))) return join(directory, program);
  }
  return undefined;
}

class CapturedStream {
  private chunks: string[] = [];
  private size = 0;
  private partial = '';

  constructor(
    private readonly onLine: ((line: string) => void) | undefined,
    private readonly echo: ((text: string) => void) | undefined,
  ) {}

  push(text: string): void {
    this.echo?.(text);
    this.chunks.push(text);
    this.size += text.length;
    while (this.size > CAPTURE_LIMIT && this.chunks.length > 1) this.size -= (this.chunks.shift() as string).length;
    if (this.onLine) {
      const lines = (this.partial + text).split('\n');
      this.partial = lines.pop() as string;
      for (const line of lines) this.onLine(line.replace(/\r$/, ''));
    }
  }

  finish(): string {
    if (this.onLine && this.partial) this.onLine(this.partial);
    this.partial = '';
    return this.chunks.join('');
  }
}

export async function exec(program: string, args: readonly string[] = [], options: ExecOptions = {}): Promise<ExecResult> {
  const env = { ...process.env };
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const command = displayCommand(program, args);
  if (!which(program, env.PATH)) {
    throw new ConfigError(`'${program}' was not found on PATH; install it or put it on PATH before this step.`);
  }
  const echo = options.silent ? undefined : (text: string) => process.stdout.write(text);
  if (options.group) issueCommand('group', options.group);
  if (!options.silent) writeLine(`[command]${command}`);
  const started = performance.now();
  try {
    return await new Promise<ExecResult>((resolve, reject) => {
      const outputFile = options.stdoutFile === undefined ? undefined : openSync(options.stdoutFile, 'w');
      let child: ReturnType<typeof spawn>;
      try {
        child = spawn(program, args, { cwd: options.cwd, env, stdio: ['pipe', outputFile ?? 'pipe', 'pipe'] });
      } finally {
        // The child has its own copy of the descriptor.
        if (outputFile !== undefined) closeSync(outputFile);
      }
      const stdout = new CapturedStream(options.onLine && ((line) => options.onLine?.(line, 'stdout')), echo);
      const stderr = new CapturedStream(options.onLine && ((line) => options.onLine?.(line, 'stderr')), echo);
      child.stdout?.setEncoding('utf8').on('data', (text: string) => stdout.push(text));
      child.stderr?.setEncoding('utf8').on('data', (text: string) => stderr.push(text));
      let timedOut = false;
      let timer: NodeJS.Timeout | undefined;
      if (options.timeoutMs) {
        timer = setTimeout(() => {
          timedOut = true;
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }, options.timeoutMs);
      }
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const result: ExecResult = {
          command,
          exitCode: code ?? (signal ? 128 : 1),
          signal,
          stdout: stdout.finish(),
          stderr: stderr.finish(),
          durationMs: performance.now() - started,
          timedOut,
        };
        if ((result.exitCode !== 0 || timedOut) && !options.allowFailure) reject(new ExecError(result));
        else resolve(result);
      });
      child.stdin?.on('error', () => {
        // The program may exit without reading its input; that is its business.
      });
      child.stdin?.end(options.input);
    });
  } finally {
    if (options.group) issueCommand('endgroup', '');
  }
}
