/**
 * Secrets in the working tree with secretlint's recommended rule set (maintained upstream), over
 * the files git would track (a checkout honours .gitignore) or every file elsewhere; values are
 * masked in every message.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { exec } from '../../core/exec.js';
import { findFiles } from '../../core/glob.js';
import type { Finding } from './findings.js';

/** Larger files are almost never hand-written config or source: skip them. */
const MAX_BYTES = 1024 * 1024;

export async function filesToScan(root: string): Promise<string[]> {
  const git = await exec('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    silent: true,
    allowFailure: true,
  }).catch(() => undefined);
  if (git && git.exitCode === 0) return git.stdout.split('\0').filter(Boolean);
  return findFiles(root, ['**']);
}

export async function scanSecrets(root: string, files: readonly string[]): Promise<Finding[]> {
  const [{ lintSource }, preset] = await Promise.all([import('@secretlint/core'), import('@secretlint/secretlint-rule-preset-recommend')]);
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }] };
  const findings: Finding[] = [];
  for (const file of files) {
    const path = join(root, file);
    let content: Buffer;
    try {
      if (statSync(path).size > MAX_BYTES) continue;
      content = readFileSync(path);
    } catch {
      continue;
    }
    if (content.includes(0)) continue; // binary
    const result = await lintSource({
      source: { filePath: path, content: content.toString('utf8'), contentType: 'text', ext: extname(file) },
      options: { config: config as never, maskSecrets: true, locale: 'en' },
    });
    for (const message of result.messages) {
      findings.push({
        scanner: 'secrets',
        ruleId: message.messageId ? `${message.ruleId}/${message.messageId}` : message.ruleId,
        aliases: [],
        severity: 'critical',
        title: message.message,
        file,
        line: message.loc.start.line,
        column: message.loc.start.column + 1,
      });
    }
  }
  return findings;
}
