import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 2991:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ takeGitRun),
/* harmony export */   P: () => (/* binding */ startGitListing)
/* harmony export */ });
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _core_exec_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(5462);
/**
 * Runs git's listing of a working directory — apart from file-listing.ts, which interprets it, so
 * that the action's entry can start git while loading little else.
 */





/** Whether `root` may be in a git work tree (a `.git` in it or a folder above, or GIT_DIR set): no git to start for a plain tree. */
function mayBeInGit(root) {
    if (process.env.GIT_DIR)
        return true;
    for (let folder = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.resolve)(root);; folder = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(folder)) {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(folder, '.git')))
            return true;
        if ((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(folder) === folder)
            return false;
    }
}
/**
 * A listing git wrote, as text. Listings are nearly always ASCII, which decodes in a quarter of the
 * time UTF-8 takes (measured: 1 ms against 4–5 ms for a 3.5 MB listing); any other is decoded as
 * the UTF-8 git writes.
 */
function readListing(location) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(location))
        return '';
    const bytes = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(location);
    return bytes.toString((0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isAscii)(bytes) ? 'latin1' : 'utf8');
}
/**
 * git's view of `root`, all at once and run in `root` itself, limited to it: the index's records
 * (paths relative to `root`) and status (paths relative to the top, hence rev-parse's prefix). One
 * status does the work of diff-files and ls-files -o for the same CPU (measured on 50,000 files:
 * 82–85 ms against 86), in one process fewer, and trusts a file that was only touched. Nothing is
 * written (--no-optional-locks: status would otherwise save the stat data it refreshed). Listings go
 * to files, so git never waits for this thread to read them. Never rejects: listFiles decides what a
 * failure means.
 */
function runGit(root) {
    const folder = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), 'build-tools-git-'));
    const git = (args, output) => (0,_core_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .exec */ .m0)('git', args, { cwd: root, silent: true, allowFailure: true, stdoutFile: output && (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(folder, output) }).catch(() => undefined);
    const listing = (args, output) => git(args, output)
        .then((result) => ({ result, output: readListing((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(folder, output)) }))
        .catch(() => ({ result: undefined, output: '' }));
    const run = {
        top: git(['rev-parse', '--is-inside-work-tree', '--show-object-format', '--show-prefix']),
        index: listing(['ls-files', '-s', '-z'], 'index'),
        status: listing(['--no-optional-locks', 'status', '--porcelain=v2', '-z', '--untracked-files=all', '--no-renames', '--', '.'], 'status'),
    };
    void Promise.allSettled([run.index, run.status]).then(() => {
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(folder, { recursive: true, force: true });
        }
        catch {
            // A temporary folder left behind costs nothing the run needs.
        }
    });
    return run;
}
const started = new Map();
/**
 * Starts git's listing of `root` ahead of listFiles, which takes it over. The action's entry calls
 * this before it loads the rest of the action: git and the loading each take several hundredths of
 * a second, and overlap. Nothing is written, so a start the inputs later contradict costs nothing.
 */
function startGitListing(root) {
    if (!started.has(root) && mayBeInGit(root))
        started.set(root, runGit(root));
}
/** git's listing of `root`: the one started ahead, else a new one; undefined when `root` is in no checkout. */
function takeGitRun(root) {
    const early = started.get(root);
    started.delete(root);
    return early ?? (mayBeInGit(root) ? runGit(root) : undefined);
}


/***/ }),

/***/ 5523:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_workflow_commands_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(845);
/* harmony import */ var _git_run_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(2991);
/**
 * The entry. In a git checkout the listing (git's own commands) and loading the rest of the action
 * (zod, YAML, the core) each take several hundredths of a second: start git first, from the raw
 * inputs, then load the rest. The inputs are validated afterwards; listFiles takes the listing over only for
 * the working directory they name.
 */



const input = (name) => process.env[(0,_core_workflow_commands_js__WEBPACK_IMPORTED_MODULE_1__/* .inputVariable */ .LO)(name)]?.trim() ?? '';
// Without components (a required input) the run stops at validation: nothing to list.
if ((0,_core_workflow_commands_js__WEBPACK_IMPORTED_MODULE_1__/* .getState */ .Gu)('isPost') !== 'true' && input('components') && !/^false$/i.test(input('respect-gitignore'))) {
    (0,_git_run_js__WEBPACK_IMPORTED_MODULE_2__/* .startGitListing */ .P)((0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(input('working-directory') || '.'));
}
await Promise.all(/* import() */[__nccwpck_require__.e(107), __nccwpck_require__.e(554)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1554));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 4296:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   xL: () => (/* binding */ ConfigError)
/* harmony export */ });
/* unused harmony exports describeInputProblem, isUserError */
/**
 * Who has to fix a failure decides how it is reported (the codeql-action split):
 * - InputError: an action input is invalid; the message names the input and what is accepted.
 * - ConfigError: the user's files, environment or setup are wrong; the message says what and where.
 * Anything else is a bug in build-tools and is reported as ours.
 */
