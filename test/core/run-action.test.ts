/** The shared runAction, through a compiled probe action run exactly as the runner runs it. */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROBE_ACTION_DIRECTORY, removeTemporaryFolders, runActionDirectory, runnerNode, temporaryFolder } from '../harness.js';

const probe = (options: Parameters<typeof runActionDirectory>[1] = {}) => runActionDirectory(PROBE_ACTION_DIRECTORY, options);

afterAll(removeTemporaryFolders);

describe('runAction through the compiled bundle', () => {
  it('parses inputs with action.yml defaults, writes outputs, state, env, path and the summary', async () => {
    const run = await probe({ inputs: { flag: 'TRUE', items: 'a\n\n b \nc', settings: 'name: demo' } });
    expect(run.main.exitCode).toBe(0);
    expect(JSON.parse(run.main.outputs.echo as string)).toEqual({
      mode: 'ok',
      count: 3,
      flag: true,
      items: ['a', 'b', 'c'],
      settings: { name: 'demo' },
    });
    expect(run.main.outputs.multiline).toBe('first line\nsecond line');
    expect(run.main.state).toMatchObject({ isPost: 'true', seen: '{"count":3}' });
    expect(run.main.env).toEqual({ PROBE_EXPORTED: 'yes' });
    expect(run.main.path).toEqual(['/opt/probe/bin']);
    expect(run.main.summary).toContain('### Probe');
    expect(run.main.summary).toContain('| 3 | true |');
    expect(run.post?.exitCode).toBe(0);
    expect(run.post?.stdout).toContain('post sees count=3 exported=yes');
  });

  it('reports every invalid input in one error line naming the input and what is accepted, without a stack', async () => {
    const run = await probe({ inputs: { count: '11', flag: 'yes', mode: 'sideways', wait: 'soon' } });
    expect(run.main.exitCode).toBe(1);
    const errors = run.main.annotations.filter((annotation) => annotation.level === 'error');
    expect(errors).toHaveLength(1);
    const message = errors[0]?.message ?? '';
    expect(message).toContain(`input 'mode' is "sideways": expected one of ok, config-error, bug, fail, cache-save, cache-restore, slow`);
    expect(message).toContain(`input 'count' is "11": expected a whole number from 0 to 10`);
    expect(message).toContain(`input 'flag' is "yes": expected true or false`);
    expect(message).toContain(`input 'wait' is "soon": expected a duration`);
    expect(run.main.stdout + run.main.stderr).not.toMatch(/\n\s+at /);
    expect(run.main.outputs).toEqual({});
  });

  it('says a required input is missing', async () => {
    const run = await probe({ inputs: { count: '' } });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.annotations[0]?.message).toContain(`input 'count' is not set: expected a value (this input is required)`);
  });

  it('annotates a configuration error at its file and line', async () => {
    const run = await probe({ inputs: { mode: 'config-error' } });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.annotations).toContainEqual({
      level: 'error',
      message: 'probe.yml is wrong',
      properties: { file: 'probe.yml', line: '3' },
    });
    expect(run.main.summary).toContain('probe-action failed: probe.yml is wrong');
  });

  it('reports an unexpected exception as a bug with its location, not a stack trace', async () => {
    const run = await probe({ inputs: { mode: 'bug' } });
    expect(run.main.exitCode).toBe(1);
    const [error] = run.main.annotations;
    expect(error?.message).toMatch(
      /^build-tools bug in probe-action \(main\): cannot read properties of undefined \(at .+\)\. Please report it/,
    );
    expect(run.main.stdout).not.toMatch(/^\s+at /m);
  });

  it('fails a run that ends before the action finished, rather than passing it quietly', async () => {
    // The action awaits a promise nothing settles: node exits with nothing left to wait on.
    const run = await probe({ inputs: { mode: 'stall' } });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.annotations.map((annotation) => annotation.message)).toEqual([
      expect.stringMatching(
        /^build-tools bug in probe-action \(main\): the run ended before probe-action finished: it was waiting on nothing/,
      ),
    ]);
  });

  it('ends a cancelled run with 130 once the grace period is over, not as a bug', async () => {
    // As the runner cancels a step: SIGTERM to a step still at work (here: a minute's wait).
    const temp = temporaryFolder();
    const files = Object.fromEntries(
      ['OUTPUT', 'STATE', 'ENV', 'PATH', 'STEP_SUMMARY'].map((name) => [`GITHUB_${name}`, join(temp, name)]),
    );
    for (const file of Object.values(files)) writeFileSync(file, '');
    const env = {
      PATH: process.env.PATH,
      RUNNER_TEMP: temp,
      ...files,
      INPUT_MODE: 'slow',
      INPUT_WAIT: '60s',
      INPUT_COUNT: '1',
      INPUT_FLAG: 'false',
    };
    const child = spawn(runnerNode(), [join(PROBE_ACTION_DIRECTORY, 'index.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const ended = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Long enough for the bundle to load and reach its wait (it takes about 0.1 s).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGTERM');
    expect(await ended).toBe(130);
    expect(output).not.toContain('build-tools bug');
  });

  it('lets an action fail the step but still finish its outputs', async () => {
    const run = await probe({ inputs: { mode: 'fail' } });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.annotations).toContainEqual({
      level: 'error',
      message: 'two tests failed',
      properties: { file: 'test/a.test.ts', line: '12' },
    });
    expect(run.main.outputs.multiline).toBe('first line\nsecond line');
  });

  it('masks a secret before any line that contains it', async () => {
    const run = await probe({ inputs: { secret: 's3cr3t-value' } });
    const maskAt = run.main.stdout.indexOf('::add-mask::s3cr3t-value');
    expect(maskAt).toBeGreaterThanOrEqual(0);
    expect(run.main.stdout.indexOf('the secret is')).toBeGreaterThan(maskAt);
    expect(run.main.masks).toEqual(['s3cr3t-value']);
  });

  it('records the stage in the job metrics file, main and post', async () => {
    const runnerTemp = temporaryFolder();
    const metricsFile = join(runnerTemp, 'metrics.json');
    await probe({ runnerTemp, inputs: { count: '4' }, env: { BUILD_TOOLS_METRICS_FILE: metricsFile } });
    const metrics = JSON.parse(readFileSync(metricsFile, 'utf8'));
    expect(metrics.stages.map((stage: { name: string; phase: string; status: string }) => [stage.name, stage.phase, stage.status])).toEqual(
      [
        ['probe-action', 'main', 'success'],
        ['probe-action', 'post', 'success'],
      ],
    );
    expect(metrics.tests).toMatchObject({ total: 4, passed: 4, failed: 0 });
    expect(metrics.duration.total).toBeGreaterThan(0);
    expect(metrics.build_id).toBe('1-1-build');
  });
});

