/**
 * The cache-service stand-in itself, spoken to as the @actions/cache client speaks to GitHub's
 * service: Twirp JSON over HTTP with a bearer token, blobs through the SAS URLs it signs for
 * Azurite. (The real client against it: test/core/cache-github.test.ts.)
 */
import { BlockBlobClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CacheService, startCacheService, TWIRP_SERVICE_PATH } from './cache-service.js';

let service: CacheService;

beforeAll(async () => {
  service = await startCacheService();
});
afterAll(async () => {
  await service?.stop();
});

async function twirp(method: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(`${TWIRP_SERVICE_PATH}${method}`, service.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${service.env.ACTIONS_RUNTIME_TOKEN}`, ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string | boolean> };
}

/** Create, upload, finalize: what saveCache does. */
async function put(key: string, version: string, content: string) {
  const created = await twirp('CreateCacheEntry', { key, version });
  expect(created).toMatchObject({ status: 200, body: { ok: true } });
  await new BlockBlobClient(created.body.signed_upload_url as string).upload(content, Buffer.byteLength(content));
  const finalized = await twirp('FinalizeCacheEntryUpload', { key, version, size_bytes: String(Buffer.byteLength(content)) });
  expect(finalized).toMatchObject({ status: 200, body: { ok: true } });
  return finalized.body.entry_id;
}

async function get(key: string, version: string, restoreKeys: string[] = []) {
  const { body } = await twirp('GetCacheEntryDownloadURL', { key, restore_keys: restoreKeys, version });
  if (!body.ok) return undefined;
  const blob = await new BlockBlobClient(body.signed_download_url as string).downloadToBuffer();
  return { key: body.matched_key, content: blob.toString() };
}

describe('the cache service stand-in', () => {
  it('gives the client what it needs to use protocol v2', () => {
    expect(service.env).toEqual({
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: service.url,
      ACTIONS_RUNTIME_TOKEN: expect.any(String),
      GITHUB_SERVER_URL: 'https://github.com',
    });
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('stores an entry through signed URLs and hands back the exact key', async () => {
    const id = await put('exact', 'v1', 'exact content');
    expect(id).toMatch(/^\d+$/);
    expect(await get('exact', 'v1', ['ex'])).toEqual({ key: 'exact', content: 'exact content' });
    expect(service.entries().find((entry) => entry.key === 'exact')).toMatchObject({ finalized: true, sizeBytes: 13 });
  });

  it('takes the newest entry of the first restore-key prefix that matches, and only of the same version', async () => {
    await put('p-old', 'v1', 'old');
    await put('p-new', 'v1', 'new');
    await put('p-newest-other-version', 'v2', 'other');
    await put('q-newest', 'v1', 'q');
    expect(await get('p-missing', 'v1', ['none-', 'p-', 'q-'])).toEqual({ key: 'p-new', content: 'new' });
    expect(await get('p-missing', 'v2', ['p-'])).toEqual({ key: 'p-newest-other-version', content: 'other' });
    expect(await get('p-old', 'v1', ['p-'])).toEqual({ key: 'p-old', content: 'old' });
    expect(await get('p-old', 'v3', ['p-'])).toBeUndefined();
    expect(await get('absent', 'v1', ['absent-'])).toBeUndefined();
  });

  it('keeps entries immutable: creating an existing key and version is already_exists (409)', async () => {
    await put('fixed', 'v1', 'first');
    expect(await twirp('CreateCacheEntry', { key: 'fixed', version: 'v1' })).toEqual({
      status: 409,
      body: { code: 'already_exists', msg: 'cache entry with the same key, version, and scope already exists' },
    });
    // Another version of the key is another entry.
    expect((await twirp('CreateCacheEntry', { key: 'fixed', version: 'v2' })).status).toBe(200);
    expect(await get('fixed', 'v1')).toEqual({ key: 'fixed', content: 'first' });
  });

  it('hands out only finalized entries whose upload is complete, with read-only download URLs', async () => {
    const created = await twirp('CreateCacheEntry', { key: 'pending', version: 'v1' });
    expect(await get('pending', 'v1', ['pend'])).toBeUndefined();
    expect((await twirp('FinalizeCacheEntryUpload', { key: 'pending', version: 'v1', size_bytes: '4' })).body).toMatchObject({
      code: 'failed_precondition',
    });
    await new BlockBlobClient(created.body.signed_upload_url as string).upload('abc', 3);
    const wrongSize = await twirp('FinalizeCacheEntryUpload', { key: 'pending', version: 'v1', size_bytes: '4' });
    expect(wrongSize).toMatchObject({ status: 412, body: { code: 'failed_precondition' } });
    expect(await get('pending', 'v1')).toBeUndefined();
    expect((await twirp('FinalizeCacheEntryUpload', { key: 'pending', version: 'v1', size_bytes: '3' })).body.ok).toBe(true);
    const { body } = await twirp('GetCacheEntryDownloadURL', { key: 'pending', version: 'v1' });
    await expect(new BlockBlobClient(body.signed_download_url as string).upload('evil', 4)).rejects.toMatchObject({ statusCode: 403 });
    expect(await get('pending', 'v1')).toEqual({ key: 'pending', content: 'abc' });
  });

  it('speaks Twirp errors: no token, unknown method, missing fields', async () => {
    expect(await twirp('GetCacheEntryDownloadURL', { key: 'k', version: 'v' }, { authorization: '' })).toMatchObject({
      status: 401,
      body: { code: 'unauthenticated' },
    });
    expect(await twirp('DeleteEverything', { key: 'k', version: 'v' })).toMatchObject({ status: 404, body: { code: 'bad_route' } });
    expect(await twirp('CreateCacheEntry', { key: 'k' })).toMatchObject({ status: 400, body: { code: 'invalid_argument' } });
  });

  it('injects faults: 500, a non-retryable refusal, and calls that hang', async () => {
    try {
      service.setFault('500');
      expect(await twirp('GetCacheEntryDownloadURL', { key: 'exact', version: 'v1' })).toMatchObject({
        status: 500,
        body: { code: 'internal' },
      });
      service.setFault('reject');
      expect((await twirp('CreateCacheEntry', { key: 'r', version: 'v1' })).status).toBe(400);
      service.setFault('hang');
      await expect(
        fetch(new URL(`${TWIRP_SERVICE_PATH}GetCacheEntryDownloadURL`, service.url), {
          method: 'POST',
          body: '{}',
          signal: AbortSignal.timeout(500),
        }),
      ).rejects.toThrow(/abort|timeout/i);
    } finally {
      service.setFault('none');
    }
    expect(await get('exact', 'v1')).toEqual({ key: 'exact', content: 'exact content' });
  });

  it('stops Azurite in the middle of an upload, and starts it again with its data', async () => {
    const created = await twirp('CreateCacheEntry', { key: 'interrupted', version: 'v1' });
    service.setFault('blob-store-dies-mid-upload');
    try {
      const upload = new BlockBlobClient(created.body.signed_upload_url as string).upload('x'.repeat(100_000), 100_000, {
        abortSignal: AbortSignal.timeout(1500),
      });
      await expect(upload).rejects.toThrow();
      expect(service.blobStoreRunning()).toBe(false);
    } finally {
      service.setFault('none');
    }
    expect((await twirp('FinalizeCacheEntryUpload', { key: 'interrupted', version: 'v1', size_bytes: '100000' })).status).toBe(412);
    await service.restartBlobStore();
    expect(service.blobStoreRunning()).toBe(true);
    expect(await get('interrupted', 'v1')).toBeUndefined();
    expect(await get('exact', 'v1')).toEqual({ key: 'exact', content: 'exact content' });
  });
});
