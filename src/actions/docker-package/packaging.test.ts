import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCommand, secretVariable } from './build-command.js';
import { archiveName, isAllowed, renderTemplate, type UnsetVariable } from './config-bundle.js';
import { checkDockerfile } from './policy.js';
import { reproducibleTarGz } from './reproducible-tar.js';
import { computeTags, type TagContext } from './tags.js';

const base: TagContext = {
  eventName: 'push',
  ref: 'refs/heads/main',
  sha: 'abcdef1234567890',
  defaultBranch: 'main',
  now: new Date('2026-11-24T03:00:00Z'),
};
const RULES = [
  'type=ref,event=branch',
  'type=ref,event=pr',
  'type=semver,pattern={{version}}',
  'type=semver,pattern={{major}}.{{minor}}',
  'type=sha',
];

describe('tags', () => {
  it.each([
    ['a push to the default branch', base, ['main', 'sha-abcdef1', 'latest']],
    ['a push to a feature branch', { ...base, ref: 'refs/heads/feature/new-ui' }, ['feature-new-ui', 'sha-abcdef1']],
    ['a release tag', { ...base, ref: 'refs/tags/v1.4.2' }, ['1.4.2', '1.4', 'sha-abcdef1']],
    ['a pre-release tag', { ...base, ref: 'refs/tags/v2.0.0-rc.1' }, ['2.0.0-rc.1', 'sha-abcdef1']],
    [
      'a pull request (head commit, not merge commit)',
      {
        ...base,
        eventName: 'pull_request',
        ref: 'refs/pull/7/merge',
        sha: 'merge0000000',
        pullRequestHeadSha: 'head999999999',
        pullRequestNumber: 7,
      },
      ['pr-7', 'sha-head999'],
    ],
  ])('%s', (_, context, expected) => {
    expect(computeTags(RULES, context as TagContext)).toEqual(expected);
  });

  it('makes raw and scheduled tags and refuses unknown rules', () => {
    expect(
      computeTags(['type=raw,value=stable', "type=schedule,pattern=nightly-{{date 'YYYYMMDD'}}"], { ...base, eventName: 'schedule' }),
    ).toEqual(['stable', 'nightly-20261124']);
    expect(() => computeTags(['type=weird'], base)).toThrow(/type must be semver, sha, ref, raw or schedule/);
    expect(() => computeTags(['sha'], base)).toThrow(/is not key=value/);
  });
});

describe('Dockerfile policy', () => {
  it('finds root, missing healthcheck, unpinned bases and secrets in ENV, each at its line', async () => {
    const findings = await checkDockerfile(
      'FROM node:22 AS build\nENV API_TOKEN=abc123\nRUN npm ci\nFROM debian:12\nCOPY --from=build /app /app\nCMD ["node"]\n',
    );
    expect(findings.map((finding) => [finding.rule, finding.line])).toEqual([
      ['pinned-base', 1],
      ['pinned-base', 4],
      ['non-root-user', 4],
      ['healthcheck', 4],
      ['secret-in-env', 2],
    ]);
  });

  it('passes a pinned, non-root, health-checked final stage', async () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(
      await checkDockerfile(
        `FROM node:22@${digest} AS build\nRUN true\nFROM scratch\nCOPY --from=build /x /x\nUSER 1000\nHEALTHCHECK CMD ["/x","health"]\n`,
      ),
    ).toEqual([]);
    expect((await checkDockerfile('FROM scratch\nUSER root\nHEALTHCHECK NONE\n')).map((finding) => finding.rule)).toEqual([
      'non-root-user',
    ]);
  });
});

