/** Uploading SARIF to code scanning through GitHub's REST API (POST /repos/{owner}/{repo}/code-scanning/sarifs). */
import { gzipSync } from 'node:zlib';

export type UploadResult = { ok: true; id?: string } | { ok: false; status: number; message: string };

export async function uploadSarif(options: {
  apiUrl: string;
  repository: string;
  token: string;
  commitSha: string;
  ref: string;
  sarif: string;
}): Promise<UploadResult> {
  const response = await fetch(`${options.apiUrl.replace(/\/+$/, '')}/repos/${options.repository}/code-scanning/sarifs`, {
    method: 'POST',
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${options.token}`,
      'content-type': 'application/json',
      'x-github-api-version': '2022-11-28',
    },
    body: JSON.stringify({
      commit_sha: options.commitSha,
      ref: options.ref,
      sarif: gzipSync(options.sarif).toString('base64'),
      tool_name: 'build-tools security-scan',
    }),
    signal: AbortSignal.timeout(60_000),
  });
  const body = (await response.json().catch(() => ({}))) as { id?: string; message?: string };
  if (response.ok) return { ok: true, id: body.id };
  return { ok: false, status: response.status, message: body.message ?? response.statusText };
}
