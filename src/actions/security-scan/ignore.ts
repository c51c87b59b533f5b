/**
 * The ignore file: a YAML list of `{id | package, reason, expires: YYYY-MM-DD}`. Every entry needs
 * a reason and an expiry; an expired entry stops ignoring and says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { ConfigError } from '../../core/errors.js';
import type { Finding } from './findings.js';

export interface IgnoreEntry {
  id?: string;
  package?: string;
  reason: string;
  expires: string;
  line?: number;
}

export function readIgnoreFile(path: string, displayPath: string): IgnoreEntry[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const document = parseDocument(text);
  if (document.errors.length)
    throw new ConfigError(`${displayPath} is not valid YAML: ${document.errors[0]?.message.split('\n')[0]}`, { file: displayPath });
  const items =
    document.contents && 'items' in document.contents ? (document.contents.items as { toJSON(): unknown; range?: [number] }[]) : [];
  if (document.contents && !('items' in document.contents && Array.isArray(document.toJSON()))) {
    throw new ConfigError(`${displayPath} must be a YAML list of {id or package, reason, expires} entries`, { file: displayPath });
  }
  return items.map((item, index) => {
    const entry = item.toJSON() as Partial<IgnoreEntry> & Record<string, unknown>;
    const line = item.range ? text.slice(0, item.range[0]).split('\n').length : undefined;
    const where = { file: displayPath, line };
    if (!entry || typeof entry !== 'object' || (!entry.id && !entry.package)) {
      throw new ConfigError(`${displayPath}: entry ${index + 1} needs an id (advisory id or alias) or a package`, where);
    }
    if (!entry.reason || typeof entry.reason !== 'string')
      throw new ConfigError(`${displayPath}: entry ${index + 1} (${entry.id ?? entry.package}) needs a reason`, where);
    const rawExpires: unknown = entry.expires;
    const expires = rawExpires instanceof Date ? rawExpires.toISOString().slice(0, 10) : String(rawExpires ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expires)) {
      throw new ConfigError(`${displayPath}: entry ${index + 1} (${entry.id ?? entry.package}) needs expires: YYYY-MM-DD`, where);
    }
    return { id: entry.id as string | undefined, package: entry.package as string | undefined, reason: entry.reason, expires, line };
  });
}

export interface IgnoreOutcome {
  expired: IgnoreEntry[];
}

/** Marks findings an active entry covers; returns the expired entries that matched something. */
export function applyIgnores(findings: Finding[], entries: readonly IgnoreEntry[], today: string): IgnoreOutcome {
  const expired: IgnoreEntry[] = [];
  for (const finding of findings) {
    for (const entry of entries) {
      const matches =
        (entry.id && (entry.id === finding.ruleId || finding.aliases.includes(entry.id))) ||
        (entry.package && entry.package === finding.package);
      if (!matches) continue;
      if (entry.expires < today) {
        if (!expired.includes(entry)) expired.push(entry);
        continue;
      }
      finding.ignoredBy = `${entry.id ?? entry.package}: ${entry.reason} (until ${entry.expires})`;
      break;
    }
  }
  return { expired };
}
