/**
 * A real Debian root filesystem for image tests: `debootstrap --variant=minbase` of the suite this
 * machine's apt sources name, from the same mirror, kept as a tarball outside the repository
 * (`os.tmpdir()/build-tools-debootstrap-<suite>[+<packages>].tar`) so it is built once per machine and
 * reused. Extra packages (e.g. python3 for a Python base image) make a separate tarball.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exec, which } from '../../src/core/exec.js';
import type { DockerEngine } from './docker.js';

export interface DebianSource {
  mirror: string;
  suite: string;
}

/**
 * The Debian mirror and release suite an apt sources file names (deb822 `.sources` or one-line
 * `.list`): the first `…/debian` URI with a suite that is a release (not `-updates`/`-security`).
 */
export function parseAptSources(text: string): DebianSource | undefined {
  for (const stanza of text.split(/\n\s*\n/)) {
    if (/^Enabled:\s*no\b/im.test(stanza)) continue;
    const uri = /^URIs:\s*(\S+)/im.exec(stanza)?.[1];
    const suite = /^Suites:\s*(.+)$/im
      .exec(stanza)?.[1]
      ?.split(/\s+/)
      .find((name) => name && !name.includes('-'));
    if (uri && suite && /\/debian\/?$/.test(uri)) return { mirror: uri, suite };
  }
  for (const line of text.split('\n')) {
    const match = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian\/?)\s+([a-z]+)(?:\s|$)/.exec(line.trim());
    if (match?.[1] && match[2]) return { mirror: match[1], suite: match[2] };
  }
  return undefined;
}

/** This machine's Debian mirror and suite from apt's sources; deb.debian.org and bookworm when none is found. */
export function debianSourceOfThisMachine(): DebianSource {
  const files = ['/etc/apt/sources.list'];
  if (existsSync('/etc/apt/sources.list.d'))
    for (const name of readdirSync('/etc/apt/sources.list.d').sort())
      if (name.endsWith('.sources') || name.endsWith('.list')) files.push(join('/etc/apt/sources.list.d', name));
  for (const file of files) {
    const found = existsSync(file) ? parseAptSources(readFileSync(file, 'utf8')) : undefined;
    if (found) return found;
  }
  return { mirror: 'http://deb.debian.org/debian', suite: 'bookworm' };
}

/** Whether debootstrap can run here (it needs root). */
export function debootstrapAvailable(): boolean {
  return Boolean(which('debootstrap') && process.getuid?.() === 0);
}

/**
 * The path of a tarball of a minbase Debian root for the suite, plus the packages in `include`, made
 * with debootstrap on first use (a minute or two) and reused afterwards. Written under a temporary
 * name and renamed, so a run that is interrupted never leaves half a tarball behind for the next one.
 */
export async function debianRootfsTarball(source: DebianSource = debianSourceOfThisMachine(), include: string[] = []): Promise<string> {
  const tarball = join(tmpdir(), `build-tools-debootstrap-${[source.suite, ...include].join('+')}.tar`);
  if (existsSync(tarball)) return tarball;
  if (!which('debootstrap')) throw new Error('debootstrap is not installed (apt-get install debootstrap)');
  const root = mkdtempSync(join(tmpdir(), 'build-tools-debootstrap-'));
  const partial = `${root}.tar`;
  try {
    const packages = include.length ? [`--include=${include.join(',')}`] : [];
    await exec('debootstrap', ['--variant=minbase', ...packages, source.suite, root, source.mirror], { silent: true, timeoutMs: 900_000 });
    // mkdtemp made the root 0700: as the image's / that would lock out every non-root USER.
    chmodSync(root, 0o755);
    await exec('tar', ['-C', root, '--numeric-owner', '-cf', partial, '.'], { silent: true });
    renameSync(partial, tarball);
  } finally {
    rmSync(partial, { force: true });
    // A debootstrap that stopped half-way can leave /proc or /sys mounted inside the root.
    for (const point of mountsBelow(root)) execFileSync('umount', ['-l', point], { stdio: 'ignore' });
    rmSync(root, { recursive: true, force: true });
  }
  return tarball;
}

function mountsBelow(directory: string): string[] {
  return readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((point) => point.startsWith(`${directory}/`))
    .sort((a, b) => b.length - a.length);
}

/** Imports the cached Debian root into the engine as an image. Returns the tag. */
export async function importDebianImage(engine: DockerEngine, source: DebianSource = debianSourceOfThisMachine()): Promise<string> {
  const tag = `local/debian:${source.suite}`;
  await engine.docker(['import', '--change', 'CMD ["/bin/bash"]', await debianRootfsTarball(source), tag]);
  return tag;
}

/**
 * A Python base image (Debian minbase with python3, as `python:3-slim` would be), for
 * building images of Python services without a registry. Returns the tag.
 */
export async function importPythonImage(engine: DockerEngine, source: DebianSource = debianSourceOfThisMachine()): Promise<string> {
  const tag = `local/python:${source.suite}`;
  const tarball = await debianRootfsTarball(source, ['python3']);
  await engine.docker([
    'import',
    '--change',
    'CMD ["/usr/bin/python3"]',
    '--change',
    'ENV PATH=/usr/local/bin:/usr/bin:/bin',
    tarball,
    tag,
  ]);
  return tag;
}