describe('the build command', () => {
  const options = {
    context: '.',
    file: 'Dockerfile',
    tags: ['r/app:1'],
    labels: { b: '2', a: '1' },
    buildArgs: ['X=1'],
    secretIds: ['npm token'],
    platforms: ['linux/amd64', 'linux/arm64'],
    cache: 'gha' as const,
    push: true,
    iidFile: '/t/iid',
  };

  it('uses buildx with secrets by environment, platforms, gha cache and push', () => {
    const command = buildCommand({ ...options, buildx: true });
    expect(command.args).toEqual([
      'buildx',
      'build',
      '--file',
      'Dockerfile',
      '--iidfile',
      '/t/iid',
      '--tag',
      'r/app:1',
      '--label',
      'a=1',
      '--label',
      'b=2',
      '--build-arg',
      'X=1',
      '--secret',
      'id=npm token,env=BUILD_TOOLS_SECRET_NPM_TOKEN',
      '--platform',
      'linux/amd64,linux/arm64',
      '--cache-from',
      'type=gha',
      '--cache-to',
      'type=gha,mode=max',
      '--provenance=mode=min',
      '--push',
      '.',
    ]);
    expect(secretVariable('npm token')).toBe('BUILD_TOOLS_SECRET_NPM_TOKEN');
  });

  it('uses the classic builder with the previous image as cache', () => {
    expect(
      buildCommand({ ...options, buildx: false, secretIds: [], platforms: [], cache: 'registry', cacheRef: 'r/app:main' }).args,
    ).toEqual([
      'build',
      '--file',
      'Dockerfile',
      '--iidfile',
      '/t/iid',
      '--tag',
      'r/app:1',
      '--label',
      'a=1',
      '--label',
      'b=2',
      '--build-arg',
      'X=1',
      '--cache-from',
      'r/app:main',
      '.',
    ]);
  });
});

describe('configuration bundles', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'bundle-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('fills only ${VAR} of allowed variables and lists every unset one', () => {
    const unset: UnsetVariable[] = [];
    const rendered = renderTemplate(
      'server_name ${APP_HOST};\nproxy_set_header Host $host;\nkey ${SECRET_KEY} ${OTHER}\nport ${APP_PORT}\n',
      'nginx.conf',
      ['APP_*', 'SECRET_KEY'],
      { APP_HOST: 'example.org' },
      unset,
    );
    expect(rendered.text).toBe('server_name example.org;\nproxy_set_header Host $host;\nkey ${SECRET_KEY} ${OTHER}\nport ${APP_PORT}\n');
    expect(unset).toEqual([
      { file: 'nginx.conf', line: 3, name: 'SECRET_KEY' },
      { file: 'nginx.conf', line: 4, name: 'APP_PORT' },
    ]);
    expect(isAllowed('APP_X', ['APP_*'])).toBe(true);
    expect(isAllowed('APPX', ['APP_'])).toBe(false);
  });

  it('writes the same bytes every time, readable by tar, with fixed owner and time', () => {
    const entries = [
      { name: 'b/script.sh', content: Buffer.from('#!/bin/sh\n'), executable: true },
      { name: 'a/config.yml', content: Buffer.from('x: 1\n') },
    ];
    const first = reproducibleTarGz(entries, 1_700_000_000);
    const second = reproducibleTarGz([...entries].reverse(), 1_700_000_000);
    expect(first.equals(second)).toBe(true);
    const file = join(scratch, 'bundle.tar.gz');
    writeFileSync(file, first);
    const listing = execFileSync('tar', ['-tvzf', file, '--numeric-owner'], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(listing).toMatch(/^-rw-r--r-- 0\/0\s+5 2023-11-14 22:13 a\/config\.yml\n-rwxr-xr-x 0\/0\s+10 2023-11-14 22:13 b\/script\.sh\n$/);
    execFileSync('tar', ['-xzf', file, '-C', scratch]);
    expect(readFileSync(join(scratch, 'a/config.yml'), 'utf8')).toBe('x: 1\n');
    expect(statSync(join(scratch, 'b/script.sh')).mode & 0o111).toBe(0o111);
    expect(archiveName('<repo>-configs-<yyyymmdd>.tar.gz', 'org/shop', 1_700_000_000)).toBe('shop-configs-20231114.tar.gz');
  });
});

describe('labels for the classic builder', () => {
  it('become one LABEL step at the end of the final stage, quoted', async () => {
    const { labelledDockerfile } = await import('./build-command.js');
    expect(labelledDockerfile('FROM a\nRUN x\n\n', { 'org.b': 'two words', 'org.a': 'say "hi"' })).toBe(
      'FROM a\nRUN x\nLABEL org.a="say \\"hi\\"" org.b="two words"\n',
    );
    expect(labelledDockerfile('FROM a\n', {})).toBe('FROM a\n');
  });
});
