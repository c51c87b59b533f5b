/** Each ecosystem's version ordering, loaded only when that ecosystem has packages to match. */
import { compareApkVersions, compareDpkgVersions, isApkVersion, isDpkgVersion } from './os-versions.js';
import type { VersionOrdering } from './osv.js';

/** Whether this scanner can order an OSV ecosystem's versions (OS ecosystems carry their release: `Debian:12`). */
export function canOrder(ecosystem: string): boolean {
  return ['npm', 'PyPI', 'Debian', 'Ubuntu', 'Alpine'].includes(ecosystem.split(':')[0] ?? '');
}

/** The ordering for an OSV ecosystem name that `canOrder` accepts. */
export async function orderingFor(ecosystem: string): Promise<VersionOrdering> {
  const family = ecosystem.split(':')[0];
  if (family === 'Debian' || family === 'Ubuntu') return { compare: compareDpkgVersions, valid: isDpkgVersion };
  if (family === 'Alpine') return { compare: compareApkVersions, valid: isApkVersion };
  if (ecosystem === 'PyPI') {
    const pep440 = await import('@renovatebot/pep440');
    return { compare: (a, b) => pep440.compare(a, b), valid: (version) => pep440.valid(version) !== null };
  }
  if (ecosystem !== 'npm') throw new Error(`no version ordering for the ${ecosystem} ecosystem`);
  const semver = await import('semver');
  // OSV's npm ranges sometimes say "1.0"; coerce what is not strict semver.
  const strict = (version: string) => semver.valid(version, { loose: true }) ?? semver.valid(semver.coerce(version)) ?? undefined;
  return {
    compare: (a, b) => semver.compare(strict(a) ?? a, strict(b) ?? b, { loose: true }),
    valid: (version) => strict(version) !== undefined,
  };
}
