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



let scratch = Buffer.allocUnsafe(1 << 20);
function blobId(content, format) {
    return (0,external_node_crypto_namespaceObject.createHash)(format).update(`blob ${content.length}\0`).update(content).digest('hex');
}
/** The identity of `path` below `root`, or undefined when it is gone or not a file or symlink. */
function identify(root, path, format) {
    const absolute = (0,external_node_path_namespaceObject.join)(root, path);
    let descriptor;
    try {
        const link = (0,external_node_fs_namespaceObject.lstatSync)(absolute, { throwIfNoEntry: false });
        if (!link)
            return undefined;
        if (link.isSymbolicLink())
            return `120000 ${blobId(Buffer.from((0,external_node_fs_namespaceObject.readlinkSync)(absolute)), format)}`;
        if (!link.isFile())
            return undefined;
        // lstat already gave size and mode: one syscall fewer per file than open + fstat.
        const { size, mode } = link;
        descriptor = (0,external_node_fs_namespaceObject.openSync)(absolute, 'r');
        if (size > scratch.length)
            scratch = Buffer.allocUnsafe(size);
        let read = 0;
        while (read < size) {
            const count = (0,external_node_fs_namespaceObject.readSync)(descriptor, scratch, read, size - read, read);
            if (count === 0)
                break;
            read += count;
        }
        return `${mode & 0o100 ? '100755' : '100644'} ${blobId(scratch.subarray(0, read), format)}`;
    }
    catch {
        return undefined;
    }
    finally {
        if (descriptor !== undefined)
            (0,external_node_fs_namespaceObject.closeSync)(descriptor);
    }
}
function identifyAll(root, paths, format) {
    return paths.map((path) => identify(root, path, format));
}

;// CONCATENATED MODULE: ./src/actions/incremental-hash/hash.worker.ts
/**
 * The hashing worker: hashes each batch of paths it is sent and answers with their identities.
 * Bundled on its own (scripts/build.mjs bundles every `*.worker.ts` beside an action's entry) so a
 * worker starts without loading the action's whole bundle.
 */


const { root, format } = external_node_worker_threads_namespaceObject.workerData;
external_node_worker_threads_namespaceObject.parentPort?.on('message', (paths) => external_node_worker_threads_namespaceObject.parentPort?.postMessage(identifyAll(root, paths, format)));


//# sourceMappingURL=hash.worker.js.map
