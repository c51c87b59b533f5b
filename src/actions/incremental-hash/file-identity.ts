/**
 * A file's identity is what git records for it: `<mode> <blob id>` — mode 100644, 100755
 * (executable) or 120000 (symlink, whose blob is the target path), and the blob id the hash of
 * `blob <size>\0<content>`. Computing it ourselves for files git has not seen keeps hashes equal
 * whether a file's identity came from git's index or from reading it.
 */
import { createHash, hash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readlinkSync, readSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';

export type ObjectFormat = 'sha1' | 'sha256';

/**
 * Opening with O_NOFOLLOW fails on a symlink (ELOOP), which is then read as a link; O_NONBLOCK keeps
 * a FIFO from blocking the open. One path lookup per file (open, then fstat on the descriptor)
 * instead of two (lstat, then open).
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Linux's O_NOATIME too, as git does for its objects: in a fresh checkout every file's first read
 * would otherwise write its access time (measured: a tenth more time to hash such a tree). Only a
 * file's owner may ask for it; after the first refusal (EPERM) files are opened without it.
 */
let openFlags = OPEN_FLAGS | (constants.O_NOATIME ?? 0);

function openFile(location: string): number {
  try {
    return openSync(location, openFlags);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM' || openFlags === OPEN_FLAGS) throw error;
    openFlags = OPEN_FLAGS;
    return openSync(location, openFlags);
  }
}

/** Files up to this size are read whole into one buffer per thread; larger ones are hashed in pieces of this size. */
const SCRATCH_SIZE = 1 << 20;
const scratch = Buffer.allocUnsafe(SCRATCH_SIZE);

function blobId(content: Buffer, format: ObjectFormat): string {
  return createHash(format).update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** The blob id of the first `size` bytes of an open file larger than the scratch buffer, read piece by piece so memory stays bounded; undefined if it shrank meanwhile. */
function largeBlobId(descriptor: number, size: number, format: ObjectFormat): string | undefined {
  const digest = createHash(format).update(`blob ${size}\0`);
  let read = 0;
  for (let count = 1; read < size && count > 0; read += count) {
    count = readSync(descriptor, scratch, 0, Math.min(SCRATCH_SIZE, size - read), read);
    digest.update(scratch.subarray(0, count));
  }
  return read === size ? digest.digest('hex') : undefined;
}

/**
 * How to name files below `root` for the system calls: relative to the current directory when `root`
 * is inside it (the usual case: the workspace), since the kernel then resolves fewer path components
 * per call — a fifth of the time of reading small files.
 */
export function pathBase(root: string): string {
  const fromHere = relative(process.cwd(), root);
  if (fromHere === '') return '';
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? `${root}/` : `${fromHere}/`;
}

/** The identity of `base + path`, or undefined when it is gone or not a file or symlink. `base` comes from pathBase. */
export function identify(base: string, path: string, format: ObjectFormat): string | undefined {
  const location = base + path;
  let descriptor: number;
  try {
    descriptor = openFile(location);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOOP') return undefined;
    try {
      return `120000 ${blobId(Buffer.from(readlinkSync(location)), format)}`;
    } catch {
      return undefined;
    }
  }
  try {
    const { size, mode } = fstatSync(descriptor);
    if ((mode & constants.S_IFMT) !== constants.S_IFREG) return undefined;
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
      const count = readSync(descriptor, scratch, header.length + read, size - read, read);
      if (count === 0) break;
      read += count;
    }
    // A file that shrank while being read: hash what was read, with its own header.
    if (read < size) return `${kind} ${blobId(scratch.subarray(header.length, header.length + read), format)}`;
    return `${kind} ${hash(format, scratch.subarray(0, header.length + size))}`;
  } catch {
    return undefined;
  } finally {
    closeSync(descriptor);
  }
}

export function identifyAll(base: string, paths: readonly string[], format: ObjectFormat): (string | undefined)[] {
  return paths.map((path) => identify(base, path, format));
}
