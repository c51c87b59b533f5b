/**
 * Reads the PNG files a browser writes (8-bit RGB or RGBA, not interlaced) into RGBA pixels, so that
 * screenshot tests can assert facts about what was drawn: IHDR gives the size, the IDAT chunks
 * concatenated are one zlib stream, and each row is undone from its filter (PNG spec, section 9).
 */
import { inflateSync } from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** RGBA, row by row, 4 bytes a pixel. */
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

export function decodePng(file: Buffer): Image {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  let width = 0;
  let height = 0;
  let colourType = -1;
  const data: Buffer[] = [];
  for (let offset = 8; offset + 8 <= file.length; ) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const bitDepth = body[8];
      colourType = body[9] ?? -1;
      const interlace = body[12];
      if (bitDepth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0)
        throw new Error(`unsupported PNG: bit depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!width || !height) throw new Error('PNG without IHDR');
  const channels = colourType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(data));
  if (raw.length < height * (stride + 1)) throw new Error(`PNG data too short: ${raw.length} bytes for ${width}×${height}`);
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? (rows[out + x - channels] ?? 0) : 0;
      const up = y > 0 ? (rows[out - stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (rows[out - stride + x - channels] ?? 0) : 0;
      const value = line[x] ?? 0;
      let predictor: number;
      if (filter === 0) predictor = 0;
      else if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) predictor = paeth(left, up, upLeft);
      else throw new Error(`PNG row ${y} has unknown filter ${filter}`);
      rows[out + x] = (value + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, pixels: rows };
  const pixels = new Uint8Array(width * height * 4);
  for (let index = 0; index < width * height; index++) {
    pixels.set(rows.subarray(index * 3, index * 3 + 3), index * 4);
    pixels[index * 4 + 3] = 255;
  }
  return { width, height, pixels };
}

/** The pixel at (x, y) as `#rrggbb` (alpha ignored). */
export function colourAt(image: Image, x: number, y: number): string {
  const index = (y * image.width + x) * 4;
  return `#${[0, 1, 2].map((channel) => (image.pixels[index + channel] ?? 0).toString(16).padStart(2, '0')).join('')}`;
}

/** Every place `colour` (`#rrggbb`) is drawn, as the set of columns and rows holding it and its pixel count. */
export function whereColour(image: Image, colour: string): { count: number; columns: Set<number>; rows: Set<number> } {
  const [r, g, b] = [1, 3, 5].map((start) => Number.parseInt(colour.slice(start, start + 2), 16));
  const columns = new Set<number>();
  const rows = new Set<number>();
  let count = 0;
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++) {
      const index = (y * image.width + x) * 4;
      if (image.pixels[index] === r && image.pixels[index + 1] === g && image.pixels[index + 2] === b) {
        count++;
        columns.add(x);
        rows.add(y);
      }
    }
  return { count, columns, rows };
}

export interface Band {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Where `colour` is drawn, as horizontal bands: runs of consecutive rows that hold it, each with the
 * leftmost and rightmost column it reaches there. Bars on separate rows of a chart come out one band each.
 */
export function colourBands(image: Image, colour: string): Band[] {
  const [r, g, b] = [1, 3, 5].map((start) => Number.parseInt(colour.slice(start, start + 2), 16));
  const bands: Band[] = [];
  let current: Band | undefined;
  for (let y = 0; y < image.height; y++) {
    let left = -1;
    let right = -1;
    for (let x = 0; x < image.width; x++) {
      const index = (y * image.width + x) * 4;
      if (image.pixels[index] === r && image.pixels[index + 1] === g && image.pixels[index + 2] === b) {
        if (left < 0) left = x;
        right = x;
      }
    }
    if (left < 0) current = undefined;
    else if (current) {
      current.bottom = y;
      current.left = Math.min(current.left, left);
      current.right = Math.max(current.right, right);
    } else {
      current = { top: y, bottom: y, left, right };
      bands.push(current);
    }
  }
  return bands;
}
