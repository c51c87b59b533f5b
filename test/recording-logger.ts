/** A Logger for unit tests that keeps warnings instead of printing workflow commands. */
import type { Logger } from '../src/core/log.js';

export function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    info() {},
    debug() {},
    notice() {},
    warn: (message: string) => warnings.push(message),
    error() {},
    group: (_title, work) => work(),
    mask() {},
    annotationCounts: { error: 0, warning: 0, notice: 0 },
  };
}