class InputError extends Error {
    problems;
    constructor(problems) {
        super(problems.map(describeInputProblem).join('; '));
        this.name = 'InputError';
        this.problems = problems;
    }
}
function describeInputProblem(problem) {
    const given = problem.given === undefined ? 'is not set' : `is ${JSON.stringify(problem.given)}`;
    return `input '${problem.input}' ${given}: expected ${problem.expected}`;
}
class ConfigError extends Error {
    location;
    constructor(message, location) {
        super(message);
        this.name = 'ConfigError';
        this.location = location;
    }
}
function isUserError(error) {
    return error instanceof InputError || error instanceof ConfigError;
}
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 5462:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  cI: () => (/* binding */ ExecError),
  m0: () => (/* binding */ exec)
});

// UNUSED EXPORTS: displayCommand, which

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __nccwpck_require__(4296);
// EXTERNAL MODULE: ./src/core/workflow-commands.ts
var workflow_commands = __nccwpck_require__(845);
;// CONCATENATED MODULE: ./src/core/exec.ts
/**
 * Runs programs with argument arrays (never a shell string), streaming their output into the
 * log (inside a `::group::` when titled) while capturing it, with exit code and duration.
 */





class ExecError extends Error {
    result;
    constructor(result) {
        const tail = (result.stderr || result.stdout).trim().split('\n').slice(-5).join('\n');
        const how = result.timedOut ? 'timed out' : result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
        super(`${result.command} ${how}${tail ? `:\n${tail}` : ''}`);
        this.name = 'ExecError';
        this.result = result;
    }
}
/** Captured output beyond this is dropped from the front; the log still shows all of it. */
const CAPTURE_LIMIT = 16 * 1024 * 1024;
/** Quotes an argument for display only; programs are never run through a shell. */
function displayArgument(argument) {
    return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}
function displayCommand(program, args) {
    return [program, ...args].map(displayArgument).join(' ');
}
/** The absolute path of `program` on PATH (or as given, when it contains a slash), if executable. */
function which(program, path = process.env.PATH ?? '') {
    const isExecutable = (candidate) => {
        try {
            (0,external_node_fs_.accessSync)(candidate, external_node_fs_.constants.X_OK);
            return true;
        }
        catch {
            return false;
        }
    };
    if (program.includes('/') || (0,external_node_path_.isAbsolute)(program))
        return isExecutable(program) ? program : undefined;
    for (const directory of path.split(external_node_path_.delimiter)) {
        if (directory && isExecutable((0,external_node_path_.join)(directory, program)))
            return (0,external_node_path_.join)(directory, program);
    }
    return undefined;
}
class CapturedStream {
    onLine;
    echo;
    chunks = [];
    size = 0;
    partial = '';
    constructor(onLine, echo) {
        this.onLine = onLine;
        this.echo = echo;
    }
    push(text) {
        this.echo?.(text);
        this.chunks.push(text);
        this.size += text.length;
        while (this.size > CAPTURE_LIMIT && this.chunks.length > 1)
            this.size -= this.chunks.shift().length;
        if (this.onLine) {
            const lines = (this.partial + text).split('\n');
            this.partial = lines.pop();
            for (const line of lines)
                this.onLine(line.replace(/\r$/, ''));
        }
    }
    finish() {
        if (this.onLine && this.partial)
            this.onLine(this.partial);
        this.partial = '';
        return this.chunks.join('');
    }
}
async function exec(program, args = [], options = {}) {
    const env = { ...process.env };
    for (const [name, value] of Object.entries(options.env ?? {})) {
        if (value === undefined)
            delete env[name];
        else
            env[name] = value;
    }
    const command = displayCommand(program, args);
    if (!which(program, env.PATH)) {
        throw new errors/* ConfigError */.xL(`'${program}' was not found on PATH; install it or put it on PATH before this step.`);
    }
    const echo = options.silent ? undefined : (text) => process.stdout.write(text);
    if (options.group)
        (0,workflow_commands/* issueCommand */.Lb)('group', options.group);
    if (!options.silent)
        (0,workflow_commands/* writeLine */._r)(`[command]${command}`);
    const started = performance.now();
    try {
        return await new Promise((resolve, reject) => {
            const outputFile = options.stdoutFile === undefined ? undefined : (0,external_node_fs_.openSync)(options.stdoutFile, 'w');
            let child;
            try {
                child = (0,external_node_child_process_namespaceObject.spawn)(program, args, { cwd: options.cwd, env, stdio: ['pipe', outputFile ?? 'pipe', 'pipe'] });
            }
            finally {
                // The child has its own copy of the descriptor.
                if (outputFile !== undefined)
                    (0,external_node_fs_.closeSync)(outputFile);
            }
            const stdout = new CapturedStream(options.onLine && ((line) => options.onLine?.(line, 'stdout')), echo);
            const stderr = new CapturedStream(options.onLine && ((line) => options.onLine?.(line, 'stderr')), echo);
            child.stdout?.setEncoding('utf8').on('data', (text) => stdout.push(text));
            child.stderr?.setEncoding('utf8').on('data', (text) => stderr.push(text));
            let timedOut = false;
            let timer;
            if (options.timeoutMs) {
                timer = setTimeout(() => {
                    timedOut = true;
                    child.kill('SIGTERM');
                    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
                }, options.timeoutMs);
            }
            child.on('error', (error) => {
                clearTimeout(timer);
                reject(error);
            });
            child.on('close', (code, signal) => {
                clearTimeout(timer);
                const result = {
                    command,
                    exitCode: code ?? (signal ? 128 : 1),
                    signal,
                    stdout: stdout.finish(),
                    stderr: stderr.finish(),
                    durationMs: performance.now() - started,
                    timedOut,
                };
                if ((result.exitCode !== 0 || timedOut) && !options.allowFailure)
                    reject(new ExecError(result));
                else
                    resolve(result);
            });
            child.stdin?.on('error', () => {
                // The program may exit without reading its input; that is its business.
            });
            child.stdin?.end(options.input);
        });
    }
    finally {
        if (options.group)
            (0,workflow_commands/* issueCommand */.Lb)('endgroup', '');
    }
}


