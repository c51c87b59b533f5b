/**
 * The image scanner without trivy: the image's filesystem is exported with `docker save` and
 * inventoried — dpkg status, apk database, node_modules and Python dist-info — never run.
 * OS packages are matched as OSV's distribution ecosystems name them: by source package and
 * source version, in the release the image's os-release names (`Debian:12`, `Alpine:v3.19`).
 */
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative } from 'node:path';
import { exec } from '../../core/exec.js';
import { installedPackages } from './licenses.js';

export interface OsPackage {
  /** The binary package as installed. */
  name: string;
  version: string;
  /** The source package it was built from, which distribution advisories name. */
  sourceName: string;
  sourceVersion: string;
}

export interface ImagePackage {
  /** OSV ecosystem: `npm`, `PyPI`, or a distribution with its release (`Debian:12`, `Alpine:v3.19`). */
  ecosystem: string;
  name: string;
  version: string;
  /** For OS packages, the source package and version advisories are written against. */
  source?: { name: string; version: string };
  file: string;
}

/** Installed packages of a dpkg status file; `Source: name (version)` gives the source when it differs. */
export function parseDpkgStatus(text: string): OsPackage[] {
  const packages: OsPackage[] = [];
  for (const block of text.split(/\n\n+/)) {
    const name = /^Package:\s*(.+)$/m.exec(block)?.[1]?.trim();
    const version = /^Version:\s*(.+)$/m.exec(block)?.[1]?.trim();
    if (!name || !version || !/^Status:.*\binstalled$/m.test(block)) continue;
    const source = /^Source:\s*(\S+)(?:\s+\((.+)\))?\s*$/m.exec(block);
    packages.push({ name, version, sourceName: source?.[1] ?? name, sourceVersion: source?.[2]?.trim() ?? version });
  }
  return packages;
}

/** Installed packages of apk's database (`P:` name, `V:` version, `o:` origin, the source package). */
export function parseApkInstalled(text: string): OsPackage[] {
  const packages: OsPackage[] = [];
  for (const block of text.split(/\n\n+/)) {
    const name = /^P:(.+)$/m.exec(block)?.[1]?.trim();
    const version = /^V:(.+)$/m.exec(block)?.[1]?.trim();
    if (!name || !version) continue;
    packages.push({ name, version, sourceName: /^o:(.+)$/m.exec(block)?.[1]?.trim() ?? name, sourceVersion: version });
  }
  return packages;
}

/**
 * The OSV ecosystem of a distribution from its os-release file (and Alpine's alpine-release):
 * `Debian:12`, `Ubuntu:22.04`, `Alpine:v3.19`. Without a release, the bare family name.
 */
export function distributionEcosystem(osRelease: string, alpineRelease?: string): string | undefined {
  const field = (key: string) => new RegExp(`^${key}=["']?([^"'\n]*)["']?$`, 'm').exec(osRelease)?.[1]?.trim();
  const id = field('ID');
  const version = field('VERSION_ID');
  if (id === 'debian') return version ? `Debian:${version.split('.')[0]}` : 'Debian';
  if (id === 'ubuntu') return version ? `Ubuntu:${version}` : 'Ubuntu';
  if (id === 'alpine' || alpineRelease) {
    const release = /^(\d+)\.(\d+)/.exec(alpineRelease?.trim() || version || '');
    return release ? `Alpine:v${release[1]}.${release[2]}` : 'Alpine';
  }
  return undefined;
}

/** Reads a file of the extracted root, following symbolic links inside the root (never out of it). */
function readInRoot(root: string, path: string): string | undefined {
  let current = path;
  for (let hop = 0; hop < 8; hop++) {
    const absolute = join(root, current);
    const stats = lstatOrUndefined(absolute);
    if (!stats) return undefined;
    if (!stats.isSymbolicLink()) return stats.isFile() ? readFileSync(absolute, 'utf8') : undefined;
    const target = readlinkSync(absolute);
    current = normalize(target.startsWith('/') ? target : join(dirname(current), target)).replace(/^(\.\.\/)+/, '');
  }
  return undefined;
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

export async function inventoryImage(image: string, env?: Record<string, string>): Promise<ImagePackage[]> {
  const work = mkdtempSync(join(tmpdir(), 'security-scan-image-'));
  try {
    const archive = join(work, 'image.tar');
    await exec('docker', ['save', '--output', archive, image], { silent: true, env });
    const saved = join(work, 'saved');
    const root = join(work, 'rootfs');
    await exec('mkdir', ['-p', saved, root], { silent: true });
    await exec('tar', ['-xf', archive, '-C', saved], { silent: true });
    const manifest = JSON.parse(readFileSync(join(saved, 'manifest.json'), 'utf8')) as { Layers: string[] }[];
    // Layers in order; later ones overwrite earlier files. Only the files an inventory needs are extracted.
    for (const layer of manifest[0]?.Layers ?? []) {
      await exec(
        'tar',
        [
          '-xf',
          join(saved, layer),
          '-C',
          root,
          '--wildcards',
          '--no-anchored',
          'status',
          'installed',
          'package.json',
          'METADATA',
          'os-release',
          'alpine-release',
          '--exclude=*/test*',
        ],
        { silent: true, allowFailure: true },
      );
    }
    const packages: ImagePackage[] = [];
    const osRelease = readInRoot(root, 'etc/os-release') ?? readInRoot(root, 'usr/lib/os-release') ?? '';
    const alpineRelease = readInRoot(root, 'etc/alpine-release');
    const distribution = distributionEcosystem(osRelease, alpineRelease);
    const osPackages = (file: string, families: string[], parse: (text: string) => OsPackage[]) => {
      const text = readInRoot(root, file);
      if (text === undefined) return;
      // The release applies to the package database of that distribution's own package manager.
      const ecosystem = distribution && families.includes(distribution.split(':')[0] ?? '') ? distribution : families[0];
      for (const entry of parse(text))
        packages.push({
          ecosystem: ecosystem as string,
          name: entry.name,
          version: entry.version,
          source: { name: entry.sourceName, version: entry.sourceVersion },
          file,
        });
    };
    osPackages('var/lib/dpkg/status', ['Debian', 'Ubuntu'], parseDpkgStatus);
    osPackages('lib/apk/db/installed', ['Alpine'], parseApkInstalled);
    const visit = (folder: string, depth: number) => {
      if (depth > 8 || !existsSync(folder)) return;
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        const path = join(folder, entry.name);
        if (entry.name === 'node_modules' || entry.name === 'site-packages' || entry.name === 'dist-packages') {
          // Paths in the image, not relative to the folder the packages were found under.
          const base = entry.name === 'node_modules' ? folder : path;
          for (const installed of installedPackages(base)) {
            const file = join(relative(root, base), installed.file);
            packages.push({ ecosystem: installed.ecosystem, name: installed.name, version: installed.version, file });
          }
        } else visit(path, depth + 1);
      }
    };
    visit(root, 0);
    return packages;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
