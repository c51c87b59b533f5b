/**
 * security-scan: dependency vulnerabilities (lockfiles against OSV), secrets, licenses and images,
 * in one complete report (SARIF, every severity) and one gate applied separately. A scanner that
 * could not run is never reported as clean.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { ActionContext } from '../../core/context.js';
import { ConfigError, errorMessage } from '../../core/errors.js';
import { findFiles } from '../../core/glob.js';
import { countBySeverity, type Finding, failingFindings } from './findings.js';
import { applyIgnores, readIgnoreFile } from './ignore.js';
import { inventoryImage } from './image.js';
import type { Inputs, Scanner } from './inputs.js';
import { installedPackages, judgeLicenses } from './licenses.js';
import { LOCKFILE_PATTERNS, parseLockfile } from './lockfiles.js';
import { loadOfflineDatabase, type OsvDatabase, queryOsvApi } from './osv.js';
import { buildSarif } from './sarif.js';
import { filesToScan, scanSecrets } from './secrets.js';
import { policyFrom } from './spdx.js';
import { uploadSarif } from './upload.js';
import { canOrder, orderingFor } from './versions.js';

async function loadDatabase(
  inputs: Inputs,
  root: string,
  packages: { ecosystem: string; name: string; version: string }[],
): Promise<OsvDatabase> {
  const source = inputs['vulnerability-db'];
  // BUILD_TOOLS_OSV_API_URL points at a mirror of the OSV API (or, in tests, at nothing).
  if (source === 'osv') return queryOsvApi(packages, process.env.BUILD_TOOLS_OSV_API_URL || undefined);
  const path = join(root, source);
  const absolute = existsSync(path) ? path : source;
  if (!existsSync(absolute))
    throw new ConfigError(`vulnerability-db '${source}' does not exist (give 'osv' or a folder of OSV records or an all.zip)`);
  return loadOfflineDatabase(absolute);
}

interface MatchablePackage {
  ecosystem: string;
  name: string;
  version: string;
  /** OS packages: the source package and version their distribution's advisories name. */
  source?: { name: string; version: string };
  file: string;
  line?: number;
  development?: boolean;
}

