/**
 * Line coverage from lcov, Cobertura XML and Istanbul JSON (coverage-final.json with per-statement
 * counts, or coverage-summary.json with per-file totals), merged per file — a line counts as
 * covered when any tool or shard covered it — before the total is computed.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { SaxesParser, type SaxesTag } from 'saxes';

export interface FileCoverage {
  /** line → hits; absent when only totals are known. */
  lines?: Map<number, number>;
  totals?: { total: number; covered: number };
}

export type CoverageMap = Map<string, FileCoverage>;

function addLine(map: CoverageMap, file: string, line: number, hits: number): void {
  let entry = map.get(file);
  if (!entry) {
    entry = {};
    map.set(file, entry);
  }
  entry.lines ??= new Map();
  entry.lines.set(line, Math.max(entry.lines.get(line) ?? 0, hits));
}

export function parseLcov(text: string, normalise: (file: string) => string): CoverageMap {
  const map: CoverageMap = new Map();
  let file: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('SF:')) file = normalise(line.slice(3).trim());
    else if (line.startsWith('DA:') && file) {
      const [number, hits] = line.slice(3).split(',');
      addLine(map, file, Number(number), Number(hits));
    } else if (line === 'end_of_record') file = undefined;
  }
  return map;
}

export async function parseCobertura(path: string, normalise: (file: string) => string): Promise<CoverageMap> {
  const map: CoverageMap = new Map();
  const parser = new SaxesParser();
  let file: string | undefined;
  const sources: string[] = [];
  let inSource = false;
  parser.on('opentag', (tag: SaxesTag) => {
    const attributes = tag.attributes as Record<string, string>;
    if (tag.name === 'source') inSource = true;
    if (tag.name === 'class')
      file = normalise(
        sources.length && !attributes.filename?.startsWith('/') ? `${sources[0]}/${attributes.filename}` : (attributes.filename ?? ''),
      );
    if (tag.name === 'line' && file && attributes.number) addLine(map, file, Number(attributes.number), Number(attributes.hits ?? 0));
  });
  parser.on('text', (text) => {
    if (inSource && text.trim()) sources.push(text.trim());
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'source') inSource = false;
    if (tag.name === 'class') file = undefined;
  });
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) parser.write(chunk as string);
  parser.close();
  return map;
}

interface IstanbulFile {
  statementMap?: Record<string, { start: { line: number } }>;
  s?: Record<string, number>;
  lines?: { total: number; covered: number };
}

export function parseIstanbul(text: string, normalise: (file: string) => string): CoverageMap {
  const map: CoverageMap = new Map();
  const document = JSON.parse(text) as Record<string, IstanbulFile>;
  for (const [name, data] of Object.entries(document)) {
    if (name === 'total') continue;
    const file = normalise(name);
    if (data.statementMap && data.s) {
      for (const [id, location] of Object.entries(data.statementMap)) addLine(map, file, location.start.line, data.s[id] ?? 0);
    } else if (data.lines) {
      map.set(file, { ...map.get(file), totals: { total: data.lines.total, covered: data.lines.covered } });
    }
  }
  return map;
}

export async function readCoverageFile(path: string, root: string): Promise<CoverageMap> {
  const normalise = (file: string) => (file.startsWith('/') ? relative(root, file) : file.replace(/^\.\//, ''));
  if (path.endsWith('.json')) return parseIstanbul(readFileSync(path, 'utf8'), normalise);
  if (path.endsWith('.xml')) return parseCobertura(path, normalise);
  return parseLcov(readFileSync(path, 'utf8'), normalise);
}

export function mergeCoverage(maps: CoverageMap[]): CoverageMap {
  const merged: CoverageMap = new Map();
  for (const map of maps) {
    for (const [file, coverage] of map) {
      for (const [line, hits] of coverage.lines ?? []) addLine(merged, file, line, hits);
      if (coverage.totals && !merged.get(file)?.lines) {
        const previous = merged.get(file)?.totals;
        merged.set(file, {
          totals: previous
            ? { total: Math.max(previous.total, coverage.totals.total), covered: Math.max(previous.covered, coverage.totals.covered) }
            : coverage.totals,
        });
      }
    }
  }
  return merged;
}

/** Total line coverage in percent (one decimal), or undefined when nothing was measured. */
export function lineCoverage(map: CoverageMap): { percent?: number; total: number; covered: number } {
  let total = 0;
  let covered = 0;
  for (const coverage of map.values()) {
    if (coverage.lines) {
      total += coverage.lines.size;
      for (const hits of coverage.lines.values()) if (hits > 0) covered++;
    } else if (coverage.totals) {
      total += coverage.totals.total;
      covered += coverage.totals.covered;
    }
  }
  return { percent: total ? Math.round((covered / total) * 1000) / 10 : undefined, total, covered };
}