describe('the harness follows the runner contract', () => {
  it('runs an always() post step after a failed job, and none when the post step is turned off', async () => {
    const failedJob = await probe({ jobStatus: 'failure' });
    // The probe's post-if is always(): it runs after a failed job too.
    expect(failedJob.post?.exitCode).toBe(0);
    const noPost = await probe({ runPost: false });
    expect(noPost.post).toBeUndefined();
  });

  it('refuses an input the action does not declare, as a workflow would warn', async () => {
    await expect(probe({ inputs: { colour: 'red' } })).rejects.toThrow(/unexpected input\(s\) 'colour'/);
  });

  it('POSTs the metrics to metrics-endpoint and never fails the step when it is down', async () => {
    const { createServer } = await import('node:http');
    const bodies: string[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        bodies.push(body);
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}/metrics`;
    try {
      const run = await probe({ inputs: { 'metrics-endpoint': endpoint } });
      expect(run.main.exitCode).toBe(0);
      // main and post each send the job's metrics as they stand.
      expect(bodies.map((body) => JSON.parse(body).stages.length)).toEqual([1, 2]);
    } finally {
      server.close();
    }
    const down = await probe({ inputs: { 'metrics-endpoint': 'http://127.0.0.1:1/metrics' } });
    expect(down.main.exitCode).toBe(0);
    expect(down.main.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', message: expect.stringContaining('Metrics export') }),
    );
  });
});
