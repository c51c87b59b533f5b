import { describe, expect, it } from 'vitest';
import { distributionEcosystem, parseApkInstalled, parseDpkgStatus } from './image.js';

describe('OS package databases', () => {
  it('reads installed dpkg packages with the source package and version advisories name', () => {
    const status = [
      'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u14',
      'Package: bash\nStatus: install ok installed\nSource: bash (5.2.15-2)\nVersion: 5.2.15-2+b13',
      'Package: zlib1g\nStatus: install ok installed\nSource: zlib\nVersion: 1:1.2.13.dfsg-1',
      'Package: dpkg\nStatus: install ok installed\nVersion: 1.21.23',
      'Package: removed\nStatus: deinstall ok config-files\nVersion: 1.0-1',
    ].join('\n\n');
    expect(parseDpkgStatus(status)).toEqual([
      { name: 'libc6', version: '2.36-9+deb12u14', sourceName: 'glibc', sourceVersion: '2.36-9+deb12u14' },
      { name: 'bash', version: '5.2.15-2+b13', sourceName: 'bash', sourceVersion: '5.2.15-2' },
      { name: 'zlib1g', version: '1:1.2.13.dfsg-1', sourceName: 'zlib', sourceVersion: '1:1.2.13.dfsg-1' },
      { name: 'dpkg', version: '1.21.23', sourceName: 'dpkg', sourceVersion: '1.21.23' },
    ]);
  });

  it('reads apk’s installed database with each package’s origin', () => {
    const installed = 'C:Q1abc=\nP:musl-utils\nV:1.2.4_git20230717-r4\nA:x86_64\no:musl\n\nC:Q1def=\nP:busybox\nV:1.36.1-r15\n';
    expect(parseApkInstalled(installed)).toEqual([
      { name: 'musl-utils', version: '1.2.4_git20230717-r4', sourceName: 'musl', sourceVersion: '1.2.4_git20230717-r4' },
      { name: 'busybox', version: '1.36.1-r15', sourceName: 'busybox', sourceVersion: '1.36.1-r15' },
    ]);
  });

  it('names the OSV ecosystem of the release', () => {
    expect(distributionEcosystem('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_ID="12"\nID=debian\n')).toBe('Debian:12');
    expect(distributionEcosystem('ID=debian\nPRETTY_NAME="Debian GNU/Linux trixie/sid"\n')).toBe('Debian');
    expect(distributionEcosystem('NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.0\n')).toBe('Alpine:v3.19');
    expect(distributionEcosystem('', '3.18.4\n')).toBe('Alpine:v3.18');
    expect(distributionEcosystem('ID=fedora\nVERSION_ID=40\n')).toBeUndefined();
  });
});
