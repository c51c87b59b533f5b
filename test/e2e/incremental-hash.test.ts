/** incremental-hash end to end: the compiled action run as the runner runs it, main and post. */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, removeTemporaryFolders, runAction, temporaryFolder } from '../harness.js';

afterAll(removeTemporaryFolders);

const COMPONENTS = 'web: web/**\napi: [api/**, "!api/**/*.md"]\napp: {paths: [app/**], depends-on: [api]}';

function project(): string {
  const workspace = temporaryFolder('ih-ws-');
  for (const [path, text] of Object.entries({
    'web/index.html': '<h1>hi</h1>\n',
    'api/server.ts': 'export {}\n',
    'api/README.md': '# api\n',
    'app/main.ts': 'import "../api/server";\n',
  })) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  return workspace;
}

/** A runner whose RUNNER_TEMP and cache persist between runs, as on one machine. */
function runner() {
  const runnerTemp = temporaryFolder('ih-temp-');
  const cacheDirectory = temporaryFolder('ih-cache-');
  let run = 0;
  return (workspace: string, inputs: Record<string, string>, options: { jobStatus?: 'success' | 'failure' } = {}) =>
    runAction('incremental-hash', {
      workspace,
      runnerTemp,
      cacheDirectory,
      inputs,
      jobStatus: options.jobStatus,
      env: { GITHUB_RUN_ID: String(++run) },
    });
}

