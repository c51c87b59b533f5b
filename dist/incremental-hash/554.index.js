export const id = 554;
export const ids = [554];
export const modules = {

/***/ 1554:
/***/ ((__unused_webpack_module, __unused_webpack___webpack_exports__, __webpack_require__) => {


// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/zod/v4/mini/schemas.js + 5 modules
var schemas = __webpack_require__(8395);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
// EXTERNAL MODULE: ./node_modules/zod/v4/locales/en.js
var en = __webpack_require__(252);
// EXTERNAL MODULE: ./src/core/workflow-commands.ts
var workflow_commands = __webpack_require__(845);
;// CONCATENATED MODULE: ./src/core/inputs.ts
/**
 * zod helpers for the runner's inputs, which always arrive as strings (`INPUT_<NAME>`), and
 * `readInputs`, the only place that reads them. An empty string means "not set". Each helper
 * carries the text of what it accepts, so a bad value is reported as
 * `input 'x' is "y": expected <what is accepted>`.
 */




// zod/mini, not classic zod: every action loads it to start, and a bundle of it adds 9 ms to node's
// start against classic's 21 (measured). Its checks are functions: `z.optional(text())`, not
// `text().optional()`. English messages for what our helpers do not word themselves (a key a YAML
// document should not have, a list that is too short). And no JIT: zod would write a parser per
// schema on first use (new Function), which costs more than it saves for a run that parses its
// inputs once (measured: 5 ms of every action's start).
core/* config */.$W({ ...(0,en/* default */.A)(), jitless: true });
/** A string input; `expected` is what the error says is accepted. */
function inputs_text(expected = 'a non-empty string') {
    return schemas/* string */.YjP({ error: () => expected });
}
/** `text(expected)` read on by `then`: a transform, or a schema for what that gives. */
function textThen(expected, then) {
    return schemas/* pipe */.FsL(inputs_text(expected), then);
}
/** A failed check inside a transform: the issue zod reports, and the value to return. */
function reject(ctx, message, input) {
    ctx.issues.push({ code: 'custom', message, input });
    return core/* NEVER */.tm;
}
const BOOLEAN_SPELLINGS = new Map([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
]);
/** `core.getBooleanInput`'s exact spellings; never z.coerce.boolean(), which reads "false" as true. */
function bool() {
    const expected = 'true or false (also True/TRUE/False/FALSE)';
    return textThen(expected, schemas/* transform */.pdi((value, ctx) => BOOLEAN_SPELLINGS.get(value) ?? reject(ctx, expected, value)));
}
function oneOf(values) {
    const expected = `one of ${values.join(', ')}`;
    return textThen(expected, z.enum(values, { error: () => expected }));
}
function boundsText({ min, max }) {
    if (min !== undefined && max !== undefined)
        return ` from ${min} to ${max}`;
    if (min !== undefined)
        return ` of at least ${min}`;
    if (max !== undefined)
        return ` of at most ${max}`;
    return '';
}
function numeric(kind, pattern, bounds) {
    const expected = `${kind}${boundsText(bounds)}`;
    return textThen(expected, z.transform((value, ctx) => {
        const number = Number(value);
        const ok = pattern.test(value) &&
            Number.isFinite(number) &&
            (bounds.min === undefined || number >= bounds.min) &&
            (bounds.max === undefined || number <= bounds.max);
        return ok ? number : reject(ctx, expected, value);
    }));
}
function integer(bounds = {}) {
    return numeric('a whole number', /^[+-]?\d+$/, bounds);
}
function number(bounds = {}) {
    return numeric('a number', /^[+-]?(\d+(\.\d*)?|\.\d+)$/, bounds);
}
/** A percentage such as `1.5` or `1.5%`, returned as a number of percent. */
function percent() {
    const expected = 'a percentage from 0 to 100, e.g. 1.5 or 1.5%';
    return textThen(expected, z.transform((value, ctx) => {
        const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(value);
        const result = match ? Number(match[1]) : Number.NaN;
        return result >= 0 && result <= 100 ? result : reject(ctx, expected, value);
    }));
}
const DURATION_UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Parses `500ms`, `90s`, `10m`, `1h30m`, `2d`; a bare number is seconds. Returns milliseconds. */
function parseDuration(value) {
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed))
        return Number(trimmed) * 1000;
    const part = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
    let total = 0;
    let consumed = 0;
    for (let match = part.exec(trimmed); match; match = part.exec(trimmed)) {
        total += Number(match[1]) * DURATION_UNITS_MS[match[2]];
        consumed = part.lastIndex;
    }
    return consumed > 0 && consumed === trimmed.length ? total : undefined;
}
/** A duration in milliseconds. */
function duration() {
    const expected = 'a duration such as 500ms, 90s, 10m, 1h30m or 2d';
    return textThen(expected, z.transform((value, ctx) => parseDuration(value) ?? reject(ctx, expected, value)));
}
/** Splits a multi-line (and, when `commas`, comma-separated) value into trimmed, non-empty items. */
function splitList(value, commas = false) {
    return value
        .split(commas ? /[\n,]/ : /\n/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
}
/** One item per line (and per comma when `commas`); blank lines are ignored. */
function list(options = {}) {
    return textThen(options.commas ? 'a list, one item per line or comma-separated' : 'a list, one item per line', z.transform((value) => splitList(value, options.commas)));
}
/** A list of numbers (one per line or comma), each then checked by `numbers`. */
function numberList(numbers) {
    return z.pipe(z.pipe(list({ commas: true }), z.transform((items) => items.map(Number))), numbers);
}
/** An http:// or https:// URL. */
function httpUrl() {
    const expected = 'an http:// or https:// URL';
    return inputs_text(expected).check(schemas/* refine */.YPB((value) => {
        try {
            return ['http:', 'https:'].includes(new URL(value).protocol);
        }
        catch {
            return false;
        }
    }, expected));
}
/** The raw strings of every input the schema names; empty (after trimming) becomes undefined. */
function rawInputs(schema, env = process.env) {
    const raw = {};
    for (const name of Object.keys(schema.shape)) {
        const value = (env[(0,workflow_commands/* inputVariable */.LO)(name)] ?? '').trim();
        raw[name] = value === '' ? undefined : value;
    }
    return raw;
}
/** Parses every input at once; throws one InputError listing every bad input. */
function readInputs(schema, env = process.env) {
    const raw = rawInputs(schema, env);
    const result = schema.safeParse(raw);
    if (result.success)
        return result.data;
    const problems = [];
    const seen = new Set();
    for (const issue of result.error.issues) {
        const input = String(issue.path[0] ?? Object.keys(schema.shape)[0] ?? 'inputs');
        const given = raw[input];
        let expected = issue.message;
        if (given === undefined && issue.code === 'invalid_type')
            expected = `a value (this input is required): ${expected}`;
        const key = `${input}\u0000${expected}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        problems.push({ input, given, expected });
    }
    throw new errors/* InputError */.dz(problems);
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/core/runner-context.ts
/**
 * What an action may know about where it runs, read once from the runner's environment
 * (with sensible values on a laptop, where none of it is set).
 */



/** Events whose code or data come from outside the repository's trust boundary (forks). */
const UNTRUSTED_EVENTS = new Set(['pull_request_target', 'workflow_run']);
function detectOs() {
    if (process.platform === 'darwin')
        return 'macOS';
    if (process.platform === 'win32')
        return 'Windows';
    return 'Linux';
}
function detectArch() {
    return process.arch === 'arm64' ? 'ARM64' : process.arch === 'x64' ? 'X64' : process.arch.toUpperCase();
}
function readRunnerContext(env = process.env) {
    let event;
    const readEvent = () => {
        if (event)
            return event;
        event = {};
        const path = env.GITHUB_EVENT_PATH;
        if (path) {
            try {
                event = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
            }
            catch {
                // A missing or unreadable payload is treated as an event without details.
            }
        }
        return event;
    };
    const ref = env.GITHUB_REF ?? '';
    return {
        onRunner: env.GITHUB_ACTIONS === 'true',
        os: env.RUNNER_OS || detectOs(),
        arch: env.RUNNER_ARCH || detectArch(),
        temp: env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(),
        toolCache: env.RUNNER_TOOL_CACHE || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.cache', 'build-tools', 'tools'),
        workspace: env.GITHUB_WORKSPACE || process.cwd(),
        repository: env.GITHUB_REPOSITORY || '',
        ref,
        refName: env.GITHUB_REF_NAME || ref.replace(/^refs\/(heads|tags)\//, ''),
        sha: env.GITHUB_SHA || '',
        eventName: env.GITHUB_EVENT_NAME || '',
        runId: env.GITHUB_RUN_ID || '',
        runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
        job: env.GITHUB_JOB || '',
        serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
        get event() {
            return readEvent();
        },
        get defaultBranch() {
            const repository = readEvent().repository;
            return repository?.default_branch || 'main';
        },
    };
}

// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(6698);
;// CONCATENATED MODULE: ./src/core/cache/github-service.ts
/**
 * The cache backend on a runner: GitHub's cache service through the real @actions/cache client.
 * Loaded only when used, because the client (HTTP, Azure SDK) is most of a bundle's start-up cost.
 *
 * The client never throws for a service failure: it writes its own `::warning::` (or, for some
 * 5xx, `::error::`) lines and returns a miss (restore) or -1 (save, also when the key exists).
 * So that a failing cache is exactly one warning from the core, and an existing key is not
 * mistaken for a failure (or the reverse), the backend runs each client call in an async context
 * whose workflow-command output it reads: warning and error lines are held back and become the
 * error the core warns about; the client's debug lines tell a 409 (the entry exists) from other
 * reservation failures and give the archive sizes for the metrics.
 */

function githubCacheServiceAvailable(env = process.env) {
    return Boolean(env.ACTIONS_CACHE_SERVICE_V2 ? env.ACTIONS_RESULTS_URL : env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL);
}
const transcripts = new external_node_async_hooks_.AsyncLocalStorage();
let stdoutFilterInstalled = false;
const PROBLEM_LINE = /^::(warning|error)(?: [^:]*)?::(.*)$/;
function unescapeData(value) {
    return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
/** Routes stdout writes made inside `captureClientOutput` into its transcript (once per process). */
function installStdoutFilter() {
    if (stdoutFilterInstalled)
        return;
    stdoutFilterInstalled = true;
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk, ...rest) => {
        const transcript = transcripts.getStore();
        if (!transcript || typeof chunk !== 'string')
            return write(chunk, ...rest);
        const kept = [];
        const lines = chunk.split('\n');
        const trailingNewline = lines.at(-1) === '';
        if (trailingNewline)
            lines.pop();
        for (const line of lines) {
            const problem = PROBLEM_LINE.exec(line.replace(/\r$/, ''));
            if (problem)
                transcript.problems.push(unescapeData(problem[2] ?? ''));
            else {
                transcript.lines.push(line.replace(/\r$/, ''));
                kept.push(line);
            }
        }
        if (kept.length === 0) {
            const callback = rest.find((argument) => typeof argument === 'function');
            callback?.();
            return true;
        }
        return write(kept.join('\n') + (trailingNewline ? '\n' : ''), ...rest);
    });
}
/** Runs one client call with its workflow-command output captured (see the module comment). */
async function captureClientOutput(work) {
    installStdoutFilter();
    const transcript = { problems: [], lines: [] };
    const value = await transcripts.run(transcript, work);
    return { value, transcript };
}
/** The client's last word on a failure, without its own "Failed to save: " framing. */
function problemOf(transcript) {
    const last = transcript.problems.at(-1);
    return last?.replace(/^Failed to (save|restore): /, '');
}
/** A call that worked keeps what the client had to say: its held-back lines are written after all. */
function releaseProblems(transcript) {
    for (const problem of transcript.problems.splice(0)) {
        process.stdout.write(`::warning::${problem.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
    }
}
function sizeFrom(transcript, pattern) {
    for (const line of transcript.lines) {
        const match = pattern.exec(line);
        if (match?.[1])
            return Number(match[1]);
    }
    return undefined;
}
/** The save's outcome from the client's return value and transcript: saved, exists (undefined), or an error. */
function interpretSave(id, transcript) {
    const bytes = sizeFrom(transcript, /^::debug::File Size: (\d+)$/);
    if (id !== -1) {
        releaseProblems(transcript);
        return { bytes };
    }
    const problem = problemOf(transcript);
    if (problem)
        throw new Error(problem);
    const reservation = transcript.lines.find((line) => line.startsWith('::debug::Failed to reserve cache: '));
    if (!reservation)
        throw new Error('the cache client did not save the entry');
    const detail = unescapeData(reservation.slice('::debug::Failed to reserve cache: '.length)).replace(/^Error: /, '');
    // The service answers 409 when an entry with this key and version exists: entries are immutable.
    if (/\(409\)|already exists/i.test(detail))
        return undefined;
    throw new Error(`could not reserve the cache entry: ${detail}`);
}
/** The restore's outcome: the entry, a miss (undefined), or an error when the client warned. */
function interpretRestore(key, transcript) {
    if (key) {
        releaseProblems(transcript);
        return { key, bytes: sizeFrom(transcript, /^Cache Size: ~\d+ MB \((\d+) B\)$/) };
    }
    const problem = problemOf(transcript);
    if (problem)
        throw new Error(problem);
    return undefined;
}
class GitHubCacheBackend {
    name = 'github';
    async restore(paths, primaryKey, restoreKeys) {
        const cache = await __webpack_require__.e(/* import() */ 305).then(__webpack_require__.bind(__webpack_require__, 4305));
        const { value, transcript } = await captureClientOutput(() => cache.restoreCache(paths, primaryKey, restoreKeys));
        return interpretRestore(value, transcript);
    }
    async save(paths, key) {
        const cache = await __webpack_require__.e(/* import() */ 305).then(__webpack_require__.bind(__webpack_require__, 4305));
        const { value, transcript } = await captureClientOutput(() => cache.saveCache(paths, key));
        return interpretSave(value, transcript);
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/core/exec.ts + 1 modules
var exec = __webpack_require__(5462);
;// CONCATENATED MODULE: ./src/core/cache/backend.ts
/** Raised by a backend when what it found cannot be trusted (checksum mismatch, truncated archive). */
class CorruptCacheEntryError extends Error {
    constructor(message) {
        super(message);
        this.name = 'CorruptCacheEntryError';
    }
}

;// CONCATENATED MODULE: ./src/core/cache/local-directory.ts
/**
 * The cache backend off the runner: a directory (BUILD_TOOLS_CACHE_DIR, default
 * ~/.cache/build-tools) holding one tar archive per entry with a JSON record beside it.
 * Same semantics as GitHub's service; the archive's SHA-256 is checked before anything is
 * extracted, so a corrupt entry is a miss, never a half-restored tree.
 */







function defaultCacheDirectory(env = process.env) {
    return env.BUILD_TOOLS_CACHE_DIR || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.cache', 'build-tools');
}
function sha256Hex(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
}
/** Bytes per read when hashing an archive: a stream's default 64 KiB chunks cost twice the time. */
const READ_SIZE = 1024 * 1024;
async function sha256File(path) {
    const file = await (0,promises_.open)(path, 'r');
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    try {
        for (;;) {
            const { bytesRead } = await file.read(buffer, 0, READ_SIZE, null);
            if (bytesRead === 0)
                break;
            hash.update(buffer.subarray(0, bytesRead));
        }
    }
    finally {
        await file.close();
    }
    return hash.digest('hex');
}
/** Expands `~` and resolves against `cwd`, as @actions/cache does for its paths. */
function resolveCachePath(path, cwd) {
    const expanded = path === '~' || path.startsWith('~/') ? (0,external_node_path_.join)((0,external_node_os_.homedir)(), path.slice(1)) : path;
    return (0,external_node_path_.isAbsolute)(expanded) ? expanded : (0,external_node_path_.resolve)(cwd, expanded);
}
/** Like @actions/cache's "version": entries saved with other paths never match. */
function cacheVersion(paths) {
    return sha256Hex([...paths, 'tar-local-v1'].join('|'));
}
class LocalDirectoryBackend {
    root;
    cwd;
    name = 'local';
    constructor(root = defaultCacheDirectory(), cwd = process.cwd()) {
        this.root = root;
        this.cwd = cwd;
    }
    versionDirectory(paths) {
        return (0,external_node_path_.join)(this.root, 'entries', cacheVersion(paths));
    }
    entryBase(paths, key) {
        return (0,external_node_path_.join)(this.versionDirectory(paths), sha256Hex(key));
    }
    async readRecord(file) {
        try {
            return JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
        }
        catch {
            return undefined;
        }
    }
    async findEntry(paths, primaryKey, restoreKeys) {
        const exact = await this.readRecord(`${this.entryBase(paths, primaryKey)}.json`);
        if (exact?.key === primaryKey)
            return exact;
        if (restoreKeys.length === 0)
            return undefined;
        let names;
        try {
            names = (await (0,promises_.readdir)(this.versionDirectory(paths))).filter((name) => name.endsWith('.json'));
        }
        catch {
            return undefined;
        }
        const records = (await Promise.all(names.map((name) => this.readRecord((0,external_node_path_.join)(this.versionDirectory(paths), name))))).filter((record) => record !== undefined);
        for (const prefix of restoreKeys) {
            const newest = records.filter((record) => record.key.startsWith(prefix)).sort((a, b) => b.created.localeCompare(a.created))[0];
            if (newest)
                return newest;
        }
        return undefined;
    }
    async restore(paths, primaryKey, restoreKeys) {
        const record = await this.findEntry(paths, primaryKey, restoreKeys);
        if (!record)
            return undefined;
        const archive = `${this.entryBase(paths, record.key)}.tar`;
        const actual = (0,external_node_fs_.existsSync)(archive) ? await sha256File(archive) : 'missing';
        if (actual !== record.sha256) {
            await (0,promises_.rm)(`${this.entryBase(paths, record.key)}.json`, { force: true });
            throw new CorruptCacheEntryError(`cache entry '${record.key}' is corrupt (checksum mismatch); it was removed`);
        }
        await (0,exec/* exec */.m0)('tar', ['-xf', archive, '-P', '-C', this.cwd], { silent: true });
        return { key: record.key, bytes: record.bytes };
    }
    async save(paths, key) {
        const base = this.entryBase(paths, key);
        if ((0,external_node_fs_.existsSync)(`${base}.json`))
            return undefined;
        const members = [];
        for (const path of paths) {
            const absolute = resolveCachePath(path, this.cwd);
            if ((0,external_node_fs_.existsSync)(absolute))
                members.push((0,external_node_path_.relative)(this.cwd, absolute) || '.');
        }
        if (members.length === 0)
            throw new Error(`none of the paths to cache exist: ${paths.join(', ')}`);
        await (0,promises_.mkdir)(this.versionDirectory(paths), { recursive: true });
        // Write beside the final name, then rename: a reader never sees a half-written archive.
        const partial = `${base}.${(0,external_node_crypto_.randomUUID)()}.partial`;
        try {
            await (0,exec/* exec */.m0)('tar', ['-cf', partial, '-P', '-C', this.cwd, '--', ...members], { silent: true });
            const record = {
                key,
                created: new Date().toISOString(),
                bytes: (await (0,promises_.stat)(partial)).size,
                sha256: await sha256File(partial),
                paths,
            };
            await (0,promises_.rename)(partial, `${base}.tar`);
            await (0,promises_.writeFile)(`${base}.json.partial`, JSON.stringify(record));
            await (0,promises_.rename)(`${base}.json.partial`, `${base}.json`);
            return { bytes: record.bytes };
        }
        finally {
            await (0,promises_.rm)(partial, { force: true });
        }
    }
}

;// CONCATENATED MODULE: ./src/core/cache/index.ts
/**
 * The cache every action uses: restore/save with @actions/cache semantics over GitHub's service
 * on a runner or a local directory elsewhere. A cache never fails the step: any error, timeout or
 * corrupt entry is a warning and a miss. Keys carry OS and architecture; nothing is saved from
 * untrusted events (a fork must not poison what the default branch restores).
 */





const DEFAULT_TIMEOUT_MS = 10 * 60_000;
function selectCacheBackend(env, cwd) {
    const chosen = env.BUILD_TOOLS_CACHE_BACKEND;
    if (chosen === 'github' || (chosen !== 'local' && githubCacheServiceAvailable(env)))
        return new GitHubCacheBackend();
    return new LocalDirectoryBackend(defaultCacheDirectory(env), cwd);
}
class CacheTimeoutError extends Error {
}
function withTimeout(work, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new CacheTimeoutError(`${what} timed out after ${ms / 1000} s`)), ms);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
class ActionCache {
    options;
    backend;
    figures;
    prefix;
    timeoutMs;
    saveFromUntrusted;
    constructor(options) {
        this.options = options;
        const env = options.env ?? process.env;
        this.backend = options.backend ?? selectCacheBackend(env, options.runner.workspace);
        this.prefix = `${options.runner.os}-${options.runner.arch}-`;
        const timeout = env.BUILD_TOOLS_CACHE_TIMEOUT;
        const timeoutMs = timeout ? parseDuration(timeout) : undefined;
        if (timeout && !timeoutMs) {
            options.log.warn(`BUILD_TOOLS_CACHE_TIMEOUT='${timeout}' is not a duration (such as 90s or 10m); using ${DEFAULT_TIMEOUT_MS / 60_000} minutes.`);
        }
        this.timeoutMs = timeoutMs || DEFAULT_TIMEOUT_MS;
        this.saveFromUntrusted = env.BUILD_TOOLS_CACHE_SAVE_UNTRUSTED === 'true';
        this.figures = {
            backend: this.backend.name,
            hits: 0,
            partial_hits: 0,
            misses: 0,
            errors: 0,
            bytes_restored: 0,
            bytes_saved: 0,
            restore_seconds: 0,
            save_seconds: 0,
            entries: [],
        };
    }
    /** The full key as stored: OS and architecture first, so a Linux entry never lands on macOS. */
    storedKey(key) {
        return this.prefix + key;
    }
    async restore(paths, key, restoreKeys = []) {
        const started = performance.now();
        const seconds = () => (performance.now() - started) / 1000;
        let result;
        try {
            const entry = await withTimeout(this.backend.restore(paths, this.storedKey(key), restoreKeys.map((restoreKey) => this.storedKey(restoreKey))), this.timeoutMs, 'cache restore');
            if (!entry)
                result = { hit: 'miss', seconds: seconds() };
            else {
                const restoredKey = entry.key.startsWith(this.prefix) ? entry.key.slice(this.prefix.length) : entry.key;
                result = { hit: restoredKey === key ? 'exact' : 'partial', key: restoredKey, bytes: entry.bytes, seconds: seconds() };
            }
        }
        catch (error) {
            result = { hit: 'miss', seconds: seconds(), error: (0,errors/* errorMessage */.gJ)(error) };
            this.figures.errors++;
            this.options.log.warn(`Cache restore failed, continuing without it: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
        this.figures.restore_seconds += result.seconds;
        this.figures.bytes_restored += result.bytes ?? 0;
        if (result.hit === 'exact')
            this.figures.hits++;
        else if (result.hit === 'partial')
            this.figures.partial_hits++;
        else
            this.figures.misses++;
        this.figures.entries.push({ key, hit: result.hit, bytes: result.bytes, seconds: result.seconds });
        this.options.log.info(result.hit === 'miss'
            ? `Cache miss for ${key}`
            : `Cache ${result.hit === 'exact' ? 'hit' : 'partial hit'} for ${key}${result.hit === 'partial' ? ` (restored ${result.key})` : ''}`);
        return result;
    }
    /** Whether this run may save at all (false for untrusted events unless explicitly allowed). */
    get maySave() {
        return this.saveFromUntrusted || !UNTRUSTED_EVENTS.has(this.options.runner.eventName);
    }
    async save(paths, key) {
        const started = performance.now();
        const seconds = () => (performance.now() - started) / 1000;
        let result;
        if (!this.maySave) {
            this.options.log.info(`Not saving cache ${key}: '${this.options.runner.eventName}' events are untrusted.`);
            result = { saved: false, reason: 'untrusted-event', seconds: 0 };
        }
        else {
            try {
                const entry = await withTimeout(this.backend.save(paths, this.storedKey(key)), this.timeoutMs, 'cache save');
                result = entry ? { saved: true, bytes: entry.bytes, seconds: seconds() } : { saved: false, reason: 'exists', seconds: seconds() };
                if (!entry)
                    this.options.log.info(`Cache entry ${key} already exists; entries are immutable, so it was kept.`);
            }
            catch (error) {
                result = { saved: false, reason: 'error', seconds: seconds() };
                this.figures.errors++;
                this.options.log.warn(`Cache save failed, continuing without it: ${(0,errors/* errorMessage */.gJ)(error)}`);
            }
        }
        this.figures.save_seconds += result.seconds;
        this.figures.bytes_saved += result.bytes ?? 0;
        this.figures.entries.push({ key, hit: result.saved ? 'saved' : 'not-saved', bytes: result.bytes, seconds: result.seconds });
        return result;
    }
}

;// CONCATENATED MODULE: ./src/core/context.ts
/**
 * What an action's logic receives instead of importing @actions/*: the runner it runs on,
 * logging, the job summary, the cache, metrics, outputs, state, environment and exec.
 */




class StageMetrics {
    figures = {};
    /** Merges figures into the stage's record (shallowly: a later value for a key replaces the earlier). */
    record(figures) {
        Object.assign(this.figures, figures);
    }
    addArtifact(artifact) {
        this.figures.artifacts = [...(this.figures.artifacts ?? []), artifact];
    }
}
function createContext(parts) {
    let cache;
    const metrics = new StageMetrics();
    return {
        name: parts.name,
        phase: parts.phase,
        runner: parts.runner,
        log: parts.log,
        summary: parts.summary,
        metrics,
        exec: exec/* exec */.m0,
        signal: parts.signal,
        get cache() {
            cache ??= new ActionCache({ log: parts.log, runner: parts.runner });
            return cache;
        },
        get cacheIfUsed() {
            return cache;
        },
        setOutput(name, value) {
            if (parts.outputNames && !parts.outputNames.includes(name)) {
                throw new Error(`output '${name}' is not declared by ${parts.name}`);
            }
            (0,workflow_commands/* setOutput */.uH)(name, typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));
        },
        saveState(name, value) {
            (0,workflow_commands/* saveState */.LZ)(name, JSON.stringify(value));
        },
        getState(name) {
            const raw = (0,workflow_commands/* getState */.Gu)(name);
            return raw === '' ? undefined : JSON.parse(raw);
        },
        exportVariable: workflow_commands/* exportVariable */.dN,
        addPath: workflow_commands/* addPath */.fM,
        fail(message, location) {
            parts.log.error(message, location);
            parts.onFail(message);
        },
        resolvePath(path) {
            return (0,external_node_path_.resolve)(process.cwd(), path);
        },
    };
}

;// CONCATENATED MODULE: ./src/core/log.ts

/** The runner shows at most this many error (and warning) annotations per step. */
const ANNOTATIONS_SHOWN_PER_STEP = 10;
function createLogger() {
    const counts = { error: 0, warning: 0, notice: 0 };
    let groupDepth = 0;
    const annotate = (level, message, location) => {
        counts[level]++;
        (0,workflow_commands/* writeLine */._r)((0,workflow_commands/* annotationCommand */.jx)(level, message, location ?? {}));
    };
    return {
        info: (message) => (0,workflow_commands/* writeLine */._r)(message),
        debug: (message) => (0,workflow_commands/* issueCommand */.Lb)('debug', message),
        notice: (message, location) => annotate('notice', message, location),
        warn: (message, location) => annotate('warning', message, location),
        error: (message, location) => annotate('error', message, location),
        async group(title, work) {
            if (groupDepth > 0) {
                (0,workflow_commands/* writeLine */._r)(`── ${title}`);
                return work();
            }
            groupDepth++;
            (0,workflow_commands/* issueCommand */.Lb)('group', title);
            try {
                return await work();
            }
            finally {
                (0,workflow_commands/* issueCommand */.Lb)('endgroup', '');
                groupDepth--;
            }
        },
        mask(secret) {
            if (secret)
                (0,workflow_commands/* setSecret */.Pq)(secret);
        },
        annotationCounts: counts,
    };
}

;// CONCATENATED MODULE: ./src/core/metrics/export.ts
/**
 * Optional export of the metrics: POST of the build-metrics JSON to an endpoint, and one
 * OpenTelemetry span per stage over OTLP/HTTP (JSON encoding) when OTEL_EXPORTER_OTLP_ENDPOINT
 * is set. Both retry with backoff and never fail the build.
 */

/** POSTs JSON, retrying on network errors and 5xx/429. Returns whether it was accepted. */
async function postJson(url, body, log, options = {}) {
    const attempts = options.attempts ?? 3;
    let delay = options.backoffMs ?? 500;
    for (let attempt = 1; attempt <= attempts; attempt++) {
        let problem;
        try {
            const response = await fetch(url, {
                method: 'POST',
                headers: { 'content-type': 'application/json', ...options.headers },
                body: JSON.stringify(body),
                signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
            });
            await response.arrayBuffer();
            if (response.ok)
                return true;
            problem = `HTTP ${response.status}`;
            if (response.status < 500 && response.status !== 429) {
                log.warn(`Metrics export to ${url} was refused (${problem}); not retrying.`);
                return false;
            }
        }
        catch (error) {
            problem = error instanceof Error ? error.message : String(error);
        }
        if (attempt === attempts) {
            log.warn(`Metrics export to ${url} failed after ${attempts} attempts (${problem}); the build goes on.`);
            return false;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay *= 2;
    }
    return false;
}
/** Parses OTEL_EXPORTER_OTLP_HEADERS (`key=value,key2=value2`, values URL-encoded). */
function parseOtlpHeaders(value) {
    const headers = {};
    for (const pair of (value ?? '').split(',')) {
        const at = pair.indexOf('=');
        if (at > 0)
            headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
    }
    return headers;
}
/** Where OTLP/HTTP traces go, following the OpenTelemetry exporter variables. */
function otlpTracesUrl(env) {
    if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
        return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
    if (env.OTEL_EXPORTER_OTLP_ENDPOINT)
        return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
    return undefined;
}
function otlpValue(value) {
    if (typeof value === 'boolean')
        return { boolValue: value };
    if (typeof value === 'number')
        return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
    return { stringValue: value };
}
/** Flattens the stage's figures into span attributes (`build_tools.tests.failed` …). */
function spanAttributes(stage, metrics) {
    const attributes = [
        { key: 'build_tools.stage', value: otlpValue(stage.name) },
        { key: 'build_tools.phase', value: otlpValue(stage.phase) },
        { key: 'build_tools.status', value: otlpValue(stage.status) },
        { key: 'build_tools.build_id', value: otlpValue(metrics.build_id) },
    ];
    const visit = (prefix, value) => {
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
            attributes.push({ key: prefix, value: otlpValue(value) });
        }
        else if (value && typeof value === 'object' && !Array.isArray(value)) {
            for (const [key, inner] of Object.entries(value))
                visit(`${prefix}.${key}`, inner);
        }
    };
    visit('build_tools', stage.figures);
    return attributes;
}
/** The OTLP/HTTP JSON request for one stage. All stages of a run share one trace id. Pure but for span ids. */
function stageSpanRequest(stage, metrics) {
    const traceId = (0,external_node_crypto_.createHash)('sha256')
        .update(`${metrics.repository}/${metrics.run_id}/${metrics.run_attempt}/${metrics.build_id}`)
        .digest('hex')
        .slice(0, 32);
    const startNs = BigInt(Date.parse(stage.start)) * 1000000n;
    const endNs = startNs + BigInt(Math.round(stage.duration * 1e9));
    return {
        resourceSpans: [
            {
                resource: {
                    attributes: [
                        { key: 'service.name', value: { stringValue: 'build-tools' } },
                        { key: 'vcs.repository.name', value: { stringValue: metrics.repository } },
                        { key: 'vcs.ref.head.revision', value: { stringValue: metrics.sha } },
                    ],
                },
                scopeSpans: [
                    {
                        scope: { name: 'build-tools' },
                        spans: [
                            {
                                traceId,
                                spanId: (0,external_node_crypto_.randomBytes)(8).toString('hex'),
                                name: `${stage.name}${stage.phase === 'post' ? ' (post)' : ''}`,
                                kind: 1,
                                startTimeUnixNano: startNs.toString(),
                                endTimeUnixNano: endNs.toString(),
                                attributes: spanAttributes(stage, metrics),
                                status: stage.status === 'failure' ? { code: 2, message: stage.error ?? 'failed' } : { code: 1 },
                            },
                        ],
                    },
                ],
            },
        ],
    };
}
async function exportMetrics(stage, metrics, endpoint, log, env = process.env) {
    const work = [];
    if (endpoint) {
        const headers = env.BUILD_TOOLS_METRICS_TOKEN
            ? { authorization: `Bearer ${env.BUILD_TOOLS_METRICS_TOKEN}` }
            : {};
        work.push(postJson(endpoint, metrics, log, { headers }));
    }
    const traces = otlpTracesUrl(env);
    if (traces)
        work.push(postJson(traces, stageSpanRequest(stage, metrics), log, { headers: parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS) }));
    await Promise.all(work);
}

;// CONCATENATED MODULE: ./src/core/metrics/record.ts
const round = (value, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
/** Recomputes the job-level figures from the stages. Pure. */
function aggregate(identity, stages) {
    const starts = stages.map((stage) => Date.parse(stage.start)).filter(Number.isFinite);
    const ends = stages.map((stage) => Date.parse(stage.start) + stage.duration * 1000).filter(Number.isFinite);
    const first = starts.length ? Math.min(...starts) : Date.now();
    const last = ends.length ? Math.max(...ends) : first;
    const perStage = {};
    const tests = { total: 0, passed: 0, failed: 0, skipped: 0, flaky: 0 };
    const cache = { hits: 0, partial_hits: 0, misses: 0, errors: 0, hit_rate: 0, bytes_restored: 0, bytes_saved: 0 };
    const findings = {};
    const artifacts = [];
    let coverage;
    let deploy;
    for (const stage of stages) {
        perStage[stage.name] = round((perStage[stage.name] ?? 0) + stage.duration);
        const figures = stage.figures;
        if (figures.tests) {
            tests.total += figures.tests.total;
            tests.passed += figures.tests.passed;
            tests.failed += figures.tests.failed;
            tests.skipped += figures.tests.skipped;
            tests.flaky = (tests.flaky ?? 0) + (figures.tests.flaky ?? 0);
            if (figures.tests.coverage !== undefined)
                coverage = figures.tests.coverage;
        }
        if (figures.cache) {
            cache.hits += figures.cache.hits;
            cache.partial_hits += figures.cache.partial_hits;
            cache.misses += figures.cache.misses;
            cache.errors += figures.cache.errors;
            cache.bytes_restored += figures.cache.bytes_restored;
            cache.bytes_saved += figures.cache.bytes_saved;
        }
        for (const [key, count] of Object.entries(figures.findings ?? {}))
            findings[key] = (findings[key] ?? 0) + count;
        artifacts.push(...(figures.artifacts ?? []));
        if (figures.deploy)
            deploy = figures.deploy;
    }
    const lookups = cache.hits + cache.partial_hits + cache.misses;
    cache.hit_rate = lookups ? round((cache.hits + cache.partial_hits) / lookups) : 0;
    if (coverage !== undefined)
        tests.coverage = coverage;
    const status = stages.some((stage) => stage.status === 'failure')
        ? 'failure'
        : stages.some((stage) => stage.status === 'cancelled')
            ? 'cancelled'
            : 'success';
    return {
        schema_version: 1,
        ...identity,
        timestamp: new Date(first).toISOString(),
        status,
        duration: { total: round((last - first) / 1000), stages: perStage },
        stages,
        artifacts,
        tests,
        cache,
        findings,
        ...(deploy ? { deploy } : {}),
    };
}

;// CONCATENATED MODULE: ./src/core/metrics/file.ts
/** The job's build-metrics JSON file: read, append a stage, write atomically. */



function buildIdentity(runner) {
    const runId = runner.runId || 'local';
    return {
        build_id: `${runId}-${runner.runAttempt}${runner.job ? `-${runner.job}` : ''}`,
        repository: runner.repository,
        ref: runner.ref,
        sha: runner.sha,
        run_id: runner.runId,
        run_attempt: runner.runAttempt,
        job: runner.job,
    };
}
function metricsFilePath(runner, env = process.env) {
    return env.BUILD_TOOLS_METRICS_FILE || (0,external_node_path_.join)(runner.temp, `build-metrics-${buildIdentity(runner).build_id}.json`);
}
function readMetricsFile(path) {
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch {
        return undefined;
    }
}
/** Appends `stage` to the file at `path` and returns the job's metrics as now written. */
function appendStage(path, identity, stage) {
    const previous = readMetricsFile(path);
    const metrics = aggregate(previous ? { ...identity, build_id: previous.build_id } : identity, [...(previous?.stages ?? []), stage]);
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    (0,external_node_fs_.writeFileSync)(partial, `${JSON.stringify(metrics, null, 2)}\n`);
    (0,external_node_fs_.renameSync)(partial, path);
    return metrics;
}

;// CONCATENATED MODULE: ./src/core/metrics/summary.ts
function formatSeconds(seconds) {
    if (seconds < 1)
        return `${Math.round(seconds * 1000)} ms`;
    if (seconds < 60)
        return `${seconds.toFixed(1)} s`;
    const minutes = Math.floor(seconds / 60);
    return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
function formatBytes(bytes) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
function stageFooter(stage) {
    const parts = [`${stage.name}${stage.phase === 'post' ? ' (post)' : ''}`, formatSeconds(stage.duration), stage.status];
    const cache = stage.figures.cache;
    if (cache && cache.hits + cache.partial_hits + cache.misses > 0) {
        parts.push(`cache ${cache.hits} hit, ${cache.partial_hits} partial, ${cache.misses} miss`);
    }
    return `<sub>${parts.join(' · ')}</sub>`;
}

;// CONCATENATED MODULE: ./src/core/summary.ts
/**
 * The job summary: Markdown built per step and appended to GITHUB_STEP_SUMMARY once, when the
 * step ends. The runner drops a step's summary over 1 MiB, so `render` trims to fit.
 */
const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Escapes text for a Markdown table cell: pipes and line breaks would break the row. */
function escapeCell(value) {
    if (value === null || value === undefined)
        return '';
    return String(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
function escapeHtml(value) {
    return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
function markdownTable(headers, rows) {
    const line = (cells) => `| ${cells.map(escapeCell).join(' | ')} |`;
    return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}
class Summary {
    blocks = [];
    get isEmpty() {
        return this.blocks.length === 0;
    }
    add(markdown, options = {}) {
        this.blocks.push({ markdown: markdown.replace(/\n+$/, ''), optional: options.optional ?? false });
        return this;
    }
    heading(text, level = 3) {
        return this.add(`${'#'.repeat(level)} ${text}`);
    }
    paragraph(text) {
        return this.add(text);
    }
    table(headers, rows, options = {}) {
        return rows.length ? this.add(markdownTable(headers, rows), options) : this;
    }
    list(items, options = {}) {
        return items.length ? this.add(items.map((item) => `- ${item}`).join('\n'), options) : this;
    }
    details(title, markdown, options = {}) {
        return this.add(`<details><summary>${escapeHtml(title)}</summary>\n\n${markdown}\n\n</details>`, options);
    }
    code(text, language = '') {
        const fence = text.includes('```') ? '````' : '```';
        return this.add(`${fence}${language}\n${text}\n${fence}`);
    }
    /** The Markdown, trimmed to `limitBytes`: optional blocks go first, then the tail is cut with a note. */
    render(limitBytes = STEP_SUMMARY_LIMIT_BYTES) {
        const join = (blocks) => (blocks.length ? `${blocks.map((block) => block.markdown).join('\n\n')}\n\n` : '');
        let blocks = this.blocks;
        let text = join(blocks);
        if (Buffer.byteLength(text) <= limitBytes)
            return text;
        const note = '\n\n_Parts of this summary were left out to stay within the 1 MiB step-summary limit._\n\n';
        blocks = blocks.filter((block) => !block.optional);
        text = join(blocks);
        if (Buffer.byteLength(text) + note.length <= limitBytes)
            return text + note;
        const budget = limitBytes - Buffer.byteLength(note);
        return (Buffer.from(text)
            .subarray(0, budget)
            .toString('utf8')
            .replace(/\uFFFD$/, '') + note);
    }
}

;// CONCATENATED MODULE: ./src/core/run.ts
/**
 * runAction: the one entry every action goes through. It picks the phase (main, or post when the
 * main step left `isPost` in state, as docker/actions-toolkit does), parses the inputs, times the
 * stage, records metrics, appends the job summary, turns errors into one ::error:: line, and
 * exits explicitly (an HTTP keep-alive must not hold the step open). The only try/catch at the top.
 */













/** Inputs every action accepts, besides its own. */
const commonInputs = {
    'metrics-endpoint': schemas/* optional */.lqM(httpUrl()),
};
const CANCEL_GRACE_MS = 5000;
/** Logs an error the way its owner needs to read it. */
function reportError(error, name, phase, log) {
    if (error instanceof errors/* InputError */.dz) {
        log.error(`Invalid input${error.problems.length > 1 ? 's' : ''} for ${name}: ${error.message}`, { title: `${name}: invalid input` });
    }
    else if (error instanceof errors/* ConfigError */.xL) {
        log.error(error.message, error.location);
    }
    else if (error instanceof exec/* ExecError */.cI) {
        log.error(error.message);
    }
    else {
        const detail = error instanceof Error ? error : new Error(String(error));
        const frame = detail.stack
            ?.split('\n')
            .find((line) => line.trim().startsWith('at '))
            ?.trim();
        log.error(`build-tools bug in ${name} (${phase}): ${detail.message}${frame ? ` (${frame})` : ''}. Please report it with this log.`);
        if (detail.stack)
            log.debug(detail.stack);
    }
}
async function runAction(definition) {
    const startedAt = new Date();
    const started = performance.now();
    const phase = (0,workflow_commands/* getState */.Gu)('isPost') === 'true' ? 'post' : 'main';
    const log = createLogger();
    const runner = readRunnerContext();
    const summary = new Summary();
    const abort = new AbortController();
    let status = 'success';
    let failure;
    const ctx = createContext({
        name: definition.name,
        phase,
        runner,
        log,
        summary,
        signal: abort.signal,
        outputNames: definition.outputs,
        onFail: (message) => {
            status = 'failure';
            failure ??= message;
        },
    });
    // Node exits once nothing is left to wait on: an action that awaited something that can never
    // settle would otherwise end the step early, quietly and with success. Every deliberate end goes
    // through exit().
    let exiting = false;
    const exit = (code) => {
        exiting = true;
        return process.exit(code);
    };
    process.exitCode = 1;
    process.once('exit', () => {
        if (!exiting)
            reportError(new Error(`the run ended before ${definition.name} finished: it was waiting on nothing`), definition.name, phase, log);
    });
    const onSignal = () => {
        status = 'cancelled';
        abort.abort(new Error('the job was cancelled'));
        setTimeout(() => exit(130), CANCEL_GRACE_MS).unref();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let metricsEndpoint;
    try {
        if (phase === 'main') {
            if (definition.post)
                (0,workflow_commands/* saveState */.LZ)('isPost', 'true');
            const inputs = readInputs(schemas/* safeExtend */.W09(definition.inputs, commonInputs), process.env);
            metricsEndpoint = inputs['metrics-endpoint'];
            if (definition.post && metricsEndpoint)
                ctx.saveState('build-tools.metrics-endpoint', metricsEndpoint);
            await definition.main(inputs, ctx);
        }
        else {
            metricsEndpoint = ctx.getState('build-tools.metrics-endpoint');
            await definition.post?.(ctx);
        }
    }
    catch (error) {
        if (status !== 'cancelled')
            status = 'failure';
        failure ??= error instanceof Error ? error.message : String(error);
        reportError(error, definition.name, phase, log);
    }
    const stage = {
        name: definition.name,
        phase,
        start: startedAt.toISOString(),
        duration: Math.round(performance.now() - started) / 1000,
        status,
        ...(failure ? { error: failure.split('\n')[0] } : {}),
        figures: { ...ctx.metrics.figures, ...(ctx.cacheIfUsed ? { cache: ctx.cacheIfUsed.figures } : {}) },
    };
    try {
        const metrics = appendStage(metricsFilePath(runner), buildIdentity(runner), stage);
        if (!summary.isEmpty || status !== 'success') {
            if (status !== 'success' && failure)
                summary.add(`> [!CAUTION]\n> ${definition.name} ${phase === 'post' ? '(post) ' : ''}failed: ${failure.split('\n')[0]}`);
            summary.add(stageFooter(stage));
            const file = process.env.GITHUB_STEP_SUMMARY;
            if (file)
                (0,external_node_fs_.appendFileSync)(file, summary.render());
        }
        await exportMetrics(stage, metrics, metricsEndpoint, log);
    }
    catch (error) {
        log.warn(`Could not record build metrics: ${error instanceof Error ? error.message : String(error)}`);
    }
    (0,workflow_commands/* issueCommand */.Lb)('debug', `${definition.name} ${phase} finished in ${stage.duration} s (${status})`);
    // Let a piped stdout drain before exiting (writes to pipes are asynchronous on macOS).
    await new Promise((resolve) => process.stdout.write('', () => resolve()));
    return exit(status === 'success' ? 0 : 1);
}

;// CONCATENATED MODULE: ./src/actions/incremental-hash/file-identity.ts
/**
 * A file's identity is what git records for it: `<mode> <blob id>` — mode 100644, 100755
 * (executable) or 120000 (symlink, whose blob is the target path), and the blob id the hash of
 * `blob <size>\0<content>`. Computing it ourselves for files git has not seen keeps hashes equal
 * whether a file's identity came from git's index or from reading it.
 */



/**
 * Opening with O_NOFOLLOW fails on a symlink (ELOOP), which is then read as a link; O_NONBLOCK keeps
 * a FIFO from blocking the open. One path lookup per file (open, then fstat on the descriptor)
 * instead of two (lstat, then open).
 */
const OPEN_FLAGS = external_node_fs_.constants.O_RDONLY | (external_node_fs_.constants.O_NOFOLLOW ?? 0) | (external_node_fs_.constants.O_NONBLOCK ?? 0);
/**
 * Linux's O_NOATIME too, as git does for its objects: in a fresh checkout every file's first read
 * would otherwise write its access time (measured: a tenth more time to hash such a tree). Only a
 * file's owner may ask for it; after the first refusal (EPERM) files are opened without it.
 */
let openFlags = OPEN_FLAGS | (external_node_fs_.constants.O_NOATIME ?? 0);
function openFile(location) {
    try {
        return (0,external_node_fs_.openSync)(location, openFlags);
    }
    catch (error) {
        if (error.code !== 'EPERM' || openFlags === OPEN_FLAGS)
            throw error;
        openFlags = OPEN_FLAGS;
        return (0,external_node_fs_.openSync)(location, openFlags);
    }
}
/** Files up to this size are read whole into one buffer per thread; larger ones are hashed in pieces of this size. */
const SCRATCH_SIZE = 1 << 20;
const scratch = Buffer.allocUnsafe(SCRATCH_SIZE);
function blobId(content, format) {
    return (0,external_node_crypto_.createHash)(format).update(`blob ${content.length}\0`).update(content).digest('hex');
}
/** The blob id of the first `size` bytes of an open file larger than the scratch buffer, read piece by piece so memory stays bounded; undefined if it shrank meanwhile. */
function largeBlobId(descriptor, size, format) {
    const digest = (0,external_node_crypto_.createHash)(format).update(`blob ${size}\0`);
    let read = 0;
    for (let count = 1; read < size && count > 0; read += count) {
        count = (0,external_node_fs_.readSync)(descriptor, scratch, 0, Math.min(SCRATCH_SIZE, size - read), read);
        digest.update(scratch.subarray(0, count));
    }
    return read === size ? digest.digest('hex') : undefined;
}
/**
 * How to name files below `root` for the system calls: relative to the current directory when `root`
 * is inside it (the usual case: the workspace), since the kernel then resolves fewer path components
 * per call — a fifth of the time of reading small files.
 */
function pathBase(root) {
    const fromHere = (0,external_node_path_.relative)(process.cwd(), root);
    if (fromHere === '')
        return '';
    return fromHere.startsWith('..') || (0,external_node_path_.isAbsolute)(fromHere) ? `${root}/` : `${fromHere}/`;
}
/** The identity of `base + path`, or undefined when it is gone or not a file or symlink. `base` comes from pathBase. */
function identify(base, path, format) {
    const location = base + path;
    let descriptor;
    try {
        descriptor = openFile(location);
    }
    catch (error) {
        if (error.code !== 'ELOOP')
            return undefined;
        try {
            return `120000 ${blobId(Buffer.from((0,external_node_fs_.readlinkSync)(location)), format)}`;
        }
        catch {
            return undefined;
        }
    }
    try {
        const { size, mode } = (0,external_node_fs_.fstatSync)(descriptor);
        if ((mode & external_node_fs_.constants.S_IFMT) !== external_node_fs_.constants.S_IFREG)
            return undefined;
        const kind = mode & 0o100 ? '100755' : '100644';
        // The content is read in after git's header, so the blob id is one hash call over one buffer.
        const header = `blob ${size}\0`;
        if (header.length + size > SCRATCH_SIZE) {
            const id = largeBlobId(descriptor, size, format);
            return id && `${kind} ${id}`;
        }
        scratch.write(header, 'latin1');
        let read = 0;
        while (read < size) {
            const count = (0,external_node_fs_.readSync)(descriptor, scratch, header.length + read, size - read, read);
            if (count === 0)
                break;
            read += count;
        }
        // A file that shrank while being read: hash what was read, with its own header.
        if (read < size)
            return `${kind} ${blobId(scratch.subarray(header.length, header.length + read), format)}`;
        return `${kind} ${(0,external_node_crypto_.hash)(format, scratch.subarray(0, header.length + size))}`;
    }
    catch {
        return undefined;
    }
    finally {
        (0,external_node_fs_.closeSync)(descriptor);
    }
}
function identifyAll(base, paths, format) {
    return paths.map((path) => identify(base, path, format));
}

;// CONCATENATED MODULE: ./src/actions/incremental-hash/file-hashing.ts
/**
 * Hashes files as they are found. Small sets are hashed on this thread once listing is done. Past a
 * few thousand files, worker threads (hash.worker.ts, a bundle of its own) start — one fewer than
 * the cores, since this thread hashes too once its walk is done — and are fed batches while the
 * caller is still walking the tree, so reading and hashing overlap the walk and use every core.
 * Batches wait in one queue that this thread and the workers take from, so all finish together.
 * Where the bundle cannot start workers (unit tests run TypeScript sources), or a worker stops,
 * this thread hashes what is left.
 */


/** The worker's file name beside the action's bundle. */
const HASH_WORKER_FILE = 'hash.worker.js';
const MIN_FILES_FOR_WORKERS = 2000;
/** Paths per batch: large enough that messaging is cheap, small enough that everyone finishes together. */
const BATCH = 256;
/** Batches a worker holds at once, so it never waits while this thread is busy with a batch of its own. */
const IN_FLIGHT = 3;
/** Whether the worker has stopped: its thread id is -1 from then on (possibly before its 'exit' event). */
function stopped(hashWorker) {
    return hashWorker.worker.threadId === -1;
}
/** worker_threads, loaded when first needed: most runs in a checkout read too few files to start workers. */
function threads() {
    return process.getBuiltinModule('node:worker_threads');
}
/**
 * Batches are ranges of the paths added, named by where they start; answers are written into one
 * array at the same positions. With the walk's order kept, a component's files are a range of the
 * paths (on 50,000 files the components' texts took 10 ms this way, 33 ms through a path → identity map).
 */
class FileHasher {
    format;
    options;
    threads;
    base;
    files = { paths: [], identities: [] };
    /** Paths before this position are queued or hashed. */
    queuedUpTo = 0;
    /** Starts of the batches nobody has taken yet. */
    queue = [];
    workers;
    /** `options.workerEntry`: the path of the worker's bundle; without it everything is hashed on this thread. */
    constructor(root, format, options = {}) {
        this.format = format;
        this.options = options;
        this.base = pathBase(root);
        this.threads = Math.max(1, Math.min(options.threads ?? (0,external_node_os_.availableParallelism)(), 8));
    }
    /** How many paths were added. */
    get added() {
        return this.files.paths.length;
    }
    /** Queues `path` (relative to the root) for hashing. */
    add(path) {
        const count = this.files.paths.push(path);
        if (count - this.queuedUpTo < BATCH)
            return;
        if (!this.workers) {
            if (!this.options.workerEntry || this.threads < 2 || count < MIN_FILES_FOR_WORKERS)
                return;
            this.workers = Array.from({ length: this.threads - 1 }, () => this.startWorker(this.options.workerEntry));
        }
        this.queueAdded();
        this.dispatch();
    }
    /** Every path added and its identity, in the order added. */
    async finish() {
        this.queueAdded(true);
        try {
            for (;;) {
                this.dispatch();
                const start = this.queue.shift();
                if (start === undefined)
                    break;
                this.hashHere(start);
            }
            await Promise.all((this.workers ?? []).map((hashWorker) => this.drain(hashWorker)));
        }
        finally {
            for (const { worker } of this.workers ?? [])
                void worker.terminate();
        }
        return this.files;
    }
    /** Queues the whole batches added so far, and with `all` the last, short one: a batch is the BATCH paths from its start, or up to the end. */
    queueAdded(all = false) {
        const count = this.files.paths.length;
        for (; count - this.queuedUpTo >= BATCH || (all && this.queuedUpTo < count); this.queuedUpTo += BATCH)
            this.queue.push(this.queuedUpTo);
    }
    batch(start) {
        return this.files.paths.slice(start, start + BATCH);
    }
    hashHere(start) {
        this.answer(start, identifyAll(this.base, this.batch(start), this.format));
    }
    answer(start, identities) {
        for (let index = 0; index < identities.length; index++)
            this.files.identities[start + index] = identities[index];
    }
    /** Takes in what workers have answered, without waiting, and tops each up from the queue. */
    dispatch() {
        if (!this.workers)
            return;
        const { receiveMessageOnPort } = threads();
        for (const hashWorker of this.workers) {
            for (let received = receiveMessageOnPort(hashWorker.port); received; received = receiveMessageOnPort(hashWorker.port)) {
                this.answer(hashWorker.pending.shift(), received.message);
            }
            if (stopped(hashWorker))
                continue;
            while (hashWorker.pending.length < IN_FLIGHT && this.queue.length) {
                const start = this.queue.shift();
                hashWorker.pending.push(start);
                hashWorker.port.postMessage(this.batch(start));
            }
        }
    }
    /** Waits for the worker's remaining answers; if it stops first, hashes its batches here. */
    drain(hashWorker) {
        const reclaim = () => {
            for (const start of hashWorker.pending.splice(0))
                this.hashHere(start);
        };
        if (stopped(hashWorker))
            return reclaim();
        if (!hashWorker.pending.length)
            return;
        return new Promise((resolve) => {
            const done = () => {
                hashWorker.port.off('message', onMessage);
                hashWorker.worker.off('exit', onExit);
                resolve();
            };
            const onMessage = (identities) => {
                this.answer(hashWorker.pending.shift(), identities);
                if (!hashWorker.pending.length)
                    done();
            };
            const onExit = () => {
                reclaim();
                done();
            };
            hashWorker.port.on('message', onMessage);
            hashWorker.worker.on('exit', onExit);
        });
    }
    startWorker(entry) {
        const { MessageChannel, Worker } = threads();
        const { port1, port2 } = new MessageChannel();
        const workerData = { base: this.base, format: this.format, port: port2 };
        const worker = new Worker(entry, { workerData, transferList: [port2] });
        const hashWorker = { worker, port: port1, pending: [] };
        // A worker that fails to start or throws only costs speed: its batches are hashed here.
        worker.on('error', () => undefined);
        return hashWorker;
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/core/api.js + 1 modules
var api = __webpack_require__(3305);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/core/yaml-input.ts
/**
 * The input helper for a YAML (or JSON) document, apart from inputs.ts so that only the actions that
 * take one load the YAML parser: it adds 14 ms to an action's start (measured), and most actions
 * take no YAML input.
 */



function formatPath(path) {
    return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
}
/** A YAML (or JSON) document validated by `schema`; `expected` describes the document's shape. */
function yamlValue(schema, expected) {
    return textThen(expected, schemas/* transform */.pdi((value, ctx) => {
        let document;
        try {
            document = (0,dist/* parse */.qg)(value);
        }
        catch (error) {
            const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
            return reject(ctx, `${expected} (not valid YAML: ${reason})`, value);
        }
        const result = schema.safeParse(document);
        if (!result.success) {
            for (const issue of result.error.issues) {
                const where = issue.path.length ? ` at ${formatPath(issue.path).replace(/^\./, '')}` : '';
                ctx.issues.push({ code: 'custom', message: `${expected}${where}: ${issue.message}`, input: value });
            }
            return core/* NEVER */.tm;
        }
        return result.data;
    }));
}

;// CONCATENATED MODULE: ./src/actions/incremental-hash/inputs.ts



const glob = schemas/* string */.YjP().check(api/* _minLength */.m9(1));
const globs = schemas/* union */.KCZ([glob, schemas/* array */.YOg(glob).check(api/* _minLength */.m9(1))], { error: 'a glob or a list of globs' });
/** `name: glob`, `name: [globs]`, `name: {paths, depends-on}`, or a list of directories. */
const componentsDocument = schemas/* union */.KCZ([
    schemas/* array */.YOg(schemas/* string */.YjP().check(api/* _minLength */.m9(1)), { error: 'a list of directories' }).check(api/* _minLength */.m9(1)),
    schemas/* record */.g1P(schemas/* string */.YjP().check(api/* _minLength */.m9(1)), schemas/* union */.KCZ([globs, schemas/* strictObject */.rej({ paths: globs, 'depends-on': schemas/* optional */.lqM(schemas/* array */.YOg(schemas/* string */.YjP().check(api/* _minLength */.m9(1)))) })], {
        error: 'a glob, a list of globs, or {paths: [...], depends-on: [...]}',
    })),
], { error: 'a mapping of component name to globs, or a list of directories' });
const inputs = schemas/* object */.Ikc({
    components: yamlValue(componentsDocument, 'YAML: a mapping `name: glob | [globs] | {paths: [...], depends-on: [...]}`, or a list of directories'),
    'working-directory': inputs_text('a directory'),
    'extra-key': schemas/* optional */.lqM(inputs_text()),
    'cache-key-prefix': inputs_text('a cache key prefix without commas').check(schemas/* refine */.YPB((value) => !value.includes(','), 'a cache key prefix without commas')),
    'respect-gitignore': bool(),
    save: bool(),
});
const outputs = ['changed', 'unchanged', 'any-changed', 'matrix', 'hashes'];

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ./src/actions/incremental-hash/matcher.ts
/**
 * Which files belong to which component. Globs of the common form `dir/**` become a prefix test,
 * so assigning tens of thousands of paths stays cheap; anything else goes through picomatch.
 */

/** The folder a glob of the form `dir/**` selects whole, if it is of that form. */
function wholeFolder(glob) {
    return /^([^*?[\]{}()!+@]+)\/\*\*$/.exec(glob)?.[1];
}
function compileGlob(glob) {
    if (glob === '**' || glob === '**/*')
        return () => true;
    const prefix = wholeFolder(glob);
    if (prefix) {
        const withSlash = `${prefix}/`;
        return (path) => path.startsWith(withSlash);
    }
    const test = picomatch_default()(glob, { dot: true });
    return (path) => test(path);
}
function compileComponents(components) {
    return components.map((component) => {
        const include = component.include.map(compileGlob);
        const exclude = component.exclude.map(compileGlob);
        return {
            name: component.name,
            matches: (path) => include.some((test) => test(path)) && !exclude.some((test) => test(path)),
        };
    });
}
/**
 * Whether any component selects a path, decided once per folder where possible: a folder inside a
 * component that is one whole directory (`dir/**`) has every file selected, without a test per file.
 */
function compileSelection(components) {
    const matchers = compileComponents(components);
    const directories = components.map(soleDirectory).filter((directory) => directory !== undefined);
    return {
        coversFolder: (folder) => directories.some((directory) => folder === directory || folder.startsWith(`${directory}/`)),
        matches: (path) => matchers.some((matcher) => matcher.matches(path)),
    };
}
/** The static prefix of a component that selects exactly `prefix/**`, if that is all it does. */
function soleDirectory(component) {
    if (component.exclude.length || component.include.length !== 1)
        return undefined;
    return wholeFolder(component.include[0]);
}
/**
 * Orders paths as git's index does (by UTF-8 bytes, which is code point order), so a component's
 * files hash alike whether listed by git or by a walk. JavaScript compares UTF-16 units, which
 * agrees except between surrogate pairs and U+E000–U+FFFF.
 */
function compareCodePoints(a, b) {
    const length = Math.min(a.length, b.length);
    for (let index = 0; index < length; index++) {
        let x = a.charCodeAt(index);
        let y = b.charCodeAt(index);
        if (x === y)
            continue;
        if (x >= 0xd800 && y >= 0xd800) {
            x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
            y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
        }
        return x - y;
    }
    return a.length - b.length;
}
/** Sorts in code point order: the engine's own sort, redone with compareCodePoints only when it could differ. */
function sortPaths(paths) {
    paths.sort();
    if (paths.some((path) => /[\ud800-\uffff]/.test(path)))
        paths.sort(compareCodePoints);
    return paths;
}
/** First position in `paths` whose path is not less than `value`. */
function lowerBound(paths, value) {
    let low = 0;
    let high = paths.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (compareCodePoints(paths.at(middle), value) < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}
/** The range of `paths` inside `directory`: [from, to). */
function directoryRange(paths, directory) {
    // '0' follows '/' directly.
    return [lowerBound(paths, `${directory}/`), lowerBound(paths, `${directory}0`)];
}

;// CONCATENATED MODULE: ./src/actions/incremental-hash/record.ts
/**
 * The build record (component hashes and per-file identities) and the comparison with the last
 * successful build's record: which components changed, and why.
 */

/** A file's record in a component's text: `<mode> <blob id> 0\t<path>\0`, as git's index lists it. */
function recordLine(path, identity) {
    return `${identity} 0\t${path}\0`;
}
function hashText(files, extraKey) {
    return (0,external_node_crypto_.createHash)('sha256').update(`extra-key\0${extraKey}\n`).update(files).digest('hex');
}
/** path → identity of a stored component. */
function fileIdentities(component) {
    const identities = new Map();
    for (const line of component.files.split('\0')) {
        const tab = line.indexOf('\t');
        // `<mode> <blob id> 0` before the tab: the identity is all but the stage.
        if (tab >= 2)
            identities.set(line.slice(tab + 1), line.slice(0, tab - 2));
    }
    return identities;
}
/** The record of this build from each component's text (component-texts.ts). */
function buildRecord(components, texts, extraKey) {
    // Prototype-less: a component may be called anything, `__proto__` included.
    const record = { version: 2, components: Object.create(null) };
    for (const component of components) {
        const { files, count } = texts.get(component.name) ?? { files: '', count: 0 };
        record.components[component.name] = { hash: hashText(files, extraKey), count, files };
    }
    return record;
}
/**
 * The record as stored: one JSON line with each component's name, hash, file count and text length,
 * then the components' texts, back to back. As JSON the texts would have every NUL escaped, and
 * writing 50,000 files' lines took longer than everything else after hashing.
 */
function serializeRecord(record) {
    const names = Object.keys(record.components);
    const header = {
        version: 2,
        components: names.map((name) => {
            const { hash, count, files } = record.components[name];
            return { name, hash, count, length: files.length };
        }),
    };
    return [JSON.stringify(header), '\n', ...names.map((name) => record.components[name].files)].join('');
}
function isStoredComponent(value) {
    const entry = value;
    return Boolean(entry &&
        typeof entry.name === 'string' &&
        typeof entry.hash === 'string' &&
        Number.isInteger(entry.count) &&
        Number.isInteger(entry.length) &&
        entry.length >= 0);
}
/** A stored record (serializeRecord's form), or undefined when the text is not one (damaged, or from another version). */
function parseRecord(text) {
    const newline = text.indexOf('\n');
    if (newline < 0)
        return undefined;
    let header;
    try {
        header = JSON.parse(text.slice(0, newline));
    }
    catch {
        return undefined;
    }
    if (header?.version !== 2 || !Array.isArray(header.components))
        return undefined;
    const record = { version: 2, components: Object.create(null) };
    let offset = newline + 1;
    for (const entry of header.components) {
        if (!isStoredComponent(entry) || offset + entry.length > text.length)
            return undefined;
        record.components[entry.name] = { hash: entry.hash, count: entry.count, files: text.slice(offset, offset + entry.length) };
        offset += entry.length;
    }
    return offset === text.length ? record : undefined;
}
function compareRecords(components, current, previous) {
    const results = new Map();
    for (const component of components) {
        const now = current.components[component.name];
        const before = previous?.components[component.name];
        const result = {
            name: component.name,
            hash: now.hash,
            changed: false,
            reasons: [],
            added: [],
            removed: [],
            modified: [],
            fileCount: now.count,
        };
        if (!previous) {
            result.changed = true;
            result.reasons.push('no baseline');
        }
        else if (!before) {
            result.changed = true;
            result.reasons.push('new component');
        }
        else if (before.hash !== now.hash) {
            result.changed = true;
            const nowFiles = fileIdentities(now);
            const beforeFiles = fileIdentities(before);
            for (const [path, identity] of nowFiles) {
                const earlier = beforeFiles.get(path);
                if (earlier === undefined)
                    result.added.push(path);
                else if (earlier !== identity)
                    result.modified.push(path);
            }
            for (const path of beforeFiles.keys())
                if (!nowFiles.has(path))
                    result.removed.push(path);
            const counts = [
                result.added.length && `${result.added.length} added`,
                result.removed.length && `${result.removed.length} removed`,
                result.modified.length && `${result.modified.length} modified`,
            ].filter(Boolean);
            result.reasons.push(counts.length ? counts.join(', ') : 'extra-key changed');
        }
        results.set(component.name, result);
    }
    // A change in a dependency (direct or not) marks its dependents changed too.
    const dependsOnChanged = (name, seen = new Set()) => {
        const component = components.find((candidate) => candidate.name === name);
        const found = [];
        for (const dependency of component?.dependsOn ?? []) {
            if (seen.has(dependency))
                continue;
            seen.add(dependency);
            if (results.get(dependency)?.changed && !results.get(dependency)?.reasons.every((reason) => reason.startsWith('depends on'))) {
                found.push(dependency);
            }
            found.push(...dependsOnChanged(dependency, seen));
        }
        return found;
    };
    for (const component of components) {
        const changedDependencies = [...new Set(dependsOnChanged(component.name))];
        const result = results.get(component.name);
        if (changedDependencies.length && !result.reasons.includes('no baseline')) {
            result.changed = true;
            result.reasons.push(`depends on ${changedDependencies.join(', ')}`);
        }
    }
    return components.map((component) => results.get(component.name));
}

;// CONCATENATED MODULE: ./src/actions/incremental-hash/component-texts.ts


/**
 * From files found by a walk and read: every file read, none taken from git. `read.paths` is in code
 * point order (the walk's), so a component that is one folder is a range of it.
 */
function readComponentTexts(components, read) {
    const { paths, identities } = read;
    const texts = new Map();
    for (const component of components) {
        const directory = soleDirectory(component);
        const [from, to] = directory === undefined ? [0, paths.length] : directoryRange(paths, directory);
        const matcher = directory === undefined ? compileComponents([component])[0] : undefined;
        const lines = [];
        for (let position = from; position < to; position++) {
            const identity = identities[position];
            const path = paths[position];
            if (identity !== undefined && (!matcher || matcher.matches(path)))
                lines.push(recordLine(path, identity));
        }
        // One join: much cheaper than growing a string 50,000 times.
        texts.set(component.name, { files: lines.join(''), count: lines.length });
    }
    return texts;
}
/** From git's index records and the files that had to be read (untracked, edited, conflicted). */
function gitComponentTexts(components, index, read) {
    const identities = new Map();
    read.paths.forEach((path, position) => {
        const identity = read.identities[position];
        if (identity !== undefined)
            identities.set(path, identity);
    });
    const readPaths = sortPaths([...identities.keys()]);
    const untrusted = new Set(index.untrusted);
    const recordOf = (position) => index.output.slice(index.starts[position], index.starts[position + 1]);
    const texts = new Map();
    for (const component of components) {
        const directory = soleDirectory(component);
        let positions;
        let readHere;
        if (directory !== undefined) {
            const [from, to] = directoryRange(index.paths, directory);
            const [readFrom, readTo] = directoryRange(readPaths, directory);
            if (readFrom === readTo && !anyBetween(index.untrusted, from, to)) {
                texts.set(component.name, { files: index.output.slice(index.starts[from], index.starts[to]), count: to - from });
                continue;
            }
            positions = [];
            for (let position = from; position < to; position++)
                if (!untrusted.has(position))
                    positions.push(position);
            readHere = readPaths.slice(readFrom, readTo);
        }
        else {
            const [matcher] = compileComponents([component]);
            positions = [];
            for (let position = 0; position < index.paths.length; position++) {
                if (!untrusted.has(position) && matcher?.matches(index.paths.at(position)))
                    positions.push(position);
            }
            readHere = readPaths.filter((path) => matcher?.matches(path));
        }
        const lines = [
            ...positions.map((position) => [index.paths.at(position), recordOf(position)]),
            ...readHere.map((path) => [path, recordLine(path, identities.get(path))]),
        ];
        lines.sort(([a], [b]) => compareCodePoints(a, b));
        texts.set(component.name, { files: lines.map(([, line]) => line).join(''), count: lines.length });
    }
    return texts;
}
/** Whether ascending `positions` holds one in [from, to). */
function anyBetween(positions, from, to) {
    let low = 0;
    let high = positions.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (positions[middle] < from)
            low = middle + 1;
        else
            high = middle;
    }
    return low < positions.length && positions[low] < to;
}

;// CONCATENATED MODULE: ./src/actions/incremental-hash/components.ts
/** The components definition, normalised: globs split into includes and excludes, dependencies checked. */

function normaliseGlob(glob) {
    return glob.replace(/^\.\//, '').replace(/\/+$/, '/**');
}
function splitGlobs(globs) {
    const list = Array.isArray(globs) ? globs : [globs];
    return {
        include: list.filter((glob) => !glob.startsWith('!')).map(normaliseGlob),
        exclude: list.filter((glob) => glob.startsWith('!')).map((glob) => normaliseGlob(glob.slice(1))),
    };
}
function parseComponents(document) {
    const components = Array.isArray(document)
        ? document.map((directory) => {
            const name = directory.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
            return { name, include: [name === '.' ? '**' : `${name}/**`], exclude: [], dependsOn: [] };
        })
        : Object.entries(document).map(([name, value]) => {
            if (typeof value === 'string' || Array.isArray(value))
                return { name, ...splitGlobs(value), dependsOn: [] };
            return { name, ...splitGlobs(value.paths), dependsOn: value['depends-on'] ?? [] };
        });
    const names = new Set(components.map((component) => component.name));
    for (const component of components) {
        if (component.include.length === 0)
            throw new errors/* ConfigError */.xL(`component '${component.name}' has only negated globs; add a glob that selects files`);
        for (const dependency of component.dependsOn) {
            if (!names.has(dependency)) {
                throw new errors/* ConfigError */.xL(`component '${component.name}' depends on '${dependency}', which is not a component (components: ${[...names].join(', ')})`);
            }
        }
    }
    const cycle = findCycle(components);
    if (cycle)
        throw new errors/* ConfigError */.xL(`components depend on each other in a cycle: ${cycle.join(' → ')}`);
    return components;
}
function findCycle(components) {
    const byName = new Map(components.map((component) => [component.name, component]));
    const state = new Map();
    const path = [];
    const visit = (name) => {
        if (state.get(name) === 'done')
            return undefined;
        if (state.get(name) === 'visiting')
            return [...path.slice(path.indexOf(name)), name];
        state.set(name, 'visiting');
        path.push(name);
        for (const dependency of byName.get(name)?.dependsOn ?? []) {
            const cycle = visit(dependency);
            if (cycle)
                return cycle;
        }
        path.pop();
        state.set(name, 'done');
        return undefined;
    };
    for (const component of components) {
        const cycle = visit(component.name);
        if (cycle)
            return cycle;
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/actions/incremental-hash/git-run.ts
var git_run = __webpack_require__(2991);
;// CONCATENATED MODULE: ./src/actions/incremental-hash/gitignore.ts
/**
 * .gitignore rules for plain directories (in a git checkout, git itself decides): patterns are
 * relative to the .gitignore's folder, a pattern without a slash matches at any depth, a trailing
 * slash matches folders only, `!` re-includes, the last matching rule wins.
 */

function parseGitignore(text, base) {
    const rules = [];
    for (const raw of text.split(/\r?\n/)) {
        let line = raw.replace(/(?<!\\)\s+$/, '');
        if (!line || line.startsWith('#'))
            continue;
        const negate = line.startsWith('!');
        if (negate)
            line = line.slice(1);
        line = line.replace(/^\\([#!])/, '$1');
        const directoryOnly = line.endsWith('/');
        if (directoryOnly)
            line = line.slice(0, -1);
        const anchored = line.includes('/');
        line = line.replace(/^\//, '');
        const pattern = anchored ? line : `**/${line}`;
        const full = base ? `${base}/${pattern}` : pattern;
        const test = picomatch_default()(full, { dot: true });
        rules.push({ negate, directoryOnly, test: (path) => test(path) });
    }
    return rules;
}
/** Whether `path` (relative, `/`-separated) is ignored by the rules that apply to it. */
function isIgnored(rules, path, isDirectory) {
    let ignored = false;
    for (const rule of rules) {
        if (rule.directoryOnly && !isDirectory)
            continue;
        if (rule.test(path))
            ignored = !rule.negate;
    }
    return ignored;
}

;// CONCATENATED MODULE: ./src/actions/incremental-hash/file-listing.ts
/**
 * Lists the files under the working directory with what is already known of their identity.
 * In a git checkout, git's index gives the blob ids of tracked files that are unmodified (the fast
 * path), and `git status` names what must still be read: modified and untracked files. Elsewhere
 * the directory is walked, honouring .gitignore files when asked.
 */






/** Outside git, identities use git's default object format. */
const WALK_FORMAT = 'sha1';
/** The paths of git's index records by position, each sliced from the listing when asked for. */
class IndexPaths {
    output;
    starts;
    headLength;
    constructor(output, starts, 
    /** Characters from a record's start to its path. */
    headLength) {
        this.output = output;
        this.starts = starts;
        this.headLength = headLength;
    }
    get length() {
        return this.starts.length - 1;
    }
    at(position) {
        if (!(position >= 0 && position < this.length))
            return undefined;
        return this.output.slice(this.starts[position] + this.headLength, this.starts[position + 1] - 1);
    }
    *[Symbol.iterator]() {
        for (let position = 0; position < this.length; position++)
            yield this.at(position);
    }
}
/**
 * Walks the tree below `root`, listing files in code point order (git's order: a folder's files sort
 * as if its name ended in `/`), so that no list of the whole tree need be sorted afterwards. `onFile`
 * hears of each file as it is found, with its folder (so hashing can start during the walk, and a
 * caller can decide once per folder).
 */
function walkDirectory(root, respectGitignore, onFile) {
    const files = [];
    const base = pathBase(root);
    const visit = (folder, inherited) => {
        const prefix = folder ? `${folder}/` : '';
        const entries = (0,external_node_fs_.readdirSync)(base + folder || '.', { withFileTypes: true });
        let rules = inherited;
        // The listing says whether there is a .gitignore: no extra system call per folder.
        if (respectGitignore && entries.some((entry) => entry.name === '.gitignore' && !entry.isDirectory())) {
            rules = [...inherited, ...parseGitignore((0,external_node_fs_.readFileSync)(`${base}${prefix}.gitignore`, 'utf8'), folder)];
        }
        // Sort keys: a folder's name with `/` after it.
        const keys = [];
        for (const entry of entries) {
            if (entry.name === '.git')
                continue;
            const isDirectory = entry.isDirectory();
            if (!isDirectory && !entry.isFile() && !entry.isSymbolicLink())
                continue;
            if (rules.length && isIgnored(rules, prefix + entry.name, isDirectory))
                continue;
            keys.push(isDirectory ? `${entry.name}/` : entry.name);
        }
        for (const key of sortPaths(keys)) {
            if (key.endsWith('/')) {
                visit(prefix + key.slice(0, -1), rules);
            }
            else {
                const path = prefix + key;
                files.push(path);
                onFile?.(path, folder);
            }
        }
    };
    visit('', []);
    return files;
}
/** Fields before the path in each kind of `git status --porcelain=v2` record. */
const FIELDS_BEFORE_PATH = { '1': 8, '2': 9, u: 10 };
/**
 * Parses `git status --porcelain=v2 -z`, whose paths are relative to the top of the work tree:
 * `prefix` (rev-parse --show-prefix) is the working directory's, which status was limited to.
 * Records: `1 XY sub mH mI mW hH hI path`, `2 …` (a rename, followed by its old path; not asked
 * for), `u XY sub m1 m2 m3 mW h1 h2 h3 path`, `? path`, and `#` headers. Y compares the working copy
 * with the index; X (index against HEAD) does not matter here. Status compares the content of a file
 * whose stat data changed, so a file that was only touched is not named.
 */
function parseStatus(output, prefix) {
    const differing = new Map();
    const untracked = [];
    const records = output.split('\0');
    for (let position = 0; position < records.length; position++) {
        const record = records[position];
        const kind = record[0];
        if (kind === '?') {
            untracked.push(record.slice(2 + prefix.length));
            continue;
        }
        const fields = FIELDS_BEFORE_PATH[kind];
        if (fields === undefined)
            continue;
        let pathStart = 0;
        for (let field = 0; field < fields; field++)
            pathStart = record.indexOf(' ', pathStart) + 1;
        const path = record.slice(pathStart + prefix.length);
        if (kind === '2')
            position++;
        if (kind === 'u')
            differing.set(path, 'U');
        else if (record[3] !== '.')
            differing.set(path, record[3]);
    }
    return { differing, untracked };
}
/**
 * Indexes the records of `git ls-files -s -z` output. git prints each as `%06o %s %d\t<path>\0`, so
 * every record's head (mode, id, stage) has the first one's length: the stage and the path sit at
 * fixed places, and no path is made here (measured on 50,000 records, cold: 3–5 ms against 8–11 with
 * a path string each). Only conflicts (a stage other than 0) are untrusted yet: withStatus adds what
 * status names, so that this can run while status is still running.
 */
function parseIndex(lsFilesOutput) {
    // Every record ends in NUL, so that each is a whole line of a component's text.
    const output = lsFilesOutput && !lsFilesOutput.endsWith('\0') ? `${lsFilesOutput}\0` : lsFilesOutput;
    const headLength = output.indexOf('\t') + 1;
    const starts = [];
    const untrusted = [];
    for (let start = 0; start < output.length;) {
        const end = output.indexOf('\0', start + headLength);
        if (end < 0)
            break;
        // The stage: '0' unless the file is in conflict.
        if (output.charCodeAt(start + headLength - 2) !== 48)
            untrusted.push(starts.length);
        starts.push(start);
        start = end + 1;
    }
    starts.push(output.length);
    return { output, starts, paths: new IndexPaths(output, starts, headLength), untrusted, deleted: 0 };
}
/** `records` with the files status says differ from the index (parseStatus's `differing`) untrusted too. */
function withStatus(records, differing) {
    // A clean checkout names nothing: no lookup then.
    if (!differing.size)
        return records;
    const untrusted = new Set(records.untrusted);
    let deleted = 0;
    for (const [path, state] of differing) {
        if (state === 'D')
            deleted++;
        // A conflicted file has a record per stage.
        for (let position = lowerBound(records.paths, path); records.paths.at(position) === path; position++)
            untrusted.add(position);
    }
    return { ...records, untrusted: [...untrusted].sort((a, b) => a - b), deleted };
}
/** The error for a git listing that failed, or undefined. */
function listingFailure(root, listing) {
    if (listing.result?.exitCode === 0)
        return undefined;
    return new errors/* ConfigError */.xL(`git could not list the files of ${root}: ${listing.result?.stderr.trim() || 'git did not start'}`);
}
async function listFiles(root, respectGitignore, onWalkedFile) {
    // Without .gitignore every file counts, ignored ones included: walk the tree, as git would not list them.
    const git = respectGitignore ? (0,git_run/* takeGitRun */.B)(root) : undefined;
    if (git) {
        const top = await git.top;
        // rev-parse prints the prefix last, an empty line at the top of the work tree.
        const [inside, format, prefix = ''] = top?.exitCode === 0 ? top.stdout.split('\n') : [];
        if (inside === 'true') {
            // The index's listing ends long before status: parse it while status runs.
            const index = await git.index;
            const indexFailure = listingFailure(root, index);
            if (indexFailure)
                throw indexFailure;
            const records = parseIndex(index.output);
            const status = await git.status;
            const statusFailure = listingFailure(root, status);
            if (statusFailure)
                throw statusFailure;
            const { differing, untracked } = parseStatus(status.output, prefix);
            return {
                method: 'git',
                format: format === 'sha256' ? 'sha256' : 'sha1',
                index: withStatus(records, differing),
                // A nested repository is listed as its folder (`sub/`), not its files.
                untracked: untracked.filter((path) => path && !path.endsWith('/')),
            };
        }
    }
    return { method: 'walk', format: WALK_FORMAT, paths: walkDirectory(root, respectGitignore, onWalkedFile) };
}

;// CONCATENATED MODULE: ./src/actions/incremental-hash/main.ts
/**
 * incremental-hash: hash each component's files, compare with the last successful build's record
 * (restored from the cache), say what changed; the post step saves the new record only when the
 * job succeeded (action.yml: post-if: success()), so a failed build is retried next time.
 */












/** The matrix holds at most this many jobs (GitHub's limit). */
const MATRIX_LIMIT = 256;
/** The folder the record is cached in, and the keys: scoped by this configuration and the ref, falling back to the default branch. */
function recordLocation(ctx, prefix, configuration) {
    const configurationHash = (0,external_node_crypto_.createHash)('sha256').update(configuration).digest('hex').slice(0, 12);
    const base = `${prefix}-${configurationHash}-`;
    const ref = ctx.runner.ref || 'refs/heads/local';
    const restoreKeys = [...new Set([`${base}${ref}-`, `${base}refs/heads/${ctx.runner.defaultBranch}-`])];
    return {
        directory: (0,external_node_path_.join)(ctx.runner.temp, 'build-tools-incremental-hash', configurationHash),
        key: `${base}${ref}-${ctx.runner.runId || Date.now()}-${ctx.runner.runAttempt}`,
        restoreKeys,
    };
}
/** This version's record file, and the one earlier versions wrote (read only to warn that it cannot be used). */
const RECORD_FILE = 'build-record';
const LEGACY_RECORD_FILE = 'record.json';
function readRecord(directory) {
    try {
        for (const name of [RECORD_FILE, LEGACY_RECORD_FILE]) {
            if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(directory, name)))
                return parseRecord((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(directory, name), 'utf8'));
        }
    }
    catch {
        // Unreadable: no baseline.
    }
    return undefined;
}
/** Lists, identifies and assigns the files, then compares with `previous`. */
async function hashComponents(root, components, options) {
    // In a walk, files any component selects are hashed while the walk goes on; in a git checkout,
    // only those git cannot vouch for are read, once the listing is known.
    const selection = compileSelection(components);
    const threading = { workerEntry: options.workerEntry, threads: options.threads };
    const walkHasher = new FileHasher(root, WALK_FORMAT, threading);
    let folderSeen;
    let folderCovered = false;
    const listing = await listFiles(root, options.respectGitignore, (path, folder) => {
        if (folder !== folderSeen) {
            folderSeen = folder;
            folderCovered = selection.coversFolder(folder);
        }
        if (folderCovered || selection.matches(path))
            walkHasher.add(path);
    });
    let hasher = walkHasher;
    let files = listing.method === 'walk' ? listing.paths.length : 0;
    if (listing.method === 'git') {
        hasher = new FileHasher(root, listing.format, threading);
        const { index, untracked } = listing;
        files = index.paths.length - index.deleted + untracked.length;
        const toRead = new Set(untracked);
        for (const position of index.untrusted)
            toRead.add(index.paths.at(position));
        for (const path of toRead)
            if (selection.matches(path))
                hasher.add(path);
    }
    // Long work says what it is doing (the step would otherwise look stuck on a large tree).
    if (hasher.added >= 5000)
        options.progress?.(`${files} files listed (${listing.method === 'git' ? 'git index' : 'directory walk'}); reading and hashing ${hasher.added}…`);
    const read = await hasher.finish();
    const texts = listing.method === 'git' ? gitComponentTexts(components, listing.index, read) : readComponentTexts(components, read);
    const record = buildRecord(components, texts, options.extraKey);
    return {
        results: compareRecords(components, record, options.previous),
        record,
        method: listing.method,
        files,
        filesRead: read.paths.length,
        empty: components.filter((component) => record.components[component.name]?.count === 0).map((component) => component.name),
    };
}
function describeFiles(result) {
    const sample = [
        ...result.added.map((path) => `+${path}`),
        ...result.removed.map((path) => `-${path}`),
        ...result.modified.map((path) => `~${path}`),
    ];
    return sample.length ? `${sample.slice(0, 5).join(', ')}${sample.length > 5 ? `, … (${sample.length - 5} more)` : ''}` : '';
}
async function main(inputs, ctx, workerEntry) {
    const root = ctx.resolvePath(inputs['working-directory']);
    if (!(0,external_node_fs_.existsSync)(root) || !(0,external_node_fs_.statSync)(root).isDirectory()) {
        throw new errors/* ConfigError */.xL(`working-directory '${inputs['working-directory']}' is not a directory`);
    }
    const components = parseComponents(inputs.components);
    const extraKey = inputs['extra-key'] ?? '';
    const location = recordLocation(ctx, inputs['cache-key-prefix'], JSON.stringify({ components, directory: inputs['working-directory'] }));
    const restored = await ctx.cache.restore([location.directory], location.key, location.restoreKeys);
    const previous = restored.hit === 'miss' ? undefined : readRecord(location.directory);
    if (restored.hit !== 'miss' && !previous)
        ctx.log.warn('The restored build record could not be read (damaged, or written by another version of this action); treating every component as changed.');
    const started = performance.now();
    const run = await ctx.log.group('Hashing components', async () => {
        const hashed = await hashComponents(root, components, {
            extraKey,
            respectGitignore: inputs['respect-gitignore'],
            previous,
            workerEntry,
            progress: (line) => ctx.log.info(line),
        });
        ctx.log.info(`${hashed.files} files listed (${hashed.method === 'git' ? 'git index' : 'directory walk'}), ${hashed.filesRead} read and hashed, ${components.length} components, ${formatSeconds((performance.now() - started) / 1000)}`);
        return hashed;
    });
    for (const name of run.empty)
        ctx.log.warn(`component '${name}' matches no files; check its globs`, { title: 'incremental-hash' });
    // The record (megabytes on a large tree) is written by a pool thread while this one reports.
    (0,external_node_fs_.mkdirSync)(location.directory, { recursive: true });
    (0,external_node_fs_.rmSync)((0,external_node_path_.join)(location.directory, LEGACY_RECORD_FILE), { force: true });
    const recordWritten = (0,promises_.writeFile)((0,external_node_path_.join)(location.directory, RECORD_FILE), serializeRecord(run.record));
    // Awaited below; should reporting fail first, that failure is the one to report.
    recordWritten.catch(() => undefined);
    const changed = run.results
        .filter((result) => result.changed)
        .map((result) => result.name)
        .sort();
    const unchanged = run.results
        .filter((result) => !result.changed)
        .map((result) => result.name)
        .sort();
    const hashes = Object.fromEntries(run.results.map((result) => [result.name, result.hash]));
    const include = run.results.filter((result) => result.changed).map((result) => ({ component: result.name, hash: result.hash }));
    if (include.length > MATRIX_LIMIT)
        ctx.log.warn(`${include.length} components changed; a job matrix holds at most ${MATRIX_LIMIT} jobs.`);
    ctx.setOutput('changed', changed);
    ctx.setOutput('unchanged', unchanged);
    ctx.setOutput('any-changed', changed.length > 0);
    ctx.setOutput('matrix', { include });
    ctx.setOutput('hashes', hashes);
    ctx.summary.heading('incremental-hash');
    ctx.summary.paragraph(`${changed.length} of ${run.results.length} components changed` +
        (previous
            ? ` since the last successful build (${restored.key})`
            : ' (no earlier successful build was found, so all count as changed)') +
        `. ${run.files} files, ${run.filesRead} read.`);
    ctx.summary.table(['component', 'status', 'why', 'files', 'hash'], run.results.map((result) => [
        result.name,
        result.changed ? '🔄 changed' : '✅ unchanged',
        [result.reasons.join('; '), describeFiles(result)].filter(Boolean).join(': '),
        result.fileCount,
        `\`${result.hash.slice(0, 12)}\``,
    ]));
    ctx.metrics.record({
        components: run.results.length,
        components_changed: changed.length,
        files: run.files,
        files_hashed: run.filesRead,
        listing: run.method,
        hash_seconds: Math.round(performance.now() - started) / 1000,
    });
    await recordWritten;
    if (inputs.save)
        ctx.saveState('record', { directory: location.directory, key: location.key });
}
async function post(ctx) {
    const state = ctx.getState('record');
    if (!state)
        return;
    if (!(0,external_node_fs_.existsSync)((0,external_node_path_.join)(state.directory, RECORD_FILE))) {
        ctx.log.warn('No build record to save.');
        return;
    }
    const saved = await ctx.cache.save([state.directory], state.key);
    if (saved.saved)
        ctx.log.info(`Saved this build's record as ${state.key}`);
}

;// CONCATENATED MODULE: ./src/actions/incremental-hash/run.ts
/** Runs the action through the core (loaded by index.ts once git's listing has started). */






const hashWorker = (0,external_node_path_.join)((0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url)), HASH_WORKER_FILE);
void runAction({ name: 'incremental-hash', inputs: inputs, outputs: outputs, main: (values, ctx) => main(values, ctx, hashWorker), post: post });


/***/ })

};

//# sourceMappingURL=554.index.js.map