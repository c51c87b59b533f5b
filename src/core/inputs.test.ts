import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { InputError } from './errors.js';
import { bool, duration, httpUrl, integer, list, number, oneOf, parseDuration, percent, readInputs, splitList, text } from './inputs.js';
import { inputVariable } from './workflow-commands.js';
import { yamlValue } from './yaml-input.js';

/** Runs a one-input schema the way runAction does and returns the value or the problem text. */
function read<T extends z.ZodMiniType>(schema: T, value: string | undefined): unknown {
  const env = value === undefined ? {} : { INPUT_VALUE: value };
  try {
    return (readInputs(z.object({ value: schema }), env) as { value: unknown }).value;
  } catch (error) {
    if (error instanceof InputError) return `error: ${error.message}`;
    throw error;
  }
}

describe('input helpers', () => {
  it('reads booleans exactly as core.getBooleanInput does', () => {
    for (const spelling of ['true', 'True', 'TRUE']) expect(read(bool(), spelling)).toBe(true);
    for (const spelling of ['false', 'False', 'FALSE']) expect(read(bool(), spelling)).toBe(false);
    for (const spelling of ['yes', '1', 'tRuE', 'on']) {
      expect(read(bool(), spelling)).toBe(
        `error: input 'value' is ${JSON.stringify(spelling)}: expected true or false (also True/TRUE/False/FALSE)`,
      );
    }
  });

  it('treats empty and blank as not set', () => {
    expect(read(z.optional(text()), '')).toBeUndefined();
    expect(read(z.optional(text()), '   ')).toBeUndefined();
    expect(read(text(), '')).toBe(`error: input 'value' is not set: expected a value (this input is required): a non-empty string`);
  });

  it('trims values like core.getInput', () => {
    expect(read(text(), '  spaced  ')).toBe('spaced');
  });

  it('checks whole numbers and their bounds', () => {
    expect(read(integer({ min: 1, max: 5 }), '3')).toBe(3);
    expect(read(integer({ min: 1, max: 5 }), '0')).toMatch(/expected a whole number from 1 to 5$/);
    expect(read(integer(), '2.5')).toMatch(/expected a whole number$/);
    expect(read(integer({ min: 0 }), '12abc')).toMatch(/expected a whole number of at least 0$/);
    expect(read(number({ max: 1 }), '0.25')).toBe(0.25);
    expect(read(number({ max: 1 }), '1e3')).toMatch(/expected a number of at most 1$/);
  });

  it('reads percentages with or without the sign', () => {
    expect(read(percent(), '1.5')).toBe(1.5);
    expect(read(percent(), '80%')).toBe(80);
    expect(read(percent(), '120')).toMatch(/expected a percentage from 0 to 100/);
  });

  it('names the accepted values of an enumeration', () => {
    expect(read(oneOf(['rolling', 'canary']), 'canary')).toBe('canary');
    expect(read(oneOf(['rolling', 'canary']), 'Canary')).toBe(`error: input 'value' is "Canary": expected one of rolling, canary`);
  });

  it('parses durations into milliseconds', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('15')).toBe(15_000);
    expect(parseDuration('1.5m')).toBe(90_000);
    for (const bad of ['', 'm', '10 minutes', '5x', '1h 30m', '-5s']) expect(parseDuration(bad)).toBeUndefined();
    expect(read(duration(), 'soon')).toMatch(/expected a duration such as 500ms, 90s, 10m, 1h30m or 2d$/);
  });

  it('splits lists by line, and by comma when asked', () => {
    expect(splitList('a\n\n  b  \r\nc')).toEqual(['a', 'b', 'c']);
    expect(splitList('a, b\nc,,d', true)).toEqual(['a', 'b', 'c', 'd']);
    expect(read(list({ commas: true }), 'x,y')).toEqual(['x', 'y']);
  });

  it('validates YAML documents and says where they are wrong', () => {
    const schema = yamlValue(z.record(z.string(), z.array(z.string())), 'a mapping of name to list of globs');
    expect(read(schema, 'web: [src/**]\napi:\n  - api/**')).toEqual({ web: ['src/**'], api: ['api/**'] });
    expect(read(schema, '{"web": ["a"]}')).toEqual({ web: ['a'] });
    expect(read(schema, 'web: 3')).toMatch(/expected a mapping of name to list of globs at web: /);
    expect(read(schema, 'web: [unclosed')).toMatch(/expected a mapping of name to list of globs \(not valid YAML: /);
    // zod's English messages name what is wrong inside a document (zod/mini words none by itself).
    const strict = yamlValue(z.strictObject({ name: z.string() }), 'a mapping with a name');
    expect(read(strict, 'name: x\nnmae: y')).toMatch(/expected a mapping with a name: Unrecognized key: "nmae"$/);
  });

  it('accepts only http(s) URLs', () => {
    expect(read(httpUrl(), 'https://metrics.example/ingest')).toBe('https://metrics.example/ingest');
    expect(read(httpUrl(), 'ftp://x')).toMatch(/expected an http:\/\/ or https:\/\/ URL$/);
    expect(read(httpUrl(), 'not a url')).toMatch(/expected an http:\/\/ or https:\/\/ URL$/);
  });

  it('maps input names to the runner variables', () => {
    expect(inputVariable('node-version')).toBe('INPUT_NODE-VERSION');
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT');
  });

  it('reports every bad input at once', () => {
    const schema = z.object({ a: integer(), b: bool(), c: oneOf(['x']) });
    try {
      readInputs(schema, { INPUT_A: 'one', INPUT_B: 'maybe', INPUT_C: 'x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).problems.map((problem) => problem.input)).toEqual(['a', 'b']);
    }
  });
});