describe('incremental-hash', () => {
  it('says everything changed first, nothing after a successful build, then exactly what changed', async () => {
    const workspace = project();
    const run = runner();
    const first = await run(workspace, { components: COMPONENTS });
    expect(first.main.exitCode).toBe(0);
    expect(JSON.parse(first.main.outputs.changed as string)).toEqual(['api', 'app', 'web']);
    expect(first.main.outputs['any-changed']).toBe('true');
    expect(first.main.summary).toContain('no baseline');
    expect(first.post?.stdout).toContain("Saved this build's record");

    const second = await run(workspace, { components: COMPONENTS });
    expect(JSON.parse(second.main.outputs.changed as string)).toEqual([]);
    expect(JSON.parse(second.main.outputs.unchanged as string)).toEqual(['api', 'app', 'web']);
    expect(second.main.outputs['any-changed']).toBe('false');
    expect(JSON.parse(second.main.outputs.matrix as string)).toEqual({ include: [] });
    expect(second.main.outputs.hashes).toBe(first.main.outputs.hashes);

    appendFileSync(join(workspace, 'api/server.ts'), '// edit\n');
    appendFileSync(join(workspace, 'api/README.md'), 'docs only\n');
    const third = await run(workspace, { components: COMPONENTS });
    expect(JSON.parse(third.main.outputs.changed as string)).toEqual(['api', 'app']);
    const matrix = JSON.parse(third.main.outputs.matrix as string);
    const hashes = JSON.parse(third.main.outputs.hashes as string);
    expect(matrix).toEqual({
      include: [
        { component: 'api', hash: hashes.api },
        { component: 'app', hash: hashes.app },
      ],
    });
    expect(third.main.summary).toMatch(/\| api \| 🔄 changed \| 1 modified: ~api\/server\.ts \|/);
    expect(third.main.summary).toMatch(/\| app \| 🔄 changed \| depends on api \|/);
  });

  it('keeps no record from a failed job, so the next run compares with the last good build', async () => {
    const workspace = project();
    const run = runner();
    await run(workspace, { components: COMPONENTS });
    appendFileSync(join(workspace, 'web/index.html'), '<p>broken</p>\n');
    const failed = await run(workspace, { components: COMPONENTS }, { jobStatus: 'failure' });
    expect(JSON.parse(failed.main.outputs.changed as string)).toEqual(['web']);
    expect(failed.post).toBeUndefined();
    const retried = await run(workspace, { components: COMPONENTS });
    expect(JSON.parse(retried.main.outputs.changed as string)).toEqual(['web']);
  });

  it('uses the git index in a checkout and still sees uncommitted and untracked files', async () => {
    const workspace = project();
    const git = (...args: string[]) => execFileSync('git', ['-C', workspace, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args]);
    git('init', '-q');
    writeFileSync(join(workspace, '.gitignore'), 'web/dist/\n');
    git('add', '-A');
    git('commit', '-qm', 'initial');
    const run = runner();
    await run(workspace, { components: COMPONENTS });
    mkdirSync(join(workspace, 'web/dist'));
    writeFileSync(join(workspace, 'web/dist/bundle.js'), 'ignored build output\n');
    writeFileSync(join(workspace, 'app/new.ts'), 'untracked\n');
    const next = await run(workspace, { components: COMPONENTS });
    expect(JSON.parse(next.main.outputs.changed as string)).toEqual(['app']);
    expect(next.main.stdout).toContain('(git index)');
    expect(next.main.summary).toContain('1 added: +app/new.ts');
  });

  it('in a subfolder of a checkout, lists only that folder, relative to it', async () => {
    const workspace = project();
    const git = (...args: string[]) => execFileSync('git', ['-C', workspace, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args]);
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'initial');
    const run = runner();
    const inputs = { components: 'server: server.ts\ndocs: "*.md"', 'working-directory': 'api' };
    const first = await run(workspace, inputs);
    expect(JSON.parse(first.main.outputs.changed as string)).toEqual(['docs', 'server']);
    expect(first.main.stdout).toContain('2 files listed (git index)');
    appendFileSync(join(workspace, 'web/index.html'), 'outside the working directory\n');
    appendFileSync(join(workspace, 'api/server.ts'), 'export const edited = 1;\n');
    const next = await run(workspace, inputs);
    expect(JSON.parse(next.main.outputs.changed as string)).toEqual(['server']);
    expect(next.main.summary).toContain('1 modified: ~server.ts');
  });

  it('hashes a large tree in worker threads to the same hashes as git index ids, and says what it is doing', async () => {
    // Past a few thousand files the walk feeds worker threads (hash.worker.js beside the bundle).
    const workspace = temporaryFolder('ih-large-');
    for (let folder = 0; folder < 60; folder++) {
      const component = folder % 2 ? 'api' : 'web';
      mkdirSync(join(workspace, component, `d${folder}`), { recursive: true });
      for (let file = 0; file < 90; file++) writeFileSync(join(workspace, component, `d${folder}`, `f${file}.txt`), `${folder}/${file}\n`);
    }
    execFileSync('chmod', ['+x', join(workspace, 'api/d1/f7.txt')]);
    const components = 'web: web/**\napi: api/**';
    const walked = await runner()(workspace, { components });
    expect(walked.main.exitCode, walked.main.stdout).toBe(0);
    expect(walked.main.stdout).toContain('5400 files listed (directory walk); reading and hashing 5400');

    const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    const indexed = await runner()(workspace, { components });
    expect(indexed.main.stdout).toContain('5400 files listed (git index), 0 read and hashed');
    expect(indexed.main.outputs.hashes).toBe(walked.main.outputs.hashes);
  });

  it('fails with one clear line for an invalid components value, and warns about a glob that matches nothing', async () => {
    const workspace = project();
    const bad = await runAction('incremental-hash', { workspace, inputs: { components: 'web: [unclosed' } });
    expect(bad.main.exitCode).toBe(1);
    const errors = bad.main.annotations.filter((annotation) => annotation.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/input 'components' is "web: \[unclosed": expected YAML: a mapping .*not valid YAML/);
    const cycle = await runAction('incremental-hash', {
      workspace,
      inputs: { components: 'a: {paths: a/**, depends-on: [b]}\nb: {paths: b/**, depends-on: [a]}' },
    });
    expect(cycle.main.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message)).toEqual([
      'components depend on each other in a cycle: a → b → a',
    ]);
    const empty = await runAction('incremental-hash', { workspace, inputs: { components: 'web: web/**\nghost: ghost/**' } });
    expect(empty.main.exitCode).toBe(0);
    expect(empty.main.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', message: "component 'ghost' matches no files; check its globs" }),
    );
  });

  it('runs from the command line with the local cache', () => {
    const workspace = project();
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'dist/cli/index.js'), ...args], {
        cwd: workspace,
        encoding: 'utf8',
        env: { ...process.env, BUILD_TOOLS_CACHE_DIR: join(workspace, '.cache'), RUNNER_TEMP: join(workspace, '.temp') },
      });
    const help = cli('incremental-hash', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--components (required)');
    expect(help.stdout).toContain('--working-directory (default: .)');
    const first = cli('incremental-hash', '--components', 'web: web/**', '--json');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('"changed": "[\\"web\\"]"');
    expect(first.stdout).toContain('no baseline');
    const second = cli('incremental-hash', '--components', 'web: web/**', '--json');
    expect(second.stdout).toContain('"changed": "[]"');
    const wrong = cli('incremental-hash', '--colour', 'red');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr.trim()).toMatch(
      /^build-tools: unknown option '--colour' for incremental-hash; its inputs are components, working-directory/,
    );
  });
});
