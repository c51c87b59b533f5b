/**
 * What an action may know about where it runs, read once from the runner's environment
 * (with sensible values on a laptop, where none of it is set).
 */
import { readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export type RunnerOs = 'Linux' | 'macOS' | 'Windows';

export interface RunnerContext {
  /** true under the Actions runner (GITHUB_ACTIONS=true). */
  onRunner: boolean;
  os: RunnerOs;
  arch: string;
  temp: string;
  toolCache: string;
  workspace: string;
  repository: string;
  ref: string;
  refName: string;
  sha: string;
  eventName: string;
  runId: string;
  runAttempt: string;
  job: string;
  serverUrl: string;
  /** The event payload, or {} when there is none. Parsed on first use. */
  readonly event: Record<string, unknown>;
  /** The repository's default branch from the event payload, or "main". */
  readonly defaultBranch: string;
}

/** Events whose code or data come from outside the repository's trust boundary (forks). */
export const UNTRUSTED_EVENTS = new Set(['pull_request_target', 'workflow_run']);

function detectOs(): RunnerOs {
  if (process.platform === 'darwin') return 'macOS';
  if (process.platform === 'win32') return 'Windows';
  return 'Linux';
}

function detectArch(): string {
  return process.arch === 'arm64' ? 'ARM64' : process.arch === 'x64' ? 'X64' : process.arch.toUpperCase();
}

export function readRunnerContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  let event: Record<string, unknown> | undefined;
  const readEvent = (): Record<string, unknown> => {
    if (event) return event;
    event = {};
    const path = env.GITHUB_EVENT_PATH;
    if (path) {
      try {
        event = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      } catch {
        // A missing or unreadable payload is treated as an event without details.
      }
    }
    return event;
  };
  const ref = env.GITHUB_REF ?? '';
  return {
    onRunner: env.GITHUB_ACTIONS === 'true',
    os: (env.RUNNER_OS as RunnerOs | undefined) || detectOs(),
    arch: env.RUNNER_ARCH || detectArch(),
    temp: env.RUNNER_TEMP || tmpdir(),
    toolCache: env.RUNNER_TOOL_CACHE || join(homedir(), '.cache', 'build-tools', 'tools'),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    repository: env.GITHUB_REPOSITORY || '',
    ref,
    refName: env.GITHUB_REF_NAME || ref.replace(/^refs\/(heads|tags)\//, ''),
    sha: env.GITHUB_SHA || '',
    eventName: env.GITHUB_EVENT_NAME || '',
    runId: env.GITHUB_RUN_ID || '',
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    job: env.GITHUB_JOB || '',
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    get event() {
      return readEvent();
    },
    get defaultBranch() {
      const repository = readEvent().repository as { default_branch?: string } | undefined;
      return repository?.default_branch || 'main';
    },
  };
}
