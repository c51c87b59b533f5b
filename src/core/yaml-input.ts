/**
 * The input helper for a YAML (or JSON) document, apart from inputs.ts so that only the actions that
 * take one load the YAML parser: it adds 14 ms to an action's start (measured), and most actions
 * take no YAML input.
 */
import { parse as parseYaml } from 'yaml';
import * as z from 'zod/mini';
import { reject, textThen } from './inputs.js';

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
}

/** A YAML (or JSON) document validated by `schema`; `expected` describes the document's shape. */
export function yamlValue<T extends z.ZodMiniType>(schema: T, expected: string) {
  return textThen(
    expected,
    z.transform((value: string, ctx): z.output<T> => {
      let document: unknown;
      try {
        document = parseYaml(value);
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        return reject(ctx, `${expected} (not valid YAML: ${reason})`, value);
      }
      const result = schema.safeParse(document);
      if (!result.success) {
        for (const issue of result.error.issues) {
          const where = issue.path.length ? ` at ${formatPath(issue.path).replace(/^\./, '')}` : '';
          ctx.issues.push({ code: 'custom', message: `${expected}${where}: ${issue.message}`, input: value });
        }
        return z.NEVER;
      }
      return result.data;
    }),
  );
}
