/**
 * Image tags from rules in the spirit of docker/metadata-action: type=semver,pattern=…, type=sha,
 * type=ref,event=branch|tag|pr, type=raw,value=…, type=schedule,pattern=…; `latest` on the default
 * branch. For pull requests, `type=sha` uses the PR head commit, not the merge commit.
 */
export interface TagContext {
  eventName: string;
  ref: string;
  sha: string;
  /** The pull request's head commit, when the event is a pull request. */
  pullRequestHeadSha?: string;
  pullRequestNumber?: number;
  defaultBranch: string;
  /** For type=schedule: the date to format. */
  now: Date;
}

export type TagRule = Record<string, string>;

export function parseTagRule(rule: string): TagRule {
  const parsed: TagRule = {};
  for (const part of rule.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) throw new Error(`'${part.trim()}' in tag rule '${rule}' is not key=value`);
    parsed[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  if (!parsed.type) throw new Error(`tag rule '${rule}' has no type=`);
  return parsed;
}

/** A tag must be [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}; anything else becomes '-'. */
export function sanitiseTag(value: string): string {
  return value
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
}

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function formatSemver(pattern: string, version: string): string | undefined {
  const match = SEMVER.exec(version);
  if (!match) return undefined;
  const [, major, minor, patch, pre] = match as unknown as [string, string, string, string, string | undefined];
  // Like metadata-action: {{major}} and {{major}}.{{minor}} are not produced for pre-releases.
  if (pre && !pattern.includes('{{version}}') && !pattern.includes('{{patch}}')) return undefined;
  return pattern
    .replace(/\{\{\s*version\s*\}\}/g, `${major}.${minor}.${patch}${pre ? `-${pre}` : ''}`)
    .replace(/\{\{\s*major\s*\}\}/g, major)
    .replace(/\{\{\s*minor\s*\}\}/g, minor)
    .replace(/\{\{\s*patch\s*\}\}/g, patch);
}

function formatDate(pattern: string, date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return pattern
    .replace(/\{\{\s*date\s+'([^']+)'\s*\}\}/g, (_, format: string) =>
      format
        .replace('YYYY', String(date.getUTCFullYear()))
        .replace('MM', pad(date.getUTCMonth() + 1))
        .replace('DD', pad(date.getUTCDate()))
        .replace('HH', pad(date.getUTCHours()))
        .replace('mm', pad(date.getUTCMinutes())),
    )
    .replace(/\{\{\s*date\s*\}\}/g, `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`);
}

export function computeTags(rules: readonly string[], context: TagContext): string[] {
  const tags = new Set<string>();
  const branch = context.ref.startsWith('refs/heads/') ? context.ref.slice('refs/heads/'.length) : undefined;
  const tag = context.ref.startsWith('refs/tags/') ? context.ref.slice('refs/tags/'.length) : undefined;
  const isPullRequest = context.eventName === 'pull_request' || context.eventName === 'pull_request_target';
  for (const raw of rules) {
    const rule = parseTagRule(raw);
    if (rule.enable === 'false') continue;
    switch (rule.type) {
      case 'semver': {
        if (!tag) break;
        const value = formatSemver(rule.pattern ?? '{{version}}', tag);
        if (value) tags.add(value);
        break;
      }
      case 'sha': {
        const sha = isPullRequest && context.pullRequestHeadSha ? context.pullRequestHeadSha : context.sha;
        if (sha) tags.add(`${rule.prefix ?? 'sha-'}${rule.format === 'long' ? sha : sha.slice(0, 7)}`);
        break;
      }
      case 'ref': {
        if (rule.event === 'branch' && branch && !isPullRequest) tags.add(sanitiseTag(branch));
        else if (rule.event === 'tag' && tag) tags.add(sanitiseTag(tag));
        else if (rule.event === 'pr' && isPullRequest && context.pullRequestNumber)
          tags.add(`${rule.prefix ?? 'pr-'}${context.pullRequestNumber}`);
        break;
      }
      case 'raw':
        if (!rule.value) throw new Error(`tag rule '${raw}' needs value=`);
        tags.add(sanitiseTag(rule.value));
        break;
      case 'schedule':
        if (context.eventName === 'schedule') tags.add(sanitiseTag(formatDate(rule.pattern ?? 'nightly', context.now)));
        break;
      default:
        throw new Error(`tag rule '${raw}': type must be semver, sha, ref, raw or schedule`);
    }
  }
  if (branch && branch === context.defaultBranch && !isPullRequest && context.eventName !== 'schedule') tags.add('latest');
  return [...tags];
}