/***/ }),

/***/ 845:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gu: () => (/* binding */ getState),
/* harmony export */   LO: () => (/* binding */ inputVariable),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   Lb: () => (/* binding */ issueCommand),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   _r: () => (/* binding */ writeLine),
/* harmony export */   dN: () => (/* binding */ exportVariable),
/* harmony export */   fM: () => (/* binding */ addPath),
/* harmony export */   jx: () => (/* binding */ annotationCommand),
/* harmony export */   uH: () => (/* binding */ setOutput)
/* harmony export */ });
/* unused harmony exports escapeData, escapeProperty, formatCommand, formatFileCommandValue */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/**
 * The runner's protocol, written directly: workflow commands on stdout and file commands appended
 * to GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV / GITHUB_PATH. @actions/core does the same, but it
 * also loads an HTTP client at import time, which costs every run of every action its start-up.
 */



function escapeData(value) {
    return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(value) {
    return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/** Formats `::command key=value,...::message`. */
function formatCommand(command, message, properties = {}) {
    const props = Object.entries(properties)
        .filter(([, value]) => value !== undefined && value !== '')
        .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
        .join(',');
    return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}
function annotationCommand(level, message, properties = {}) {
    return formatCommand(level, message, {
        title: properties.title,
        file: properties.file,
        line: properties.line,
        endLine: properties.endLine,
        col: properties.column,
        endColumn: properties.endColumn,
    });
}
function writeLine(line) {
    process.stdout.write(line + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
}
function issueCommand(command, message, properties) {
    writeLine(formatCommand(command, message, properties));
}
/** `name<<delimiter` form: safe for any value, multi-line included. */
function formatFileCommandValue(name, value) {
    const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    if (name.includes(delimiter) || value.includes(delimiter)) {
        throw new Error(`Unexpected input: name or value contains the delimiter ${delimiter}`);
    }
    return `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`;
}
/** Appends to the file named by GITHUB_<command>; returns false when the runner gave none. */
function appendFileCommand(command, text) {
    const file = process.env[`GITHUB_${command}`];
    if (!file)
        return false;
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, text, 'utf8');
    return true;
}
function setOutput(name, value) {
    if (!appendFileCommand('OUTPUT', formatFileCommandValue(name, value))) {
        issueCommand('set-output', value, { name });
    }
}
function saveState(name, value) {
    if (!appendFileCommand('STATE', formatFileCommandValue(name, value))) {
        issueCommand('save-state', value, { name });
    }
}
/** The environment variable the runner sets for an input, as `core.getInput` reads it. */
function inputVariable(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
function getState(name) {
    return process.env[`STATE_${name}`] ?? '';
}
function exportVariable(name, value) {
    process.env[name] = value;
    appendFileCommand('ENV', formatFileCommandValue(name, value));
}
function addPath(directory) {
    const separator = process.platform === 'win32' ? ';' : ':';
    process.env.PATH = `${directory}${separator}${process.env.PATH ?? ''}`;
    appendFileCommand('PATH', directory + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
}
function setSecret(secret) {
    // Each line is masked on its own, so register every line of a multi-line secret.
    for (const line of secret.split(/\r?\n/)) {
        if (line.trim())
            issueCommand('add-mask', line);
    }
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5523);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

//# sourceMappingURL=index.js.map