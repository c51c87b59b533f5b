/**
 * SARIF 2.1.0: one run per scanner with a stable category (automationDetails.id), every finding at
 * every severity, relative paths, and partialFingerprints that survive line moves.
 */
import { createHash } from 'node:crypto';
import type { Finding, FindingSeverity } from './findings.js';
import type { Scanner } from './inputs.js';

const LEVEL: Record<FindingSeverity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  unknown: 'warning',
};
const SECURITY_SEVERITY: Record<FindingSeverity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', unknown: '0.0' };

export function buildSarif(findingsByScanner: Map<Scanner, Finding[]>, version: string) {
  const runs = [...findingsByScanner.entries()].map(([scanner, findings]) => {
    const rules = new Map<string, Finding>();
    for (const finding of findings) if (!rules.has(finding.ruleId)) rules.set(finding.ruleId, finding);
    return {
      tool: {
        driver: {
          name: `build-tools security-scan (${scanner})`,
          informationUri: 'https://github.com/org/build-tools/tree/main/security-scan',
          version,
          rules: [...rules.values()].map((finding) => ({
            id: finding.ruleId,
            shortDescription: { text: finding.title.slice(0, 1000) },
            properties: { tags: ['security', scanner], 'security-severity': SECURITY_SEVERITY[finding.severity] },
          })),
        },
      },
      automationDetails: { id: `security-scan/${scanner}/` },
      results: findings.map((finding) => ({
        ruleId: finding.ruleId,
        level: LEVEL[finding.severity],
        message: {
          text: [
            finding.title,
            finding.package ? `Package: ${finding.package}@${finding.version}${finding.development ? ' (development)' : ''}` : '',
            finding.fixedVersions?.length ? `Fixed in: ${finding.fixedVersions.join(', ')}` : '',
            finding.ignoredBy ? `Ignored: ${finding.ignoredBy}` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: finding.file.split('\\').join('/') },
              ...(finding.line ? { region: { startLine: finding.line, ...(finding.column ? { startColumn: finding.column } : {}) } } : {}),
            },
          },
        ],
        partialFingerprints: {
          'buildToolsFinding/v1': createHash('sha256')
            .update(
              [
                scanner,
                finding.ruleId,
                finding.file,
                finding.package ?? '',
                finding.version ?? '',
                finding.package ? '' : String(finding.line ?? ''),
              ].join('\0'),
            )
            .digest('hex'),
        },
        ...(finding.ignoredBy ? { suppressions: [{ kind: 'external', justification: finding.ignoredBy }] } : {}),
      })),
    };
  });
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs };
}
