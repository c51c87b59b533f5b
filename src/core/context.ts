/**
 * What an action's logic receives instead of importing @actions/*: the runner it runs on,
 * logging, the job summary, the cache, metrics, outputs, state, environment and exec.
 */
import { resolve } from 'node:path';
import { ActionCache } from './cache/index.js';
import { exec } from './exec.js';
import type { Logger } from './log.js';
import type { Artifact, StageFigures } from './metrics/record.js';
import type { RunnerContext } from './runner-context.js';
import type { Summary } from './summary.js';
import { addPath, exportVariable, getState, saveState, setOutput } from './workflow-commands.js';

export type OutputValue = string | number | boolean | object;

export interface ActionContext {
  readonly name: string;
  readonly phase: 'main' | 'post';
  readonly runner: RunnerContext;
  readonly log: Logger;
  readonly summary: Summary;
  /** Created on first use, so an action that never caches never loads a backend. */
  readonly cache: ActionCache;
  readonly metrics: StageMetrics;
  readonly exec: typeof exec;
  /** Aborted when the job is cancelled (SIGINT/SIGTERM): long work should stop and clean up. */
  readonly signal: AbortSignal;
  /** Sets an output; objects and arrays are written as JSON. */
  setOutput(name: string, value: OutputValue): void;
  /** Keeps a JSON-serialisable value for the post step. */
  saveState(name: string, value: unknown): void;
  /** Reads a value kept by saveState in the main step; undefined when there is none. */
  getState<T>(name: string): T | undefined;
  exportVariable(name: string, value: string): void;
  addPath(directory: string): void;
  /** Marks the step failed with one error line, but lets the action finish its outputs and summary. */
  fail(message: string, location?: Parameters<Logger['error']>[1]): void;
  /** Resolves a path from an input against the step's working directory. */
  resolvePath(path: string): string;
}

export class StageMetrics {
  readonly figures: StageFigures = {};

  /** Merges figures into the stage's record (shallowly: a later value for a key replaces the earlier). */
  record(figures: StageFigures): void {
    Object.assign(this.figures, figures);
  }

  addArtifact(artifact: Artifact): void {
    this.figures.artifacts = [...(this.figures.artifacts ?? []), artifact];
  }
}

export interface ContextParts {
  name: string;
  phase: 'main' | 'post';
  runner: RunnerContext;
  log: Logger;
  summary: Summary;
  signal: AbortSignal;
  outputNames?: readonly string[];
  onFail(message: string): void;
}

export function createContext(parts: ContextParts): ActionContext & { readonly cacheIfUsed: ActionCache | undefined } {
  let cache: ActionCache | undefined;
  const metrics = new StageMetrics();
  return {
    name: parts.name,
    phase: parts.phase,
    runner: parts.runner,
    log: parts.log,
    summary: parts.summary,
    metrics,
    exec,
    signal: parts.signal,
    get cache() {
      cache ??= new ActionCache({ log: parts.log, runner: parts.runner });
      return cache;
    },
    get cacheIfUsed() {
      return cache;
    },
    setOutput(name, value) {
      if (parts.outputNames && !parts.outputNames.includes(name)) {
        throw new Error(`output '${name}' is not declared by ${parts.name}`);
      }
      setOutput(name, typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));
    },
    saveState(name, value) {
      saveState(name, JSON.stringify(value));
    },
    getState<T>(name: string) {
      const raw = getState(name);
      return raw === '' ? undefined : (JSON.parse(raw) as T);
    },
    exportVariable,
    addPath,
    fail(message, location) {
      parts.log.error(message, location);
      parts.onFail(message);
    },
    resolvePath(path) {
      return resolve(process.cwd(), path);
    },
  };
}
