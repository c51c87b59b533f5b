/** One finding shape for every scanner, and the gate: which findings fail the step. */
import type { Scanner, Severity } from './inputs.js';

export type FindingSeverity = Severity | 'unknown';

export interface Finding {
  scanner: Scanner;
  /** Advisory id, secretlint rule id, or `license/<id>`. */
  ruleId: string;
  aliases: string[];
  severity: FindingSeverity;
  title: string;
  /** Relative path of the file the finding is in (lockfile, source file, image reference). */
  file: string;
  line?: number;
  column?: number;
  package?: string;
  version?: string;
  fixedVersions?: string[];
  development?: boolean;
  /** Set when an ignore entry matched. */
  ignoredBy?: string;
}

const ORDER: Record<FindingSeverity, number> = { unknown: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function atOrAbove(severity: FindingSeverity, threshold: Severity): boolean {
  // A severity nobody assessed fails only the strictest gate, and is shown as unknown everywhere.
  if (severity === 'unknown') return threshold === 'low';
  return ORDER[severity] >= ORDER[threshold];
}

export interface GateOptions {
  threshold: Severity;
  ignoreUnfixed: boolean;
  scope: 'runtime' | 'all';
}

/** The findings that fail the gate. Ignored ones never do; others follow the policy. */
export function failingFindings(findings: readonly Finding[], options: GateOptions): Finding[] {
  return findings.filter((finding) => {
    if (finding.ignoredBy) return false;
    if (finding.scanner === 'dependencies' || finding.scanner === 'image') {
      if (options.scope === 'runtime' && finding.development) return false;
      if (options.ignoreUnfixed && !finding.fixedVersions?.length) return false;
    }
    return atOrAbove(finding.severity, options.threshold);
  });
}

export function countBySeverity(findings: readonly Finding[]): Record<string, Record<FindingSeverity, number>> {
  const counts: Record<string, Record<FindingSeverity, number>> = {};
  for (const finding of findings) {
    if (finding.ignoredBy) continue;
    counts[finding.scanner] ??= { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
    (counts[finding.scanner] as Record<FindingSeverity, number>)[finding.severity]++;
  }
  return counts;
}
