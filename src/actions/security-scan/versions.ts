/** Each ecosystem's version ordering, loaded only when that ecosystem has packages to match. */
import type { Ecosystem } from './lockfiles.js';
import type { VersionOrdering } from './osv.js';

export async function orderingFor(ecosystem: Ecosystem): Promise<VersionOrdering> {
  if (ecosystem === 'PyPI') {
    const pep440 = await import('@renovatebot/pep440');
    return { compare: (a, b) => pep440.compare(a, b), valid: (version) => pep440.valid(version) !== null };
  }
  const semver = await import('semver');
  // OSV's npm ranges sometimes say "1.0"; coerce what is not strict semver.
  const strict = (version: string) => semver.valid(version, { loose: true }) ?? semver.valid(semver.coerce(version)) ?? undefined;
  return {
    compare: (a, b) => semver.compare(strict(a) ?? a, strict(b) ?? b, { loose: true }),
    valid: (version) => strict(version) !== undefined,
  };
}
