/**
 * zod helpers for the runner's inputs, which always arrive as strings (`INPUT_<NAME>`), and
 * `readInputs`, the only place that reads them. An empty string means "not set". Each helper
 * carries the text of what it accepts, so a bad value is reported as
 * `input 'x' is "y": expected <what is accepted>`.
 */
import * as z from 'zod/mini';
import english from 'zod/v4/locales/en.js';
import { InputError, type InputProblem } from './errors.js';
import { inputVariable } from './workflow-commands.js';

// zod/mini, not classic zod: every action loads it to start, and a bundle of it adds 9 ms to node's
// start against classic's 21 (measured). Its checks are functions: `z.optional(text())`, not
// `text().optional()`. English messages for what our helpers do not word themselves (a key a YAML
// document should not have, a list that is too short). And no JIT: zod would write a parser per
// schema on first use (new Function), which costs more than it saves for a run that parses its
// inputs once (measured: 5 ms of every action's start).
z.config({ ...english(), jitless: true });

/** A string input; `expected` is what the error says is accepted. */
export function text(expected = 'a non-empty string') {
  return z.string({ error: () => expected });
}

/** `text(expected)` read on by `then`: a transform, or a schema for what that gives. */
export function textThen<T extends z.core.$ZodType<unknown, string>>(expected: string, then: T): z.ZodMiniPipe<z.ZodMiniString<string>, T> {
  return z.pipe(text(expected), then);
}

/** A failed check inside a transform: the issue zod reports, and the value to return. */
export function reject(ctx: z.core.ParsePayload<unknown>, message: string, input: string): never {
  ctx.issues.push({ code: 'custom', message, input });
  return z.NEVER;
}

const BOOLEAN_SPELLINGS = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);

/** `core.getBooleanInput`'s exact spellings; never z.coerce.boolean(), which reads "false" as true. */
export function bool() {
  const expected = 'true or false (also True/TRUE/False/FALSE)';
  return textThen(
    expected,
    z.transform((value: string, ctx) => BOOLEAN_SPELLINGS.get(value) ?? reject(ctx, expected, value)),
  );
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const expected = `one of ${values.join(', ')}`;
  return textThen(expected, z.enum(values, { error: () => expected }));
}

interface NumberBounds {
  min?: number;
  max?: number;
}

function boundsText({ min, max }: NumberBounds): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

function numeric(kind: 'a whole number' | 'a number', pattern: RegExp, bounds: NumberBounds) {
  const expected = `${kind}${boundsText(bounds)}`;
  return textThen(
    expected,
    z.transform((value: string, ctx) => {
      const number = Number(value);
      const ok =
        pattern.test(value) &&
        Number.isFinite(number) &&
        (bounds.min === undefined || number >= bounds.min) &&
        (bounds.max === undefined || number <= bounds.max);
      return ok ? number : reject(ctx, expected, value);
    }),
  );
}

export function integer(bounds: NumberBounds = {}) {
  return numeric('a whole number', /^[+-]?\d+$/, bounds);
}

export function number(bounds: NumberBounds = {}) {
  return numeric('a number', /^[+-]?(\d+(\.\d*)?|\.\d+)$/, bounds);
}

/** A percentage such as `1.5` or `1.5%`, returned as a number of percent. */
export function percent() {
  const expected = 'a percentage from 0 to 100, e.g. 1.5 or 1.5%';
  return textThen(
    expected,
    z.transform((value: string, ctx) => {
      const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(value);
      const result = match ? Number(match[1]) : Number.NaN;
      return result >= 0 && result <= 100 ? result : reject(ctx, expected, value);
    }),
  );
}

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `500ms`, `90s`, `10m`, `1h30m`, `2d`; a bare number is seconds. Returns milliseconds. */
export function parseDuration(value: string): number | undefined {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = part.exec(trimmed); match; match = part.exec(trimmed)) {
    total += Number(match[1]) * (DURATION_UNITS_MS[match[2] as string] as number);
    consumed = part.lastIndex;
  }
  return consumed > 0 && consumed === trimmed.length ? total : undefined;
}

/** A duration in milliseconds. */
export function duration() {
  const expected = 'a duration such as 500ms, 90s, 10m, 1h30m or 2d';
  return textThen(
    expected,
    z.transform((value: string, ctx) => parseDuration(value) ?? reject(ctx, expected, value)),
  );
}

/** Splits a multi-line (and, when `commas`, comma-separated) value into trimmed, non-empty items. */
export function splitList(value: string, commas = false): string[] {
  return value
    .split(commas ? /[\n,]/ : /\n/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** One item per line (and per comma when `commas`); blank lines are ignored. */
export function list(options: { commas?: boolean } = {}) {
  return textThen(
    options.commas ? 'a list, one item per line or comma-separated' : 'a list, one item per line',
    z.transform((value: string) => splitList(value, options.commas)),
  );
}

/** A list of numbers (one per line or comma), each then checked by `numbers`. */
export function numberList<T extends z.core.$ZodType<unknown, number[]>>(numbers: T) {
  return z.pipe(
    z.pipe(
      list({ commas: true }),
      z.transform((items: string[]) => items.map(Number)),
    ),
    numbers,
  );
}

/** An http:// or https:// URL. */
export function httpUrl() {
  const expected = 'an http:// or https:// URL';
  return text(expected).check(
    z.refine((value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, expected),
  );
}

export type InputSchema = z.ZodMiniObject<z.core.$ZodShape>;

/** The raw strings of every input the schema names; empty (after trimming) becomes undefined. */
export function rawInputs(schema: InputSchema, env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const raw: Record<string, string | undefined> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = (env[inputVariable(name)] ?? '').trim();
    raw[name] = value === '' ? undefined : value;
  }
  return raw;
}

/** Parses every input at once; throws one InputError listing every bad input. */
export function readInputs<S extends InputSchema>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const raw = rawInputs(schema, env);
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const input = String(issue.path[0] ?? Object.keys(schema.shape)[0] ?? 'inputs');
    const given = raw[input];
    let expected = issue.message;
    if (given === undefined && issue.code === 'invalid_type') expected = `a value (this input is required): ${expected}`;
    const key = `${input}\u0000${expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ input, given, expected });
  }
  throw new InputError(problems);
}
