import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
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
const OPEN_FLAGS = external_node_fs_namespaceObject.constants.O_RDONLY | (external_node_fs_namespaceObject.constants.O_NOFOLLOW ?? 0) | (external_node_fs_namespaceObject.constants.O_NONBLOCK ?? 0);
/**
 * Linux's O_NOATIME too, as git does for its objects: in a fresh checkout every file's first read
 * would otherwise write its access time (measured: a tenth more time to hash such a tree). Only a
 * file's owner may ask for it; after the first refusal (EPERM) files are opened without it.
 */
let openFlags = OPEN_FLAGS | (external_node_fs_namespaceObject.constants.O_NOATIME ?? 0);
function openFile(location) {
    try {
        return (0,external_node_fs_namespaceObject.openSync)(location, openFlags);
    }
    catch (error) {
        if (error.code !== 'EPERM' || openFlags === OPEN_FLAGS)
            throw error;
        openFlags = OPEN_FLAGS;
        return (0,external_node_fs_namespaceObject.openSync)(location, openFlags);
    }
}
/** Files up to this size are read whole into one buffer per thread; larger ones are hashed in pieces of this size. */
const SCRATCH_SIZE = 1 << 20;
const scratch = Buffer.allocUnsafe(SCRATCH_SIZE);
function blobId(content, format) {
    return (0,external_node_crypto_namespaceObject.createHash)(format).update(`blob ${content.length}\0`).update(content).digest('hex');
}
/** The blob id of the first `size` bytes of an open file larger than the scratch buffer, read piece by piece so memory stays bounded; undefined if it shrank meanwhile. */
function largeBlobId(descriptor, size, format) {
    const digest = (0,external_node_crypto_namespaceObject.createHash)(format).update(`blob ${size}\0`);
    let read = 0;
    for (let count = 1; read < size && count > 0; read += count) {
        count = (0,external_node_fs_namespaceObject.readSync)(descriptor, scratch, 0, Math.min(SCRATCH_SIZE, size - read), read);
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
    const fromHere = relative(process.cwd(), root);
    if (fromHere === '')
        return '';
    return fromHere.startsWith('..') || isAbsolute(fromHere) ? `${root}/` : `${fromHere}/`;
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
            return `120000 ${blobId(Buffer.from((0,external_node_fs_namespaceObject.readlinkSync)(location)), format)}`;
        }
        catch {
            return undefined;
        }
    }
    try {
        const { size, mode } = (0,external_node_fs_namespaceObject.fstatSync)(descriptor);
        if ((mode & external_node_fs_namespaceObject.constants.S_IFMT) !== external_node_fs_namespaceObject.constants.S_IFREG)
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
            const count = (0,external_node_fs_namespaceObject.readSync)(descriptor, scratch, header.length + read, size - read, read);
            if (count === 0)
                break;
            read += count;
        }
        // A file that shrank while being read: hash what was read, with its own header.
        if (read < size)
            return `${kind} ${blobId(scratch.subarray(header.length, header.length + read), format)}`;
        return `${kind} ${(0,external_node_crypto_namespaceObject.hash)(format, scratch.subarray(0, header.length + size))}`;
    }
    catch {
        return undefined;
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(descriptor);
    }
}
function identifyAll(base, paths, format) {
    return paths.map((path) => identify(base, path, format));
}

;// CONCATENATED MODULE: ./src/actions/incremental-hash/hash.worker.ts
/**
 * The hashing worker: hashes each batch of paths it is sent and answers with their identities, on the
 * port it was given (the main thread takes answers from it without waiting, between batches of its
 * own). Bundled on its own (scripts/build.mjs bundles every `*.worker.ts` beside an action's entry) so
 * a worker starts without loading the action's whole bundle.
 */


const { base, format, port } = external_node_worker_threads_namespaceObject.workerData;
port.on('message', (paths) => port.postMessage(identifyAll(base, paths, format)));


//# sourceMappingURL=hash.worker.js.map
