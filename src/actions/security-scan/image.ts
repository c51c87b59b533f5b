/**
 * The image scanner without trivy: the image's filesystem is exported with `docker save` and
 * inventoried — dpkg status, apk database, node_modules and Python dist-info — never run.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exec } from '../../core/exec.js';
import { installedPackages } from './licenses.js';

export interface ImagePackage {
  ecosystem: 'Debian' | 'Alpine' | 'npm' | 'PyPI';
  name: string;
  version: string;
  file: string;
}

export function parseDpkgStatus(text: string): { name: string; version: string }[] {
  return text
    .split(/\n\n+/)
    .map((block) => ({
      name: /^Package:\s*(.+)$/m.exec(block)?.[1]?.trim(),
      version: /^Version:\s*(.+)$/m.exec(block)?.[1]?.trim(),
      installed: /^Status:.*\binstalled$/m.test(block),
    }))
    .filter((entry): entry is { name: string; version: string; installed: true } =>
      Boolean(entry.name && entry.version && entry.installed),
    );
}

export function parseApkInstalled(text: string): { name: string; version: string }[] {
  return text
    .split(/\n\n+/)
    .map((block) => ({ name: /^P:(.+)$/m.exec(block)?.[1], version: /^V:(.+)$/m.exec(block)?.[1] }))
    .filter((entry): entry is { name: string; version: string } => Boolean(entry.name && entry.version));
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
          '--exclude=*/test*',
        ],
        { silent: true, allowFailure: true },
      );
    }
    const packages: ImagePackage[] = [];
    const dpkg = join(root, 'var/lib/dpkg/status');
    if (existsSync(dpkg))
      for (const entry of parseDpkgStatus(readFileSync(dpkg, 'utf8')))
        packages.push({ ecosystem: 'Debian', ...entry, file: 'var/lib/dpkg/status' });
    const apk = join(root, 'lib/apk/db/installed');
    if (existsSync(apk))
      for (const entry of parseApkInstalled(readFileSync(apk, 'utf8')))
        packages.push({ ecosystem: 'Alpine', ...entry, file: 'lib/apk/db/installed' });
    const visit = (folder: string, depth: number) => {
      if (depth > 8 || !existsSync(folder)) return;
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        const path = join(folder, entry.name);
        if (entry.name === 'node_modules' || entry.name === 'site-packages' || entry.name === 'dist-packages') {
          for (const installed of installedPackages(entry.name === 'node_modules' ? folder : path)) {
            packages.push({ ecosystem: installed.ecosystem, name: installed.name, version: installed.version, file: installed.file });
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
