/**
 * Licenses of what is installed: node_modules package.json files and Python *.dist-info/METADATA
 * (License-Expression, License, then the license classifiers), judged by the SPDX policy.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Finding } from './findings.js';
import { isAcceptable, type LicensePolicy } from './spdx.js';

export interface InstalledPackage {
  ecosystem: 'npm' | 'PyPI';
  name: string;
  version: string;
  /** An SPDX expression, or undefined when the package declares none we can read. */
  license?: string;
  file: string;
}

const CLASSIFIERS: Record<string, string> = {
  'MIT License': 'MIT',
  'BSD License': 'BSD-3-Clause',
  'Apache Software License': 'Apache-2.0',
  'ISC License (ISCL)': 'ISC',
  'Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
  'GNU General Public License v2 (GPLv2)': 'GPL-2.0-only',
  'GNU General Public License v2 or later (GPLv2+)': 'GPL-2.0-or-later',
  'GNU General Public License v3 (GPLv3)': 'GPL-3.0-only',
  'GNU General Public License v3 or later (GPLv3+)': 'GPL-3.0-or-later',
  'GNU Lesser General Public License v2 or later (LGPLv2+)': 'LGPL-2.0-or-later',
  'GNU Lesser General Public License v3 (LGPLv3)': 'LGPL-3.0-only',
  'GNU Affero General Public License v3': 'AGPL-3.0-only',
  'Python Software Foundation License': 'PSF-2.0',
  'The Unlicense (Unlicense)': 'Unlicense',
};

export function npmLicense(manifest: { license?: unknown; licenses?: unknown }): string | undefined {
  const value = manifest.license ?? manifest.licenses;
  if (typeof value === 'string')
    return /^SEE LICEN[CS]E IN/i.test(value) || value === 'UNLICENSED' ? undefined : value.replace(/^\((.*)\)$/, '$1');
  if (Array.isArray(value)) {
    const types = value.map((entry) => (typeof entry === 'string' ? entry : (entry as { type?: string }).type)).filter(Boolean);
    return types.length ? types.join(' OR ') : undefined;
  }
  if (value && typeof value === 'object' && typeof (value as { type?: string }).type === 'string') return (value as { type: string }).type;
  return undefined;
}

export function pythonLicense(metadata: string): string | undefined {
  const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'mi').exec(metadata)?.[1]?.trim();
  const expression = field('License-Expression');
  if (expression) return expression;
  const classifiers = [...metadata.matchAll(/^Classifier:\s*License :: (?:OSI Approved :: )?(.+)$/gim)].map(
    (match) => CLASSIFIERS[(match[1] as string).trim()],
  );
  const known = classifiers.filter((id): id is string => Boolean(id));
  if (known.length) return known.join(' OR ');
  const license = field('License');
  return license && /^[\w.+-]+$/.test(license) && license.toUpperCase() !== 'UNKNOWN' ? license : undefined;
}

export function installedPackages(root: string): InstalledPackage[] {
  const found: InstalledPackage[] = [];
  const visitNodeModules = (folder: string) => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.name.startsWith('@')) {
        visitNodeModules(path);
        continue;
      }
      const manifestPath = join(path, 'package.json');
      if (existsSync(manifestPath)) {
        try {
          const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
            name?: string;
            version?: string;
            license?: unknown;
            licenses?: unknown;
          };
          if (manifest.name && manifest.version) {
            found.push({
              ecosystem: 'npm',
              name: manifest.name,
              version: manifest.version,
              license: npmLicense(manifest),
              file: relative(root, manifestPath),
            });
          }
        } catch {
          // an unreadable manifest is no package we can judge
        }
      }
      visitNodeModules(join(path, 'node_modules'));
    }
  };
  visitNodeModules(join(root, 'node_modules'));
  const visitPython = (folder: string, depth: number) => {
    if (depth > 6 || !existsSync(folder)) return;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name === '.git') continue;
      const path = join(folder, entry.name);
      if (entry.name.endsWith('.dist-info') && existsSync(join(path, 'METADATA'))) {
        const metadata = readFileSync(join(path, 'METADATA'), 'utf8');
        const name = /^Name:\s*(.+)$/m.exec(metadata)?.[1]?.trim();
        const version = /^Version:\s*(.+)$/m.exec(metadata)?.[1]?.trim();
        if (name && version)
          found.push({ ecosystem: 'PyPI', name, version, license: pythonLicense(metadata), file: relative(root, join(path, 'METADATA')) });
      } else visitPython(path, depth + 1);
    }
  };
  visitPython(root, 0);
  return found;
}

export function judgeLicenses(packages: readonly InstalledPackage[], policy: LicensePolicy): Finding[] {
  const findings: Finding[] = [];
  for (const installed of packages) {
    const base = { scanner: 'licenses' as const, aliases: [], file: installed.file, package: installed.name, version: installed.version };
    if (!installed.license) {
      findings.push({
        ...base,
        ruleId: 'license/unknown',
        severity: 'unknown',
        title: `${installed.name}@${installed.version} declares no license we can read`,
      });
      continue;
    }
    let acceptable: boolean;
    try {
      acceptable = isAcceptable(installed.license, policy);
    } catch {
      findings.push({
        ...base,
        ruleId: 'license/unknown',
        severity: 'unknown',
        title: `${installed.name}@${installed.version}: '${installed.license}' is not an SPDX expression`,
      });
      continue;
    }
    if (!acceptable) {
      findings.push({
        ...base,
        ruleId: `license/${installed.license}`,
        severity: 'high',
        title: `${installed.name}@${installed.version} is licensed ${installed.license}, which the policy does not allow`,
      });
    }
  }
  return findings;
}