async function matchPackages(
  database: OsvDatabase,
  packages: readonly MatchablePackage[],
  scanner: 'dependencies' | 'image',
  log?: (message: string) => void,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const ecosystem of [...new Set(packages.map((entry) => entry.ecosystem))]) {
    const relevant = packages.filter((entry) => entry.ecosystem === ecosystem);
    // Distribution advisories are per release: without one (no os-release) nothing can match.
    const releaseUnknown = ['Debian', 'Ubuntu', 'Alpine'].includes(ecosystem);
    if (!canOrder(ecosystem) || releaseUnknown) {
      log?.(
        `${relevant.length} ${ecosystem} packages not matched: ${releaseUnknown ? 'the release is unknown' : 'no version ordering for that ecosystem'}`,
      );
      continue;
    }
    const ordering = await orderingFor(ecosystem);
    const seen = new Set<string>();
    for (const entry of relevant) {
      const advisoryName = entry.source?.name ?? entry.name;
      const advisoryVersion = entry.source?.version ?? entry.version;
      for (const match of database.match(ecosystem, advisoryName, advisoryVersion, ordering)) {
        const key = `${match.record.id}\0${entry.name}\0${entry.version}\0${entry.file}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const from = advisoryName !== entry.name ? ` (source ${advisoryName} ${advisoryVersion})` : '';
        findings.push({
          scanner,
          ruleId: match.record.id,
          aliases: [...(match.record.aliases ?? []), ...(match.record.upstream ?? [])],
          severity: match.severity,
          title: `${entry.name}@${entry.version}${from}: ${match.record.summary ?? match.record.details?.split('\n')[0]?.slice(0, 200) ?? match.record.id}`,
          file: entry.file,
          line: entry.line,
          package: entry.name,
          version: entry.version,
          fixedVersions: match.fixed,
          development: entry.development,
        });
      }
    }
  }
  return findings;
}

export async function main(inputs: Inputs, ctx: ActionContext): Promise<void> {
  const root = ctx.resolvePath(inputs['working-directory']);
  if (!existsSync(root)) throw new ConfigError(`working-directory '${inputs['working-directory']}' does not exist`);
  ctx.log.mask(inputs.token);
  const scanners = [...new Set(inputs.scanners)];
  if (scanners.includes('image') && !inputs.image)
    throw new ConfigError("the image scanner needs the 'image' input (a local image reference or ID)");
  const ignores = readIgnoreFile(join(root, inputs['ignore-file']), inputs['ignore-file']);
  const findingsByScanner = new Map<Scanner, Finding[]>();
  const scannerErrors = new Map<Scanner, string>();
  const counts: Record<string, number> = {};

  const run = async (scanner: Scanner, work: () => Promise<Finding[]>) => {
    try {
      const findings = await ctx.log.group(`Scanning: ${scanner}`, work);
      findingsByScanner.set(scanner, findings);
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      scannerErrors.set(scanner, errorMessage(error));
      const message = `The ${scanner} scanner could not run, so its results are unknown (not clean): ${errorMessage(error)}`;
      if (inputs['on-scanner-error'] === 'fail') ctx.fail(message);
      else ctx.log.warn(message);
    }
  };

  if (scanners.includes('dependencies')) {
    await run('dependencies', async () => {
      const lockfiles = findFiles(root, LOCKFILE_PATTERNS);
      const packages = lockfiles.flatMap((file) => parseLockfile(join(root, file), file));
      counts.lockfiles = lockfiles.length;
      counts.packages = packages.length;
      ctx.log.info(`${packages.length} packages in ${lockfiles.length} lockfiles${lockfiles.length ? `: ${lockfiles.join(', ')}` : ''}`);
      if (!packages.length) return [];
      const database = await loadDatabase(inputs, root, packages);
      ctx.log.info(`${database.count} advisories loaded`);
      return matchPackages(database, packages, 'dependencies');
    });
  }
  if (scanners.includes('secrets')) {
    await run('secrets', async () => {
      const files = await filesToScan(root);
      counts.files = files.length;
      const found = await scanSecrets(root, files);
      ctx.log.info(`${files.length} files scanned, ${found.length} secrets found`);
      return found;
    });
  }
  if (scanners.includes('licenses')) {
    await run('licenses', async () => {
      const installed = installedPackages(root);
      counts.installed = installed.length;
      ctx.log.info(`${installed.length} installed packages`);
      return judgeLicenses(installed, policyFrom(inputs['license-allow'] ?? [], inputs['license-deny'] ?? []));
    });
  }
  if (scanners.includes('image') && inputs.image) {
    const image = inputs.image;
    await run('image', async () => {
      const packages = await inventoryImage(image);
      ctx.log.info(`${packages.length} packages in ${image}`);
      // The inventory itself, so a reader can check what was (and was not) matched.
      for (const entry of packages) {
        const source = entry.source && entry.source.name !== entry.name ? ` (source ${entry.source.name} ${entry.source.version})` : '';
        ctx.log.info(`  ${entry.ecosystem} ${entry.name} ${entry.version}${source} in ${entry.file}`);
      }
      const database = await loadDatabase(
        inputs,
        root,
        packages.map((entry) => ({
          ecosystem: entry.ecosystem,
          name: entry.source?.name ?? entry.name,
          version: entry.source?.version ?? entry.version,
        })),
      );
      return matchPackages(
        database,
        packages.map((entry) => ({ ...entry, file: `${image}:${entry.file}` })),
        'image',
        (message) => ctx.log.info(message),
      );
    });
  }

  const all = [...findingsByScanner.values()].flat();
  const { expired } = applyIgnores(all, ignores, new Date().toISOString().slice(0, 10));
  for (const entry of expired) {
    ctx.log.warn(`Ignore entry '${entry.id ?? entry.package}' expired on ${entry.expires}; it no longer ignores anything.`, {
      file: inputs['ignore-file'],
      line: entry.line,
    });
  }
  const gate = failingFindings(all, {
    threshold: inputs['severity-threshold'],
    ignoreUnfixed: inputs['ignore-unfixed'],
    scope: inputs.scope,
  });
  const unknownLicenses = all.filter((finding) => finding.ruleId === 'license/unknown' && !finding.ignoredBy);
  if (inputs['license-unknown'] === 'fail') gate.push(...unknownLicenses.filter((finding) => !gate.includes(finding)));

  const sarifPath = ctx.resolvePath(inputs['sarif-file']);
  mkdirSync(dirname(sarifPath), { recursive: true });
  const sarif = JSON.stringify(buildSarif(findingsByScanner, '0.1.0'), null, 2);
  writeFileSync(sarifPath, sarif);

  const findingCounts = countBySeverity(all);
  const findingsOutput = Object.fromEntries(
    scanners.map((scanner) => [
      scanner,
      scannerErrors.has(scanner)
        ? { error: scannerErrors.get(scanner) }
        : (findingCounts[scanner] ?? { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 }),
    ]),
  );
  ctx.setOutput('findings', findingsOutput);
  ctx.setOutput('failed-findings', gate.length);
  ctx.setOutput('sarif-file', sarifPath);

  // Annotations for what fails the gate (the runner shows 10 per step; one is left for the verdict).
  for (const finding of gate.slice(0, 9)) {
    ctx.log.error(`${finding.title}${finding.fixedVersions?.length ? ` — fixed in ${finding.fixedVersions.join(', ')}` : ''}`, {
      file: finding.scanner === 'image' ? undefined : finding.file,
      line: finding.line,
      title: `${finding.scanner}: ${finding.ruleId} (${finding.severity})`,
    });
  }
  if (inputs['license-unknown'] === 'warn' && unknownLicenses.length)
    ctx.log.warn(`${unknownLicenses.length} installed packages declare no readable license (license-unknown: warn).`);

  writeSummary(
    ctx,
    scanners,
    findingsOutput,
    gate,
    all,
    expired.map((entry) => entry.id ?? entry.package ?? ''),
    scannerErrors,
    inputs,
  );
  ctx.metrics.record({
    findings: Object.fromEntries(
      ['critical', 'high', 'medium', 'low', 'unknown'].map((severity) => [
        severity,
        all.filter((finding) => !finding.ignoredBy && finding.severity === severity).length,
      ]),
    ),
    failed_findings: gate.length,
    scanned: counts,
  });

  if (inputs['upload-sarif']) {
    if (!inputs.token)
      ctx.log.warn('upload-sarif is true but no token was given; the SARIF file is kept at ' + relative(process.cwd(), sarifPath));
    else {
      const result = await uploadSarif({
        apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
        repository: ctx.runner.repository,
        token: inputs.token,
        commitSha: ctx.runner.sha,
        ref: ctx.runner.ref,
        sarif,
      }).catch((error: unknown) => ({ ok: false as const, status: 0, message: errorMessage(error) }));
      if (result.ok) ctx.log.info(`SARIF uploaded to code scanning${result.id ? ` (${result.id})` : ''}.`);
      else if (result.status === 403) {
        ctx.log.warn(
          `Code scanning refused the upload (403: ${result.message}). It needs GitHub Advanced Security (or a public repository) and 'security-events: write'; the summary and ${inputs['sarif-file']} are kept.`,
        );
      } else
        ctx.log.warn(`Uploading the SARIF failed (${result.status || 'network'}: ${result.message}); ${inputs['sarif-file']} is kept.`);
    }
  }

  if (gate.length) {
    ctx.fail(
      `${gate.length} finding${gate.length === 1 ? '' : 's'} at or above '${inputs['severity-threshold']}' (or denied licenses, secrets): see the summary and ${inputs['sarif-file']}`,
    );
  }
}

function writeSummary(
  ctx: ActionContext,
  scanners: Scanner[],
  counts: Record<string, unknown>,
  gate: Finding[],
  all: Finding[],
  expired: string[],
  errors: Map<Scanner, string>,
  inputs: Inputs,
): void {
  const summary = ctx.summary;
  summary.heading('Security scan');
  summary.table(
    ['scanner', 'critical', 'high', 'medium', 'low', 'unknown'],
    scanners.map((scanner) => {
      if (errors.has(scanner)) return [scanner, '⚠️ could not run', '', '', '', errors.get(scanner)];
      const row = counts[scanner] as Record<string, number>;
      return [scanner, row.critical, row.high, row.medium, row.low, row.unknown];
    }),
  );
  summary.paragraph(
    gate.length
      ? `❌ **${gate.length}** finding${gate.length === 1 ? '' : 's'} fail the gate (severity-threshold: ${inputs['severity-threshold']}${inputs['ignore-unfixed'] ? ', unfixed ignored' : ''}${inputs.scope === 'runtime' ? ', runtime only' : ''}).`
      : '✅ Nothing fails the gate.',
  );
  if (gate.length) {
    summary.table(
      ['scanner', 'id', 'severity', 'where', 'package', 'fixed in'],
      gate
        .slice(0, 200)
        .map((finding) => [
          finding.scanner,
          finding.ruleId,
          finding.severity,
          `${finding.file}${finding.line ? `:${finding.line}` : ''}`,
          finding.package ? `${finding.package}@${finding.version}${finding.development ? ' (dev)' : ''}` : '',
          finding.fixedVersions?.join(', ') ?? '',
        ]),
    );
  }
  if (all.some((finding) => finding.scanner === 'secrets' && !finding.ignoredBy)) {
    summary.paragraph(
      '> [!WARNING]\n> A secret that reached a repository must be **rotated**: removing it from the files does not remove it from history or from anyone who copied it.',
    );
  }
  const ignored = all.filter((finding) => finding.ignoredBy);
  if (ignored.length)
    summary.details(
      `${ignored.length} ignored findings`,
      ignored.map((finding) => `- ${finding.ruleId} (${finding.package ?? finding.file}): ${finding.ignoredBy}`).join('\n'),
    );
  if (expired.length) summary.paragraph(`⏰ Expired ignore entries (no longer ignoring): ${expired.join(', ')}`);
}
