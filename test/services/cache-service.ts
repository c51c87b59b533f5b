/**
 * A stand-in for GitHub's cache service, for end-to-end tests of the real @actions/cache client:
 * a small HTTP server speaking the service's Twirp JSON protocol (v2: CreateCacheEntry,
 * FinalizeCacheEntryUpload, GetCacheEntryDownloadURL) with Azurite as the blob store behind SAS
 * URLs signed with Azurite's well-known development account key — as the real service hands out
 * Azure Blob Storage URLs. Faults can be switched on: every call 500, calls that hang, Azurite gone.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobSASPermissions, BlobServiceClient, generateBlobSASQueryParameters, StorageSharedKeyCredential } from '@azure/storage-blob';
import { ROOT } from '../harness.js';
import { freePort, portOpen, waitFor } from './ports.js';

const ACCOUNT = 'devstoreaccount1';
// Azurite's published development key (https://learn.microsoft.com/azure/storage/common/storage-use-azurite).
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const CONTAINER = 'actions-cache';
const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/';

/** `blob-store-dies-after-create`: Azurite is killed as soon as an upload URL is handed out (mid-upload). */
export type CacheServiceFault = 'none' | '500' | 'hang' | 'blob-store-dies-after-create';

export interface StoredEntry {
  id: number;
  key: string;
  version: string;
  blob: string;
  finalized: boolean;
  sizeBytes: number;
  created: number;
}

export interface CacheService {
  /** What the @actions/cache client needs to find this service. */
  env: Record<string, string>;
  url: string;
  /** Every Twirp method called, in order. */
  calls: string[];
  entries(): StoredEntry[];
  setFault(fault: CacheServiceFault): void;
  /** Stops Azurite (the blob store) while the service keeps answering. */
  stopBlobStore(): Promise<void>;
  stop(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      try {
        resolve(body ? (JSON.parse(body) as Record<string, unknown>) : {});
      } catch (error) {
        reject(error);
      }
    });
    request.on('error', reject);
  });
}

/** Protobuf JSON may use the proto name or the lowerCamelCase name; accept both. */
function field<T>(body: Record<string, unknown>, protoName: string): T | undefined {
  const camel = protoName.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return (body[protoName] ?? body[camel]) as T | undefined;
}

export async function startCacheService(): Promise<CacheService> {
  const directory = mkdtempSync(join(tmpdir(), 'cache-service-'));
  const blobPort = await freePort();
  const log = openSync(join(directory, 'azurite.log'), 'a');
  let azurite: ChildProcess | undefined = spawn(
    join(ROOT, 'node_modules', '.bin', 'azurite-blob'),
    [
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(blobPort),
      '--location',
      join(directory, 'blobs'),
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--silent',
    ],
    { stdio: ['ignore', log, log] },
  );
  await waitFor('azurite', () => portOpen(blobPort), 30_000);
  const blobEndpoint = `http://127.0.0.1:${blobPort}/${ACCOUNT}`;
  const credential = new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY);
  const blobService = new BlobServiceClient(blobEndpoint, credential);
  await blobService.getContainerClient(CONTAINER).createIfNotExists();

  const signedUrl = (blob: string, permissions: string) => {
    const sas = generateBlobSASQueryParameters(
      {
        containerName: CONTAINER,
        blobName: blob,
        permissions: BlobSASPermissions.parse(permissions),
        startsOn: new Date(Date.now() - 60_000),
        expiresOn: new Date(Date.now() + 3_600_000),
      },
      credential,
    ).toString();
    return `${blobEndpoint}/${CONTAINER}/${blob}?${sas}`;
  };

  let stopAzurite: () => Promise<void> = async () => {};
  const entries: StoredEntry[] = [];
  const calls: string[] = [];
  let fault: CacheServiceFault = 'none';
  let nextId = 1;
  const sockets = new Set<Socket>();

  const reply = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.url?.startsWith(SERVICE) ? request.url.slice(SERVICE.length) : undefined;
    if (request.method !== 'POST' || !method) return reply(response, 404, { code: 'bad_route', msg: `no route ${request.url}` });
    calls.push(method);
    if (fault === 'hang') return; // never answer
    if (fault === '500') return reply(response, 500, { code: 'internal', msg: 'injected fault' });
    if (!request.headers.authorization?.startsWith('Bearer ')) return reply(response, 401, { code: 'unauthenticated', msg: 'no token' });
    const body = await readBody(request);
    const key = field<string>(body, 'key') ?? '';
    const version = field<string>(body, 'version') ?? '';
    if (method === 'CreateCacheEntry') {
      if (entries.some((entry) => entry.key === key && entry.version === version)) {
        return reply(response, 409, { code: 'already_exists', msg: 'cache entry with the same key and version already exists' });
      }
      const entry: StoredEntry = {
        id: nextId++,
        key,
        version,
        blob: `entry-${nextId}`,
        finalized: false,
        sizeBytes: 0,
        created: Date.now(),
      };
      entries.push(entry);
      if (fault === 'blob-store-dies-after-create') await stopAzurite();
      return reply(response, 200, { ok: true, signed_upload_url: signedUrl(entry.blob, 'cw') });
    }
    if (method === 'FinalizeCacheEntryUpload') {
      const entry = entries.find((candidate) => candidate.key === key && candidate.version === version && !candidate.finalized);
      if (!entry) return reply(response, 404, { code: 'not_found', msg: 'no upload in progress for this key' });
      try {
        const properties = await blobService.getContainerClient(CONTAINER).getBlobClient(entry.blob).getProperties();
        entry.sizeBytes = properties.contentLength ?? 0;
      } catch {
        return reply(response, 400, { code: 'failed_precondition', msg: 'the archive was not uploaded' });
      }
      entry.finalized = true;
      return reply(response, 200, { ok: true, entry_id: String(entry.id) });
    }
    if (method === 'GetCacheEntryDownloadURL') {
      const candidates = entries.filter((entry) => entry.finalized && entry.version === version);
      let match = candidates.find((entry) => entry.key === key);
      for (const prefix of field<string[]>(body, 'restore_keys') ?? []) {
        if (match) break;
        match = candidates.filter((entry) => entry.key.startsWith(prefix)).sort((a, b) => b.created - a.created || b.id - a.id)[0];
      }
      if (!match) return reply(response, 200, { ok: false });
      return reply(response, 200, { ok: true, signed_download_url: signedUrl(match.blob, 'r'), matched_key: match.key });
    }
    return reply(response, 404, { code: 'bad_route', msg: `unknown method ${method}` });
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error) => reply(response, 500, { code: 'internal', msg: String(error) }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${port}/`;

  stopAzurite = async () => {
    if (!azurite) return;
    const child = azurite;
    azurite = undefined;
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
  };

  return {
    env: {
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: url,
      ACTIONS_RUNTIME_TOKEN: 'test-runtime-token',
      GITHUB_SERVER_URL: 'https://github.com',
    },
    url,
    calls,
    entries: () => entries.map((entry) => ({ ...entry })),
    setFault(next) {
      fault = next;
    },
    stopBlobStore: stopAzurite,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopAzurite();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
