/**
 * A byte-reproducible tar.gz: entries sorted by name, one fixed mtime, uid/gid 0 with no user or
 * group names, modes normalised to 0644/0755 (0755 for folders), and gzip without a timestamp.
 * Two runs over the same input give the same bytes.
 */
import { gzipSync } from 'node:zlib';

export interface TarEntry {
  name: string;
  /** undefined for a folder. */
  content?: Buffer;
  executable?: boolean;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mode: number, mtime: number, type: '0' | '5'): Buffer {
  const block = Buffer.alloc(512, 0);
  let path = name;
  let prefix = '';
  if (Buffer.byteLength(path) > 100) {
    const split = path.lastIndexOf('/', 155);
    if (split <= 0 || Buffer.byteLength(path.slice(split + 1)) > 100) throw new Error(`path too long for a tar archive: ${name}`);
    prefix = path.slice(0, split);
    path = path.slice(split + 1);
  }
  block.write(path, 0, 100, 'utf8');
  block.write(octal(mode, 8), 100, 8, 'ascii');
  block.write(octal(0, 8), 108, 8, 'ascii');
  block.write(octal(0, 8), 116, 8, 'ascii');
  block.write(octal(size, 12), 124, 12, 'ascii');
  block.write(octal(mtime, 12), 136, 12, 'ascii');
  block.fill(' ', 148, 156);
  block.write(type, 156, 1, 'ascii');
  block.write('ustar\0', 257, 6, 'ascii');
  block.write('00', 263, 2, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  let checksum = 0;
  for (const byte of block) checksum += byte;
  block.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return block;
}

export function reproducibleTarGz(entries: readonly TarEntry[], mtime: number): Buffer {
  const parts: Buffer[] = [];
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.content === undefined) {
      parts.push(header(entry.name.endsWith('/') ? entry.name : `${entry.name}/`, 0, 0o755, mtime, '5'));
      continue;
    }
    parts.push(header(entry.name, entry.content.length, entry.executable ? 0o755 : 0o644, mtime, '0'));
    parts.push(entry.content);
    const padding = (512 - (entry.content.length % 512)) % 512;
    if (padding) parts.push(Buffer.alloc(padding, 0));
  }
  parts.push(Buffer.alloc(1024, 0));
  // Node writes a gzip header with MTIME 0; level fixed so the bytes do not depend on defaults.
  return gzipSync(Buffer.concat(parts), { level: 9 });
}
