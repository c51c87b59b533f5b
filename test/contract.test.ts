/**
 * One name, four places: each action's root folder (action.yml), src/actions/<name>/, dist/<name>/
 * and its end-to-end test line up; action.yml's inputs and outputs agree with the zod schema and
 * the declared outputs; every action runs on node24; no test imports an entry file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { type InputSchema, rawInputs } from '../src/core/inputs.js';
import { readActionManifest } from '../src/core/local-runner.js';
import { commonInputs } from '../src/core/run.js';
import { inputVariable } from '../src/core/workflow-commands.js';
import { ROOT } from './harness.js';

const actions = existsSync(join(ROOT, 'src/actions')) ? readdirSync(join(ROOT, 'src/actions')).sort() : [];

function filesBelow(folder: string, pattern: RegExp): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => pattern.test(file) && !file.includes('node_modules') && !file.includes('fixtures'))
    .map((file) => join(folder, file));
}

describe('the action layout', () => {
  it('has an action folder for every action source and the other way round', () => {
    const folders = readdirSync(ROOT, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
      .filter((entry) => existsSync(join(ROOT, entry.name, 'action.yml')))
      .map((entry) => entry.name)
      .sort();
    expect(folders).toEqual(actions);
  });

  it('keeps test files from importing an entry file (importing one would run the action)', () => {
    const entries = new Set(actions.map((name) => join(ROOT, 'src/actions', name, 'index')));
    const offenders = [...filesBelow(join(ROOT, 'src'), /\.test\.ts$/), ...filesBelow(join(ROOT, 'test'), /\.test\.ts$/)].filter((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\()\s*['"](\.[^'"]+)['"]/g)].some((match) =>
        entries.has(join(dirname(file), (match[1] as string).replace(/\.(js|ts)$/, ''))),
      ),
    );
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });
});

describe.each(actions)('%s', (name) => {
  const manifest = readActionManifest(join(ROOT, name));

  it('runs on node24 from its own dist bundle, main and post', () => {
    expect(manifest.runs.using).toBe('node24');
    expect(manifest.runs.main).toBe(`../dist/${name}/index.js`);
    if (manifest.runs.post) expect(manifest.runs.post).toBe(`../dist/${name}/index.js`);
    expect(existsSync(join(ROOT, name, manifest.runs.main))).toBe(true);
    expect(existsSync(join(ROOT, 'src/actions', name, 'index.ts'))).toBe(true);
    expect(existsSync(join(ROOT, name, 'README.md'))).toBe(true);
  });

  it('has an end-to-end test that runs it through the harness', () => {
    const tests = readdirSync(join(ROOT, 'test/e2e')).filter((file) => file.startsWith(name) && file.endsWith('.test.ts'));
    expect(tests.length).toBeGreaterThan(0);
    const text = tests.map((file) => readFileSync(join(ROOT, 'test/e2e', file), 'utf8')).join('\n');
    expect(text).toContain(`'${name}'`);
  });

  it('declares in action.yml exactly the inputs its schema reads, with matching defaults and requirements', async () => {
    const module = (await import(`../src/actions/${name}/inputs.ts`)) as { inputs: z.ZodMiniObject; outputs: readonly string[] };
    const schema = z.safeExtend(module.inputs, commonInputs);
    expect(Object.keys(manifest.inputs).sort()).toEqual(Object.keys(schema.shape).sort());
    for (const [input, declaration] of Object.entries(manifest.inputs)) {
      const field = schema.shape[input] as z.ZodMiniType;
      const optional = field.safeParse(undefined).success;
      const hasDefault = declaration.default !== undefined && declaration.default !== '';
      // A default such as ${{ github.token }} can be empty (off a runner), so such an input may be optional.
      if (hasDefault && String(declaration.default).includes('${{') && optional) continue;
      // An input the runner always fills (a default) or that must be given is never optional in the schema, and vice versa.
      expect({ input, optional }).toEqual({ input, optional: !hasDefault && !declaration.required });
      expect(typeof declaration.description === 'string' && declaration.description.length > 0, `${input} needs a description`).toBe(true);
    }
    // The defaults themselves must be valid (expressions such as ${{ github.token }} are filled by the runner).
    const env: Record<string, string> = {};
    for (const [input, declaration] of Object.entries(manifest.inputs)) {
      if (declaration.default !== undefined) env[inputVariable(input)] = String(declaration.default).replace(/\$\{\{[^}]*\}\}/g, 'x');
    }
    const result = schema.safeParse(rawInputs(schema as InputSchema, env));
    const defaulted = new Set(
      Object.keys(env).map((variable) => Object.keys(manifest.inputs).find((input) => inputVariable(input) === variable)),
    );
    const badDefaults = (result.success ? [] : result.error.issues).filter((issue) => defaulted.has(String(issue.path[0])));
    expect(badDefaults.map((issue) => `${String(issue.path[0])}: ${issue.message}`)).toEqual([]);
  });

  it('declares in action.yml exactly the outputs it sets', async () => {
    const module = (await import(`../src/actions/${name}/inputs.ts`)) as { outputs: readonly string[] };
    expect(Object.keys(manifest.outputs).sort()).toEqual([...module.outputs].sort());
    for (const [output, declaration] of Object.entries(manifest.outputs)) {
      expect(typeof declaration.description === 'string' && declaration.description.length > 0, `${output} needs a description`).toBe(true);
    }
  });
});
