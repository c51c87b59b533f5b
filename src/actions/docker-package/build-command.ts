/** The docker build command: buildx (BuildKit) when available, else the classic builder. Pure. */
import type { Command } from '../../core/exec.js';

export interface BuildOptions {
  buildx: boolean;
  context: string;
  file: string;
  target?: string;
  tags: string[];
  labels: Record<string, string>;
  buildArgs: string[];
  /** Names of secrets, passed by environment variable (never on the command line). */
  secretIds: string[];
  platforms: string[];
  cache: 'gha' | 'registry' | 'local' | 'none';
  cacheRef?: string;
  localCacheFolder?: string;
  push: boolean;
  iidFile: string;
  /** Classic builder: labels were appended to this Dockerfile as one LABEL step (see labelledDockerfile). */
  labelsInDockerfile?: boolean;
}

function quoteLabel(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

/**
 * The classic builder turns every --label into a build step of its own (a container commit each, which
 * on some storage drivers copies the whole filesystem); one LABEL line at the end of the final stage
 * does the same in one step. Not for a `target` that is not the last stage.
 */
export function labelledDockerfile(dockerfile: string, labels: Record<string, string>): string {
  const pairs = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${quoteLabel(value)}`);
  return pairs.length ? `${dockerfile.replace(/\n*$/, '')}\nLABEL ${pairs.join(' ')}\n` : dockerfile;
}

export function secretVariable(id: string): string {
  return `BUILD_TOOLS_SECRET_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export function buildCommand(options: BuildOptions): Command {
  const args: string[] = options.buildx ? ['buildx', 'build'] : ['build'];
  args.push('--file', options.file, '--iidfile', options.iidFile);
  if (options.target) args.push('--target', options.target);
  for (const tag of options.tags) args.push('--tag', tag);
  if (!options.labelsInDockerfile) {
    for (const [key, value] of Object.entries(options.labels).sort(([a], [b]) => a.localeCompare(b)))
      args.push('--label', `${key}=${value}`);
  }
  for (const buildArg of options.buildArgs) args.push('--build-arg', buildArg);
  if (options.buildx) {
    for (const id of options.secretIds) args.push('--secret', `id=${id},env=${secretVariable(id)}`);
    if (options.platforms.length) args.push('--platform', options.platforms.join(','));
    if (options.cache === 'gha') args.push('--cache-from', 'type=gha', '--cache-to', 'type=gha,mode=max');
    if (options.cache === 'registry' && options.cacheRef)
      args.push('--cache-from', `type=registry,ref=${options.cacheRef}`, '--cache-to', `type=registry,ref=${options.cacheRef},mode=max`);
    if (options.cache === 'local' && options.localCacheFolder) {
      args.push(
        '--cache-from',
        `type=local,src=${options.localCacheFolder}`,
        '--cache-to',
        `type=local,dest=${options.localCacheFolder},mode=max`,
      );
    }
    args.push('--provenance=mode=min', options.push ? '--push' : '--load');
  } else if (options.cache === 'registry' && options.cacheRef) {
    // The classic builder reuses layers of an image it has: the previously pushed one.
    args.push('--cache-from', options.cacheRef);
  }
  if (options.cache === 'none') args.push('--no-cache');
  args.push(options.context);
  return { program: 'docker', args };
}
