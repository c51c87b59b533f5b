/**
 * Configuration bundles: templates filled from the environment — only `${VAR}` forms of allowed
 * variables, so nginx's `$host` survives — then bundled with the included files (agent
 * definitions, automation scripts) into a dated, reproducible tar.gz.
 */
import { ConfigError } from '../../core/errors.js';

/** Whether a variable name is allowed: an exact name or a prefix pattern such as APP_*. */
export function isAllowed(name: string, allowList: readonly string[]): boolean {
  return allowList.some((entry) => (entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : entry === name));
}

export interface Rendered {
  text: string;
  used: string[];
}

export interface UnsetVariable {
  file: string;
  line: number;
  name: string;
}

export function renderTemplate(
  text: string,
  file: string,
  allowList: readonly string[],
  env: Record<string, string | undefined>,
  unset: UnsetVariable[],
): Rendered {
  const used = new Set<string>();
  const lines = text.split('\n');
  const rendered = lines.map((line, index) =>
    line.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => {
      if (!isAllowed(name, allowList)) return whole;
      const value = env[name];
      if (value === undefined) {
        unset.push({ file, line: index + 1, name });
        return whole;
      }
      used.add(name);
      return value;
    }),
  );
  return { text: rendered.join('\n'), used: [...used] };
}

export function unsetError(unset: readonly UnsetVariable[]): ConfigError {
  const list = unset.map((entry) => `${entry.file}:${entry.line} \${${entry.name}}`).join(', ');
  const first = unset[0];
  return new ConfigError(
    `config templates use variables that are not set: ${list}`,
    first ? { file: first.file, line: first.line } : undefined,
  );
}

/** `<repo>-configs-<yyyymmdd>.tar.gz` with <repo> and <yyyymmdd> (from the bundle's fixed time) filled in. */
export function archiveName(pattern: string, repository: string, epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  const yyyymmdd = `${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`;
  return pattern.replace(/<repo>/g, repository.split('/').pop() || 'project').replace(/<yyyymmdd>/g, yyyymmdd);
}
