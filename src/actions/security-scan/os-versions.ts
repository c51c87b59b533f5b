/**
 * Operating-system package version orderings, as OSV's Debian and Alpine ecosystems use them:
 * dpkg's (epoch, upstream, revision; `~` sorts before everything, even the end) and apk's
 * (numbers, a letter, `_alpha`…`_rc` before the release and `_cvs`…`_p` after it, `-rN`).
 */

/** dpkg's character weight: `~` lowest, then the end and digits, then letters, then everything else. */
function dpkgOrder(character: string | undefined): number {
  if (character === undefined) return 0;
  if (character === '~') return -1;
  if (character >= '0' && character <= '9') return 0;
  if (/[A-Za-z]/.test(character)) return character.charCodeAt(0);
  return character.charCodeAt(0) + 256;
}

const isDigit = (character: string | undefined) => character !== undefined && character >= '0' && character <= '9';

/** dpkg's verrevcmp: alternating non-digit runs (by weight) and digit runs (by value). */
function compareDpkgPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const difference = dpkgOrder(a[i]) - dpkgOrder(b[j]);
      if (difference) return Math.sign(difference);
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    let firstDifference = 0;
    while (isDigit(a[i]) && isDigit(b[j])) {
      if (!firstDifference) firstDifference = (a.charCodeAt(i) - b.charCodeAt(j)) | 0;
      i++;
      j++;
    }
    if (isDigit(a[i])) return 1;
    if (isDigit(b[j])) return -1;
    if (firstDifference) return Math.sign(firstDifference);
  }
  return 0;
}

function splitDpkgVersion(version: string): { epoch: number; upstream: string; revision: string } {
  const colon = version.indexOf(':');
  const epoch = colon > 0 ? Number(version.slice(0, colon)) : 0;
  const rest = colon > 0 ? version.slice(colon + 1) : version;
  const dash = rest.lastIndexOf('-');
  return dash >= 0 ? { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) } : { epoch, upstream: rest, revision: '' };
}

/** Negative, zero or positive as `a` sorts before, with or after `b` in dpkg's ordering. */
export function compareDpkgVersions(a: string, b: string): number {
  const left = splitDpkgVersion(a.trim());
  const right = splitDpkgVersion(b.trim());
  if (left.epoch !== right.epoch) return Math.sign(left.epoch - right.epoch);
  return compareDpkgPart(left.upstream, right.upstream) || compareDpkgPart(left.revision, right.revision);
}

export function isDpkgVersion(version: string): boolean {
  return /^(?:\d+:)?[0-9][A-Za-z0-9.+~:-]*$/.test(version.trim()) && (version.includes(':') ? /^\d+:/.test(version) : true);
}

// apk token kinds, in the order apk-tools ranks them when two versions run out of equal tokens.
const DIGIT = 1;
const LETTER = 2;
const SUFFIX = 3;
const SUFFIX_NUMBER = 4;
const REVISION = 5;
const END = 6;

const SUFFIXES: Record<string, number> = { alpha: -4, beta: -3, pre: -2, rc: -1, cvs: 1, svn: 2, git: 3, hg: 4, p: 5 };
const APK_VERSION = /^\d+(?:\.\d+)*[a-z]?(?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*(?:~[0-9a-f]+)?(?:-r\d+)?$/;

interface ApkToken {
  kind: number;
  text: string;
  /** Whether this is a dotted component after the first (apk compares those with a leading zero as text). */
  fraction?: boolean;
}

function apkTokens(version: string): ApkToken[] {
  const tokens: ApkToken[] = [];
  const pattern = /(\d+)|\.(\d+)|([a-z])|_([a-z]+)(\d*)|~[0-9a-f]+|-r(\d+)/y;
  let match: RegExpExecArray | null = pattern.exec(version);
  while (match) {
    if (match[1] !== undefined) tokens.push({ kind: DIGIT, text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: DIGIT, text: match[2], fraction: true });
    else if (match[3] !== undefined) tokens.push({ kind: LETTER, text: match[3] });
    else if (match[4] !== undefined) {
      tokens.push({ kind: SUFFIX, text: match[4] });
      if (match[5]) tokens.push({ kind: SUFFIX_NUMBER, text: match[5] });
    } else if (match[6] !== undefined) tokens.push({ kind: REVISION, text: match[6] });
    match = pattern.exec(version);
  }
  tokens.push({ kind: END, text: '' });
  return tokens;
}

function compareNumbers(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left === right ? 0 : left < right ? -1 : 1;
}

function compareApkToken(a: ApkToken, b: ApkToken): number {
  switch (a.kind) {
    case DIGIT:
      // apk-tools: a later component with a leading zero compares as a decimal fraction (text).
      if ((a.fraction || b.fraction) && (a.text.startsWith('0') || b.text.startsWith('0')))
        return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
      return compareNumbers(a.text, b.text);
    case SUFFIX:
      return Math.sign((SUFFIXES[a.text] ?? 0) - (SUFFIXES[b.text] ?? 0));
    case LETTER:
      return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
    default:
      return compareNumbers(a.text, b.text);
  }
}

/** Negative, zero or positive as `a` sorts before, with or after `b` in apk's ordering. */
export function compareApkVersions(a: string, b: string): number {
  const left = apkTokens(a.trim());
  const right = apkTokens(b.trim());
  let index = 0;
  while (left[index]?.kind === right[index]?.kind && left[index]?.kind !== END) {
    const difference = compareApkToken(left[index] as ApkToken, right[index] as ApkToken);
    if (difference) return difference;
    index++;
  }
  const leftToken = left[index] as ApkToken;
  const rightToken = right[index] as ApkToken;
  if (leftToken.kind === rightToken.kind) return 0;
  // Equal so far: the longer version is newer, unless what follows is a pre-release suffix.
  if (leftToken.kind === SUFFIX && (SUFFIXES[leftToken.text] ?? 0) < 0) return -1;
  if (rightToken.kind === SUFFIX && (SUFFIXES[rightToken.text] ?? 0) < 0) return 1;
  return leftToken.kind > rightToken.kind ? -1 : 1;
}

export function isApkVersion(version: string): boolean {
  return APK_VERSION.test(version.trim());
}
