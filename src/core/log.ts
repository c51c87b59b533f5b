/**
 * Logging with the runner's levels: info is a plain line, warn/error become annotations
 * (at a file and line when given), debug shows only with step debug logging on.
 */
import type { SourceLocation } from './errors.js';
import { annotationCommand, issueCommand, setSecret, writeLine } from './workflow-commands.js';

/** The runner shows at most this many error (and warning) annotations per step. */
export const ANNOTATIONS_SHOWN_PER_STEP = 10;

export interface Logger {
  info(message: string): void;
  debug(message: string): void;
  notice(message: string, location?: SourceLocation): void;
  warn(message: string, location?: SourceLocation): void;
  error(message: string, location?: SourceLocation): void;
  /** Runs `work` inside a collapsible `::group::`; groups do not nest on the runner, so inner ones are plain. */
  group<T>(title: string, work: () => Promise<T>): Promise<T>;
  /** Registers a secret so the runner masks it in every later log line. */
  mask(secret: string | undefined): void;
  /** Annotations issued so far, by level: callers with many findings use it to respect the per-step cap. */
  readonly annotationCounts: Readonly<Record<'error' | 'warning' | 'notice', number>>;
}

export function createLogger(): Logger {
  const counts = { error: 0, warning: 0, notice: 0 };
  let groupDepth = 0;
  const annotate = (level: 'error' | 'warning' | 'notice', message: string, location?: SourceLocation) => {
    counts[level]++;
    writeLine(annotationCommand(level, message, location ?? {}));
  };
  return {
    info: (message) => writeLine(message),
    debug: (message) => issueCommand('debug', message),
    notice: (message, location) => annotate('notice', message, location),
    warn: (message, location) => annotate('warning', message, location),
    error: (message, location) => annotate('error', message, location),
    async group(title, work) {
      if (groupDepth > 0) {
        writeLine(`── ${title}`);
        return work();
      }
      groupDepth++;
      issueCommand('group', title);
      try {
        return await work();
      } finally {
        issueCommand('endgroup', '');
        groupDepth--;
      }
    },
    mask(secret) {
      if (secret) setSecret(secret);
    },
    annotationCounts: counts,
  };
}
