import { describe, expect, it } from 'vitest';
import { parseAptSources } from './debian-rootfs.js';

describe('the Debian mirror and suite from apt sources', () => {
  it('reads deb822 sources, skipping the security archive and -updates suites', () => {
    const sources = [
      'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg',
      'Types: deb\nURIs: http://deb.debian.org/debian-security\nSuites: bookworm-security\nComponents: main',
    ].join('\n\n');
    expect(parseAptSources(sources)).toEqual({ mirror: 'http://deb.debian.org/debian', suite: 'bookworm' });
    expect(parseAptSources(sources.split('\n\n').reverse().join('\n\n'))).toEqual({
      mirror: 'http://deb.debian.org/debian',
      suite: 'bookworm',
    });
  });

  it('reads one-line sources and ignores other repositories', () => {
    expect(
      parseAptSources(
        '# mirror\ndeb https://packages.cloud.google.com/apt cloud-sdk-bookworm main\ndeb [arch=amd64] http://ftp.de.debian.org/debian trixie main contrib\n',
      ),
    ).toEqual({ mirror: 'http://ftp.de.debian.org/debian', suite: 'trixie' });
    expect(parseAptSources('Types: deb\nURIs: https://deb.nodesource.com/node_20.x\nSuites: nodistro\n')).toBeUndefined();
    expect(parseAptSources('Types: deb\nEnabled: no\nURIs: http://deb.debian.org/debian\nSuites: sid\n')).toBeUndefined();
  });
});
