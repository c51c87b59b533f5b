/**
 * A stand-in for GitHub's cache service, for end-to-end tests of the real @actions/cache client:
 * a small HTTP server speaking the service's Twirp JSON protocol (v2, as @actions/cache 6 calls it
 * with ACTIONS_CACHE_SERVICE_V2=true: CreateCacheEntry, FinalizeCacheEntryUpload,
 * GetCacheEntryDownloadURL) with Azurite as the blob store behind SAS URLs signed with Azurite's
 * well-known development account key, as the real service hands out Azure Blob Storage URLs.
 *
 * Semantics, as the real service has them: an entry is (key, version), where the client derives
 * the version from the cached paths and the compression, so other paths never match; a restore
 * tries the exact key, then each restore key in order as a prefix, taking the newest finalized
 * entry; creating an entry whose key and version exist (finalized or still uploading) is a Twirp
 * `already_exists` (HTTP 409); an entry is handed out only once it is finalized with the size of
 * the blob that was really uploaded, so an interrupted upload is never restored.
 *
 * Blob traffic goes through a transparent forwarder in front of Azurite (SAS signatures do not
 * cover the host), so the service can see an upload begin and stop Azurite in the middle of it.
 *
 * Faults: `500` (every Twirp call answers 500), `hang` (calls are accepted and never answered),
 * `reject` (every Twirp call answers a non-retryable 400), `blob-store-dies-mid-upload` (Azurite is
 * killed once the first bytes of an upload have reached it; `restartBlobStore()` brings it back
 * with its data).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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
export const TWIRP_SERVICE_PATH = '/twirp/github.actions.results.api.v1.CacheService/';

export type CacheServiceFault = 'none' | '500' | 'hang' | 'reject' | 'blob-store-dies-mid-upload';

export interface StoredEntry {
  id: number;
  /** The key as the client sent it (the core's keys carry the OS/arch prefix). */
  key: string;
  version: string;
  blob: string;
  /** True once FinalizeCacheEntryUpload accepted the upload; only finalized entries are restored. */
  finalized: boolean;
  sizeBytes: number;
  created: number;
}

export interface CacheServiceOptions {
  /** The fault to start with (default none). */
  fault?: CacheServiceFault;
}

export interface CacheService {
  /** What the @actions/cache client needs to find this service (see ENVIRONMENT.md). */
  env: Record<string, string>;
  /** The Twirp base URL (ACTIONS_RESULTS_URL). */
  url: string;
  /** Every Twirp method called, in order (also those answered with a fault). */
  calls: string[];
  entries(): StoredEntry[];
  setFault(fault: CacheServiceFault): void;
  /** Whether Azurite is running. */
  blobStoreRunning(): boolean;
  /** Stops Azurite (the blob store) while the Twirp service keeps answering. */
  stopBlobStore(): Promise<void>;
  /** Starts Azurite again on the same port and storage, after a stop or the mid-upload fault. */
  restartBlobStore(): Promise<void>;
  stop(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      try {
        const parsed: unknown = body ? JSON.parse(body) : {};
        resolve(parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {});
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

/** Twirp's error codes and their HTTP statuses (twirp.github.io/docs/spec_v7.html). */
const TWIRP_STATUS = {
  invalid_argument: 400,
  malformed: 400,
  unauthenticated: 401,
  permission_denied: 403,
  bad_route: 404,
  not_found: 404,
  already_exists: 409,
  failed_precondition: 412,
  internal: 500,
} as const;

function twirpError(response: ServerResponse, code: keyof typeof TWIRP_STATUS, msg: string): void {
  response.writeHead(TWIRP_STATUS[code], { 'content-type': 'application/json' }).end(JSON.stringify({ code, msg }));
}

function reply(response: ServerResponse, body: Record<string, unknown>): void {
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

async function listen(server: Server): Promise<number> {
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return port;
}

async function close(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export async function startCacheService(options: CacheServiceOptions = {}): Promise<CacheService> {
  const directory = mkdtempSync(join(tmpdir(), 'cache-service-'));
  const azuritePort = await freePort();
  const azuriteLog = openSync(join(directory, 'azurite.log'), 'a');
  let azurite: ChildProcess | undefined;
  let fault: CacheServiceFault = options.fault ?? 'none';

  let stopping: Promise<void> = Promise.resolve();
  const startAzurite = async () => {
    await stopping;
    if (azurite) return;
    const child = spawn(
      join(ROOT, 'node_modules', '.bin', 'azurite-blob'),
      [
        '--blobHost',
        '127.0.0.1',
        '--blobPort',
        String(azuritePort),
        '--location',
        join(directory, 'blobs'),
        '--skipApiVersionCheck',
        '--disableTelemetry',
        '--silent',
      ],
      { stdio: ['ignore', azuriteLog, azuriteLog] },
    );
    azurite = child;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`azurite exited (${code}); see ${directory}/azurite.log`))),
    );
    exited.catch(() => {});
    await Promise.race([waitFor('azurite', () => portOpen(azuritePort), 30_000), exited]);
  };
  /** SIGTERM lets Azurite write its metadata (so a restart keeps the entries); SIGKILL when it is thrown away. */
  const stopAzurite = (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    const child = azurite;
    if (!child) return stopping;
    azurite = undefined;
    stopping = (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    })();
    return stopping;
  };

