/**
 * docker-package: builds the image once (buildx when present, else the classic builder), labels it,
 * checks the Dockerfile against the policy, pushes the same image, and bundles the configuration
 * reproducibly.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { ActionContext } from '../../core/context.js';
import { ConfigError, errorMessage } from '../../core/errors.js';
import { findFiles } from '../../core/glob.js';
import { formatBytes, formatSeconds } from '../../core/metrics/summary.js';
import { buildCommand, labelledDockerfile, secretVariable } from './build-command.js';
import { archiveName, renderTemplate, type UnsetVariable, unsetError } from './config-bundle.js';
import type { Inputs } from './inputs.js';
import { checkDockerfile } from './policy.js';
import { reproducibleTarGz, type TarEntry } from './reproducible-tar.js';
import { computeTags } from './tags.js';

function keyValues(lines: readonly string[] | undefined, input: string): [string, string][] {
  return (lines ?? []).map((line) => {
    const at = line.indexOf('=');
    if (at <= 0) throw new ConfigError(`${input}: '${line}' is not KEY=value`);
    return [line.slice(0, at).trim(), line.slice(at + 1)];
  });
}

async function sourceDateEpoch(ctx: ActionContext, cwd: string): Promise<number> {
  if (process.env.SOURCE_DATE_EPOCH && /^\d+$/.test(process.env.SOURCE_DATE_EPOCH)) return Number(process.env.SOURCE_DATE_EPOCH);
  const commit = await ctx.exec('git', ['log', '-1', '--format=%ct'], { cwd, silent: true, allowFailure: true }).catch(() => undefined);
  if (commit?.exitCode === 0 && /^\d+$/.test(commit.stdout.trim())) return Number(commit.stdout.trim());
  return 0;
}

function ociLabels(ctx: ActionContext, context: string, created: string, version: string): Record<string, string> {
  let manifest: { name?: string; description?: string; license?: string; version?: string } = {};
  if (existsSync(join(context, 'package.json'))) {
    try {
      manifest = JSON.parse(readFileSync(join(context, 'package.json'), 'utf8'));
    } catch {
      // no package metadata then
    }
  }
  const repository = ctx.runner.repository;
  return Object.fromEntries(
    Object.entries({
      'org.opencontainers.image.title': manifest.name ?? (repository.split('/').pop() || basename(context)),
      'org.opencontainers.image.description': manifest.description ?? '',
      'org.opencontainers.image.source': repository ? `${ctx.runner.serverUrl}/${repository}` : '',
      'org.opencontainers.image.revision': ctx.runner.sha,
      'org.opencontainers.image.created': created,
      'org.opencontainers.image.version': version,
      'org.opencontainers.image.licenses': manifest.license ?? '',
    }).filter(([, value]) => value !== ''),
  );
}

async function bundleConfiguration(
  inputs: Inputs,
  ctx: ActionContext,
  root: string,
): Promise<{ path: string; sha256: string; entries: string[] } | undefined> {
  const templates = inputs['config-templates'] ?? [];
  const include = inputs['config-include'] ?? [];
  if (!templates.length && !include.length) return undefined;
  const allow = inputs['config-vars'] ?? [];
  const entries: TarEntry[] = [];
  const unset: UnsetVariable[] = [];
  const templateFiles = findFiles(root, templates);
  if (templates.length && !templateFiles.length) throw new ConfigError(`config-templates (${templates.join(', ')}) match no files`);
  for (const file of templateFiles) {
    const rendered = renderTemplate(readFileSync(join(root, file), 'utf8'), file, allow, process.env, unset);
    for (const name of rendered.used) ctx.log.mask(process.env[name]);
    entries.push({ name: file.replace(/\.(tmpl|template|tpl)$/, ''), content: Buffer.from(rendered.text) });
  }
  if (unset.length) throw unsetError(unset);
  for (const path of include) {
    const files =
      existsSync(join(root, path)) && statSync(join(root, path)).isDirectory()
        ? findFiles(root, [`${path.replace(/\/+$/, '')}/**`])
        : findFiles(root, [path]);
    if (!files.length) throw new ConfigError(`config-include '${path}' matches no files`);
    for (const file of files)
      entries.push({ name: file, content: readFileSync(join(root, file)), executable: (statSync(join(root, file)).mode & 0o100) !== 0 });
  }
  const epoch = await sourceDateEpoch(ctx, root);
  const archive = reproducibleTarGz(entries, epoch);
  const name = archiveName(inputs['config-archive'], ctx.runner.repository || basename(root), epoch);
  const path = join(root, name);
  writeFileSync(path, archive);
  const sha256 = createHash('sha256').update(archive).digest('hex');
  writeFileSync(`${path}.sha256`, `${sha256}  ${name}\n`);
  return { path, sha256, entries: entries.map((entry) => entry.name).sort() };
}

export async function main(inputs: Inputs, ctx: ActionContext): Promise<void> {
  const root = process.cwd();
  const context = ctx.resolvePath(inputs.context);
  const file = inputs.file ? ctx.resolvePath(inputs.file) : join(context, 'Dockerfile');
  ctx.log.mask(inputs.password);
  for (const [, value] of keyValues(inputs.secrets, 'secrets')) ctx.log.mask(value);

  const bundle = await ctx.log.group('Configuration bundle', () => bundleConfiguration(inputs, ctx, root));
  if (bundle) {
    ctx.setOutput('config-archive', bundle.path);
    ctx.setOutput('config-sha256', bundle.sha256);
    ctx.metrics.addArtifact({
      name: basename(bundle.path),
      kind: 'config-bundle',
      path: bundle.path,
      bytes: statSync(bundle.path).size,
      digest: `sha256:${bundle.sha256}`,
    });
  } else {
    ctx.setOutput('config-archive', '');
    ctx.setOutput('config-sha256', '');
  }

  const bundleOnly = (reason: string) => {
    ctx.log.info(reason);
    for (const output of ['image-id', 'digest', 'size'] as const) ctx.setOutput(output, '');
    ctx.setOutput('tags', []);
    writeSummary(ctx, undefined, bundle, []);
  };
  if (!inputs.build) {
    bundleOnly(
      bundle
        ? 'build is false: only the configuration bundle was made.'
        : 'build is false and no configuration bundle was asked for: nothing to do.',
    );
    return;
  }
  if (!existsSync(file)) {
    if (bundle && !inputs.file) {
      bundleOnly(`No Dockerfile at ${relative(root, file)}: only the configuration bundle was made.`);
      return;
    }
    throw new ConfigError(`no Dockerfile at ${relative(root, file) || file} (set 'file' or 'context')`);
  }

  const findings = inputs.policy === 'off' ? [] : await checkDockerfile(readFileSync(file, 'utf8'), inputs.target);
  const dockerfileDisplay = relative(root, file);
  for (const finding of findings) {
    const location = { file: dockerfileDisplay, line: finding.line, title: `docker-package policy: ${finding.rule}` };
    if (inputs.policy === 'fail') ctx.log.error(finding.message, location);
    else ctx.log.warn(finding.message, location);
  }
  if (inputs.policy === 'fail' && findings.length) {
    ctx.fail(`${findings.length} Dockerfile policy finding${findings.length === 1 ? '' : 's'} (policy: fail)`);
    return;
  }

  const event = ctx.runner.event as { pull_request?: { number?: number; head?: { sha?: string } } };
  let tags: string[];
  try {
    tags = computeTags(inputs.tags, {
      eventName: ctx.runner.eventName,
      ref: ctx.runner.ref,
      sha: ctx.runner.sha,
      pullRequestHeadSha: event.pull_request?.head?.sha,
      pullRequestNumber: event.pull_request?.number,
      defaultBranch: ctx.runner.defaultBranch,
      now: new Date(),
    });
  } catch (error) {
    throw new ConfigError(`tags: ${errorMessage(error)}`);
  }
  if (!inputs.image && inputs.push) throw new ConfigError("set 'image' (the name without a tag) to push the image");
  const references = inputs.image ? tags.map((tag) => `${inputs.image}:${tag}`) : [];
  if (inputs.push && !references.length) throw new ConfigError('push is true but the tag rules produced no tag for this event');

  const buildx = (await ctx.exec('docker', ['buildx', 'version'], { silent: true, allowFailure: true })).exitCode === 0;
  const secrets = keyValues(inputs.secrets, 'secrets');
  if (secrets.length && !buildx) {
    throw new ConfigError(
      'secrets need BuildKit (docker buildx); the classic builder has no build secrets, and passing them as build-args would leave them in the image',
    );
  }
  const cache =
    inputs.cache === 'auto' ? (buildx && process.env.ACTIONS_RESULTS_URL ? 'gha' : inputs.image ? 'registry' : 'local') : inputs.cache;
  const cacheRef = inputs.image ? `${inputs.image}:${buildx ? 'buildcache' : (tags[0] ?? 'latest')}` : undefined;

  if (inputs.username || inputs.password) {
    if (!inputs.username || !inputs.password) throw new ConfigError('username and password go together');
    await ctx.exec('docker', ['login', ...(inputs.registry ? [inputs.registry] : []), '--username', inputs.username, '--password-stdin'], {
      input: inputs.password,
      group: `docker login ${inputs.registry ?? ''}`.trim(),
    });
  }
  const previous = inputs.image ? await inspect(ctx, `${inputs.image}:${tags[0] ?? 'latest'}`) : undefined;
  if (!buildx && cache === 'registry' && cacheRef && !previous) {
    await ctx.exec('docker', ['pull', cacheRef], { group: `Pulling ${cacheRef} for its layers`, allowFailure: true });
  }

  const epoch = await sourceDateEpoch(ctx, context);
  // Only a reproducible time (commit date, SOURCE_DATE_EPOCH): the classic builder applies build labels to every
  // stage, so a label that changes each run would invalidate every cached step.
  const created = epoch ? new Date(epoch * 1000).toISOString() : '';
  const version = tags.find((tag) => /^\d+\.\d+\.\d+/.test(tag)) ?? (ctx.runner.sha ? ctx.runner.sha.slice(0, 7) : (tags[0] ?? ''));
  const labels = { ...ociLabels(ctx, context, created, version), ...Object.fromEntries(keyValues(inputs.labels, 'labels')) };
  const iidFile = join(ctx.runner.temp, `docker-package-${Date.now()}.iid`);
  const dockerfileText = readFileSync(file, 'utf8');
  const lastStage = [...dockerfileText.matchAll(/^\s*FROM\s+\S+(?:\s+AS\s+(\S+))?/gim)].at(-1)?.[1];
  const labelsInDockerfile = !buildx && (!inputs.target || inputs.target === lastStage);
  const buildFile = labelsInDockerfile ? `${ctx.runner.temp}/docker-package-${Date.now()}.Dockerfile` : file;
  if (labelsInDockerfile) writeFileSync(buildFile, labelledDockerfile(dockerfileText, labels));
  const command = buildCommand({
    labelsInDockerfile,
    buildx,
    context,
    file: buildFile,
    target: inputs.target,
    tags: references,
    labels,
    buildArgs: inputs['build-args'] ?? [],
    secretIds: secrets.map(([id]) => id),
    platforms: inputs.platforms ?? [],
    cache,
    cacheRef,
    localCacheFolder: join(ctx.runner.temp, 'docker-package-cache'),
    push: inputs.push && buildx,
    iidFile,
  });
  const started = performance.now();
  let cachedSteps = 0;
  let totalSteps = 0;
  await ctx.exec(command.program, command.args, {
    group: `docker ${buildx ? 'buildx build' : 'build'} ${references.join(' ')}`,
    env: { DOCKER_BUILDKIT: buildx ? '1' : '0', ...Object.fromEntries(secrets.map(([id, value]) => [secretVariable(id), value])) },
    onLine: (line) => {
      if (/^Step \d+\/\d+ :/.test(line) || /^#\d+ \[/.test(line)) totalSteps++;
      if (line.includes('---> Using cache') || /^#\d+ CACHED/.test(line)) cachedSteps++;
    },
  });
  const buildSeconds = (performance.now() - started) / 1000;
  const imageId = readFileSync(iidFile, 'utf8').trim();
  const image = await inspect(ctx, imageId);

  let digest = '';
  if (inputs.push && !buildx) {
    for (const reference of references) {
      const pushed = await ctx.exec('docker', ['push', reference], { group: `docker push ${reference}` });
      digest ||= /digest: (sha256:[0-9a-f]{64})/.exec(pushed.stdout)?.[1] ?? '';
    }
  } else if (inputs.push) {
    digest = (await inspect(ctx, references[0] as string))?.repoDigest ?? '';
  }

  ctx.setOutput('image-id', imageId);
  ctx.setOutput('digest', digest);
  ctx.setOutput('tags', references);
  ctx.setOutput('size', image?.size ?? 0);
  ctx.metrics.addArtifact({ name: references[0] ?? imageId, kind: 'image', bytes: image?.size, digest: digest || imageId });
  ctx.metrics.record({
    image: {
      build_seconds: Math.round(buildSeconds * 1000) / 1000,
      cached_steps: cachedSteps,
      steps: totalSteps,
      layers: image?.layers,
      builder: buildx ? 'buildx' : 'classic',
    },
  });
  writeSummary(
    ctx,
    {
      references,
      imageId,
      digest,
      size: image?.size ?? 0,
      previousSize: previous?.size,
      layers: image?.layers ?? 0,
      buildSeconds,
      cachedSteps,
      totalSteps,
      builder: buildx ? 'buildx' : 'classic',
      findings: findings.map((finding) => `${dockerfileDisplay}:${finding.line} ${finding.message}`),
    },
    bundle,
    findings,
  );
}

async function inspect(ctx: ActionContext, reference: string): Promise<{ size: number; layers: number; repoDigest?: string } | undefined> {
  const result = await ctx.exec('docker', ['image', 'inspect', reference, '--format', '{{json .}}'], { silent: true, allowFailure: true });
  if (result.exitCode !== 0) return undefined;
  const data = JSON.parse(result.stdout) as { Size?: number; RootFS?: { Layers?: string[] }; RepoDigests?: string[] };
  return { size: data.Size ?? 0, layers: data.RootFS?.Layers?.length ?? 0, repoDigest: data.RepoDigests?.[0]?.split('@')[1] };
}

function writeSummary(
  ctx: ActionContext,
  built:
    | {
        references: string[];
        imageId: string;
        digest: string;
        size: number;
        previousSize?: number;
        layers: number;
        buildSeconds: number;
        cachedSteps: number;
        totalSteps: number;
        builder: string;
        findings: string[];
      }
    | undefined,
  bundle: { path: string; sha256: string; entries: string[] } | undefined,
  findings: unknown[],
): void {
  const summary = ctx.summary;
  summary.heading('Docker package');
  if (built) {
    const change =
      built.previousSize !== undefined
        ? ` (${built.size >= built.previousSize ? '+' : '−'}${formatBytes(Math.abs(built.size - built.previousSize))} vs the previous image)`
        : '';
    summary.table(
      ['', ''],
      [
        ['tags', built.references.map((reference) => `\`${reference}\``).join('<br>') || '(none)'],
        ['digest', built.digest ? `\`${built.digest}\`` : '(not pushed)'],
        ['image id', `\`${built.imageId.slice(0, 19)}\``],
        ['size', `${formatBytes(built.size)}${change}`],
        ['layers', built.layers],
        [
          'build',
          `${formatSeconds(built.buildSeconds)} with the ${built.builder} builder, ${built.cachedSteps} of ${built.totalSteps} steps cached`,
        ],
        ['policy findings', findings.length],
      ],
    );
    if (built.findings.length) summary.list(built.findings);
  }
  if (bundle) {
    summary.heading('Configuration bundle', 4);
    summary.paragraph(`\`${basename(bundle.path)}\` — sha256 \`${bundle.sha256}\``);
    summary.details(`${bundle.entries.length} files`, bundle.entries.map((entry) => `- ${entry}`).join('\n'), { optional: true });
  }
}
