/**
 * SPDX license expressions evaluated, not string-matched: `MIT OR GPL-2.0-or-later` is acceptable
 * when either side is; `A AND B` only when both are; `X WITH exception` as X; `GPL-2.0+` as
 * `GPL-2.0-or-later`, bare `GPL-2.0` as `GPL-2.0-only`.
 */
export const COPYLEFT = [
  'AGPL-1.0',
  'AGPL-3.0',
  'GPL-1.0',
  'GPL-2.0',
  'GPL-3.0',
  'LGPL-2.0',
  'LGPL-2.1',
  'LGPL-3.0',
  'MPL-1.0',
  'MPL-1.1',
  'MPL-2.0',
  'EPL-1.0',
  'EPL-2.0',
  'EUPL-1.1',
  'EUPL-1.2',
  'CDDL-1.0',
  'CDDL-1.1',
  'OSL-3.0',
  'SSPL-1.0',
  'CPAL-1.0',
];

type Node = { license: string } | { and: [Node, Node] } | { or: [Node, Node] };

export function normaliseLicenseId(id: string): string {
  const trimmed = id.trim();
  if (trimmed.endsWith('+')) return `${trimmed.slice(0, -1)}-or-later`;
  if (/^(A|L)?GPL-\d\.\d$/i.test(trimmed)) return `${trimmed}-only`;
  return trimmed;
}

/** The family of a license id: `GPL-2.0-or-later` → `GPL-2.0`, for lists such as the copyleft preset. */
function family(id: string): string {
  return normaliseLicenseId(id)
    .replace(/-(only|or-later)$/i, '')
    .toUpperCase();
}

export function parseSpdx(expression: string): Node {
  const tokens = expression.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').trim().split(/\s+/).filter(Boolean);
  let position = 0;
  const primary = (): Node => {
    const token = tokens[position++];
    if (token === undefined) throw new Error(`incomplete license expression: ${expression}`);
    if (token === '(') {
      const node = or();
      if (tokens[position++] !== ')') throw new Error(`unbalanced parentheses in: ${expression}`);
      return node;
    }
    if (/^(AND|OR|WITH|\))$/i.test(token)) throw new Error(`unexpected '${token}' in: ${expression}`);
    let license = token;
    if (tokens[position]?.toUpperCase() === 'WITH') {
      position += 2; // an exception widens a license's grant; judge the license itself
    }
    license = normaliseLicenseId(license);
    return { license };
  };
  const and = (): Node => {
    let node = primary();
    while (tokens[position]?.toUpperCase() === 'AND') {
      position++;
      node = { and: [node, primary()] };
    }
    return node;
  };
  const or = (): Node => {
    let node = and();
    while (tokens[position]?.toUpperCase() === 'OR') {
      position++;
      node = { or: [node, and()] };
    }
    return node;
  };
  const node = or();
  if (position !== tokens.length) throw new Error(`unexpected '${tokens[position]}' in: ${expression}`);
  return node;
}

export interface LicensePolicy {
  allow: string[];
  deny: string[];
}

/** Expands the `no-copyleft` preset. */
export function policyFrom(allow: readonly string[], deny: readonly string[]): LicensePolicy {
  const expand = (ids: readonly string[]) => ids.flatMap((id) => (id.toLowerCase() === 'no-copyleft' ? COPYLEFT : [id.trim()]));
  return { allow: expand(allow), deny: expand(deny) };
}

/** A list entry with a version qualifier (`-only`, `-or-later`, `+`) names one license; without, its whole family. */
function entryMatches(entry: string, license: string): boolean {
  if (/(-only|-or-later|\+)$/i.test(entry)) return normaliseLicenseId(entry).toUpperCase() === license.toUpperCase();
  return family(entry) === family(license);
}

function leafAllowed(license: string, policy: LicensePolicy): boolean {
  if (policy.deny.some((entry) => entryMatches(entry, license))) return false;
  return policy.allow.length === 0 || policy.allow.some((entry) => entryMatches(entry, license));
}

export function isAcceptable(expression: string, policy: LicensePolicy): boolean {
  const visit = (node: Node): boolean => {
    if ('license' in node) return leafAllowed(node.license, policy);
    if ('and' in node) return visit(node.and[0]) && visit(node.and[1]);
    return visit(node.or[0]) || visit(node.or[1]);
  };
  return visit(parseSpdx(expression));
}