  // The forwarder the signed URLs point at: every byte goes to Azurite unchanged.
  const proxy = createServer((request, response) => {
    let dying = false;
    const upstream = httpRequest(
      { host: '127.0.0.1', port: azuritePort, method: request.method, path: request.url, headers: request.headers, agent: false },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
        answer.pipe(response);
        answer.on('error', () => response.destroy());
      },
    );
    // A blob store that is gone looks like one: the connection drops, no HTTP answer.
    upstream.on('error', () => {
      request.socket.destroy();
      if (dying) void stopAzurite();
    });
    const upload = request.method === 'PUT';
    request.on('data', (chunk: Buffer) => {
      if (dying) return;
      if (upload && fault === 'blob-store-dies-mid-upload') {
        // Half of the first bytes reach Azurite, then it is taken away under the upload.
        dying = true;
        upstream.write(chunk.subarray(0, Math.ceil(chunk.length / 2)), () => {
          upstream.destroy();
          request.socket.destroy();
          void stopAzurite();
        });
        return;
      }
      if (!upstream.write(chunk)) {
        request.pause();
        upstream.once('drain', () => request.resume());
      }
    });
    request.on('end', () => {
      if (!dying) upstream.end();
    });
    request.on('error', () => upstream.destroy());
  });
  const proxySockets = trackSockets(proxy);

  await startAzurite();
  const proxyPort = await listen(proxy);
  const credential = new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY);
  // One try: a blob store that is gone must not hold up the service's answers.
  const blobService = new BlobServiceClient(`http://127.0.0.1:${azuritePort}/${ACCOUNT}`, credential, {
    retryOptions: { maxTries: 1, tryTimeoutInMs: 10_000 },
  });
  await blobService.getContainerClient(CONTAINER).createIfNotExists();
  const publicBlobEndpoint = `http://127.0.0.1:${proxyPort}/${ACCOUNT}`;

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
    return `${publicBlobEndpoint}/${CONTAINER}/${blob}?${sas}`;
  };

  const entries: StoredEntry[] = [];
  const calls: string[] = [];
  let nextId = 1;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.url?.startsWith(TWIRP_SERVICE_PATH) ? request.url.slice(TWIRP_SERVICE_PATH.length) : undefined;
    if (request.method !== 'POST' || !method) return twirpError(response, 'bad_route', `no route for ${request.method} ${request.url}`);
    calls.push(method);
    if (fault === 'hang') return; // accepted, never answered
    if (fault === '500') return twirpError(response, 'internal', 'injected fault');
    if (fault === 'reject') return twirpError(response, 'invalid_argument', 'injected rejection');
    if (!request.headers.authorization?.startsWith('Bearer ')) return twirpError(response, 'unauthenticated', 'missing bearer token');
    if (!request.headers['content-type']?.startsWith('application/json'))
      return twirpError(response, 'bad_route', 'only the JSON protocol is served');
    let body: Record<string, unknown>;
    try {
      body = await readBody(request);
    } catch {
      return twirpError(response, 'malformed', 'the body is not JSON');
    }
    const key = field<string>(body, 'key') ?? '';
    const version = field<string>(body, 'version') ?? '';
    if (!key || !version) return twirpError(response, 'invalid_argument', 'key and version are required');

    if (method === 'CreateCacheEntry') {
      if (entries.some((entry) => entry.key === key && entry.version === version)) {
        return twirpError(response, 'already_exists', 'cache entry with the same key, version, and scope already exists');
      }
      const id = nextId++;
      const entry: StoredEntry = { id, key, version, blob: `entry-${id}`, finalized: false, sizeBytes: 0, created: Date.now() };
      entries.push(entry);
      return reply(response, { ok: true, signed_upload_url: signedUrl(entry.blob, 'cw') });
    }
    if (method === 'FinalizeCacheEntryUpload') {
      const entry = entries.find((candidate) => candidate.key === key && candidate.version === version && !candidate.finalized);
      if (!entry) return twirpError(response, 'not_found', 'no upload in progress for this key and version');
      const declared = Number(field<string | number>(body, 'size_bytes') ?? -1);
      let uploaded: number | undefined;
      try {
        uploaded = (await blobService.getContainerClient(CONTAINER).getBlobClient(entry.blob).getProperties()).contentLength;
      } catch {
        uploaded = undefined;
      }
      if (uploaded === undefined) return twirpError(response, 'failed_precondition', 'the archive was not uploaded');
      if (uploaded !== declared) return twirpError(response, 'failed_precondition', `uploaded ${uploaded} bytes, declared ${declared}`);
      entry.sizeBytes = uploaded;
      entry.finalized = true;
      return reply(response, { ok: true, entry_id: String(entry.id) });
    }
    if (method === 'GetCacheEntryDownloadURL') {
      const candidates = entries.filter((entry) => entry.finalized && entry.version === version);
      let match = candidates.find((entry) => entry.key === key);
      for (const prefix of field<string[]>(body, 'restore_keys') ?? []) {
        if (match) break;
        match = candidates.filter((entry) => entry.key.startsWith(prefix)).sort((a, b) => b.created - a.created || b.id - a.id)[0];
      }
      if (!match) return reply(response, { ok: false, signed_download_url: '', matched_key: '' });
      return reply(response, { ok: true, signed_download_url: signedUrl(match.blob, 'r'), matched_key: match.key });
    }
    return twirpError(response, 'bad_route', `unknown method ${method}`);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error) => twirpError(response, 'internal', String(error)));
  });
  const serverSockets = trackSockets(server);
  const port = await listen(server);
  const url = `http://127.0.0.1:${port}/`;

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
    blobStoreRunning: () => azurite !== undefined,
    stopBlobStore: () => stopAzurite(),
    async restartBlobStore() {
      await startAzurite();
      await blobService.getContainerClient(CONTAINER).createIfNotExists();
    },
    async stop() {
      await close(server, serverSockets);
      await close(proxy, proxySockets);
      await stopAzurite('SIGKILL');
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
