/**
 * Matching packages against OSV advisories: an offline database (a folder of OSV JSON records, or
 * the per-ecosystem all.zip) or the OSV API; versions compared with the ecosystem's own ordering
 * (semver for npm, PEP 440 for PyPI, dpkg's for Debian, apk's for Alpine), severity from the CVSS vector or the database's rating.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { cvss3BaseScore, ratingOf } from './cvss.js';
import type { FindingSeverity } from './findings.js';

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRecord {
  id: string;
  summary?: string;
  details?: string;
  aliases?: string[];
  /** Distribution records (Debian, Alpine) name their CVEs here rather than in `aliases`. */
  upstream?: string[];
  withdrawn?: string;
  severity?: { type: string; score: string }[];
  affected?: {
    package?: { ecosystem: string; name: string };
    ranges?: { type: string; events: OsvEvent[] }[];
    versions?: string[];
    database_specific?: { severity?: string };
  }[];
  database_specific?: { severity?: string };
}

export interface VersionOrdering {
  compare(a: string, b: string): number;
  valid(version: string): boolean;
}

/** PyPI names compare normalised (PEP 503); npm names as written. */
export function normaliseName(ecosystem: string, name: string): string {
  return ecosystem === 'PyPI' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}

/** Whether `version` falls in an OSV range (events applied in version order, as the OSV spec describes). */
export function inRange(version: string, events: readonly OsvEvent[], ordering: VersionOrdering): boolean {
  const points = events
    .map((event) => {
      const [kind, value] = Object.entries(event)[0] as [keyof OsvEvent, string];
      return { kind, value };
    })
    .filter((point) => point.value === '0' || ordering.valid(point.value))
    .sort((a, b) => (a.value === '0' ? -1 : b.value === '0' ? 1 : ordering.compare(a.value, b.value)));
  let affected = false;
  for (const point of points) {
    const cmp = point.value === '0' ? 1 : ordering.compare(version, point.value);
    if (point.kind === 'introduced' && cmp >= 0) affected = true;
    else if (point.kind === 'fixed' && cmp >= 0) affected = false;
    else if (point.kind === 'last_affected' && cmp > 0) affected = false;
    else if (point.kind === 'limit' && cmp >= 0) affected = false;
  }
  return affected;
}

export function severityOf(record: OsvRecord, affectedIndex: number): FindingSeverity {
  for (const entry of record.severity ?? []) {
    if (entry.type === 'CVSS_V3' || entry.type === 'CVSS_V31' || entry.score.startsWith('CVSS:3')) {
      const score = cvss3BaseScore(entry.score);
      if (score !== undefined) return ratingOf(score);
    }
  }
  const rating = (record.affected?.[affectedIndex]?.database_specific?.severity ?? record.database_specific?.severity)?.toLowerCase();
  if (rating === 'moderate') return 'medium';
  if (rating === 'critical' || rating === 'high' || rating === 'medium' || rating === 'low') return rating;
  return 'unknown';
}

export interface Match {
  record: OsvRecord;
  severity: FindingSeverity;
  fixed: string[];
}

export class OsvDatabase {
  private readonly byPackage = new Map<string, OsvRecord[]>();
  count = 0;

  add(record: OsvRecord): void {
    if (record.withdrawn) return;
    this.count++;
    for (const affected of record.affected ?? []) {
      if (!affected.package) continue;
      const key = `${affected.package.ecosystem}:${normaliseName(affected.package.ecosystem, affected.package.name)}`;
      const list = this.byPackage.get(key) ?? [];
      if (!list.includes(record)) list.push(record);
      this.byPackage.set(key, list);
    }
  }

  match(ecosystem: string, name: string, version: string, ordering: VersionOrdering): Match[] {
    const matches: Match[] = [];
    const wanted = normaliseName(ecosystem, name);
    for (const record of this.byPackage.get(`${ecosystem}:${wanted}`) ?? []) {
      record.affected?.forEach((affected, index) => {
        if (affected.package?.ecosystem !== ecosystem || normaliseName(ecosystem, affected.package.name) !== wanted) return;
        const listed = affected.versions?.includes(version) ?? false;
        const ranged = (affected.ranges ?? [])
          .filter((range) => range.type === 'SEMVER' || range.type === 'ECOSYSTEM')
          .some((range) => ordering.valid(version) && inRange(version, range.events, ordering));
        if (!listed && !ranged) return;
        const fixed = (affected.ranges ?? []).flatMap((range) =>
          range.events.map((event) => event.fixed).filter((value): value is string => Boolean(value)),
        );
        if (!matches.some((match) => match.record === record)) matches.push({ record, severity: severityOf(record, index), fixed });
      });
    }
    return matches;
  }
}

/** Reads every entry of a zip archive (stored or deflated), as OSV's all.zip is. */
export function readZipEntries(buffer: Buffer): { name: string; data: Buffer }[] {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive');
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const entries: { name: string; data: Buffer }[] = [];
  for (let index = 0; index < count; index++) {
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const raw = buffer.subarray(dataStart, dataStart + compressedSize);
    if (!name.endsWith('/')) entries.push({ name, data: method === 8 ? inflateRawSync(raw) : raw });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export function loadOfflineDatabase(path: string): OsvDatabase {
  const database = new OsvDatabase();
  const addText = (text: string, source: string) => {
    try {
      database.add(JSON.parse(text) as OsvRecord);
    } catch (error) {
      throw new Error(`${source} is not an OSV JSON record: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const visit = (target: string) => {
    const stats = statSync(target);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(target)) visit(join(target, entry));
    } else if (target.endsWith('.zip')) {
      for (const entry of readZipEntries(readFileSync(target)))
        if (entry.name.endsWith('.json')) addText(entry.data.toString('utf8'), `${target}:${entry.name}`);
    } else if (target.endsWith('.json')) addText(readFileSync(target, 'utf8'), target);
  };
  visit(path);
  return database;
}

/** The OSV API (api.osv.dev): one batch query, then each hit's full record. */
export async function queryOsvApi(
  packages: { ecosystem: string; name: string; version: string }[],
  baseUrl = 'https://api.osv.dev',
): Promise<OsvDatabase> {
  const database = new OsvDatabase();
  const response = await fetch(`${baseUrl}/v1/querybatch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      queries: packages.map((entry) => ({ package: { ecosystem: entry.ecosystem, name: entry.name }, version: entry.version })),
    }),
    signal: AbortSignal.timeout(60_000),
  });
  if (!response.ok) throw new Error(`the OSV API answered HTTP ${response.status}`);
  const batch = (await response.json()) as { results: { vulns?: { id: string }[] }[] };
  const ids = [...new Set(batch.results.flatMap((result) => (result.vulns ?? []).map((vuln) => vuln.id)))];
  for (const id of ids) {
    const record = await fetch(`${baseUrl}/v1/vulns/${encodeURIComponent(id)}`, { signal: AbortSignal.timeout(30_000) });
    if (record.ok) database.add((await record.json()) as OsvRecord);
  }
  return database;
}
