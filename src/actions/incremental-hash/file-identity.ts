/**
 * A file's identity is what git records for it: `<mode> <blob id>` — mode 100644, 100755
 * (executable) or 120000 (symlink, whose blob is the target path), and the blob id the hash of
 * `blob <size>\0<content>`. Computing it ourselves for files git has not seen keeps hashes equal
 * whether a file's identity came from git's index or from reading it.
 */
import { createHash } from 'node:crypto';
import { closeSync, lstatSync, openSync, readlinkSync, readSync } from 'node:fs';
import { join } from 'node:path';

export type ObjectFormat = 'sha1' | 'sha256';

let scratch = Buffer.allocUnsafe(1 << 20);

function blobId(content: Buffer, format: ObjectFormat): string {
  return createHash(format).update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** The identity of `path` below `root`, or undefined when it is gone or not a file or symlink. */
export function identify(root: string, path: string, format: ObjectFormat): string | undefined {
  const absolute = join(root, path);
  let descriptor: number | undefined;
  try {
    const link = lstatSync(absolute, { throwIfNoEntry: false });
    if (!link) return undefined;
    if (link.isSymbolicLink()) return `120000 ${blobId(Buffer.from(readlinkSync(absolute)), format)}`;
    if (!link.isFile()) return undefined;
    // lstat already gave size and mode: one syscall fewer per file than open + fstat.
    const { size, mode } = link;
    descriptor = openSync(absolute, 'r');
    if (size > scratch.length) scratch = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const count = readSync(descriptor, scratch, read, size - read, read);
      if (count === 0) break;
      read += count;
    }
    return `${mode & 0o100 ? '100755' : '100644'} ${blobId(scratch.subarray(0, read), format)}`;
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

export function identifyAll(root: string, paths: readonly string[], format: ObjectFormat): (string | undefined)[] {
  return paths.map((path) => identify(root, path, format));
}
