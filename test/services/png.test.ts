import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { colourAt, colourBands, decodePng, whereColour } from './png.js';

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  // The decoder does not check CRCs; four zero bytes keep the layout right.
  return Buffer.concat([length, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]);
}

/** A PNG whose rows use filters 0–4 in turn, built from plain RGB(A) bytes. */
function encode(width: number, height: number, channels: 3 | 4, bytes: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = channels === 4 ? 6 : 2;
  const stride = width * channels;
  const filtered: number[] = [];
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    filtered.push(filter);
    for (let x = 0; x < stride; x++) {
      const at = (row: number, column: number) => (row >= 0 && column >= 0 ? (bytes[row * stride + column] ?? 0) : 0);
      const left = at(y, x - channels);
      const up = at(y - 1, x);
      const upLeft = at(y - 1, x - channels);
      const estimate = left + up - upLeft;
      const paeth =
        Math.abs(estimate - left) <= Math.abs(estimate - up) && Math.abs(estimate - left) <= Math.abs(estimate - upLeft)
          ? left
          : Math.abs(estimate - up) <= Math.abs(estimate - upLeft)
            ? up
            : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter] ?? 0;
      filtered.push((at(y, x) - predictor) & 0xff);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(filtered))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('decodePng', () => {
  const width = 7;
  const height = 10;
  // Deterministic but irregular bytes, so that every filter has work to undo.
  const rgb = Uint8Array.from({ length: width * height * 3 }, (_, index) => (index * 37 + (index >> 3) * 11) & 0xff);

  it('undoes all five row filters of an RGB image', () => {
    const image = decodePng(encode(width, height, 3, rgb));
    expect([image.width, image.height]).toEqual([width, height]);
    for (let index = 0; index < width * height; index++) {
      expect(Array.from(image.pixels.subarray(index * 4, index * 4 + 4))).toEqual([...rgb.subarray(index * 3, index * 3 + 3), 255]);
    }
  });

  it('keeps the alpha channel of an RGBA image', () => {
    const rgba = Uint8Array.from({ length: width * height * 4 }, (_, index) => (index * 53 + 7) & 0xff);
    expect(Array.from(decodePng(encode(width, height, 4, rgba)).pixels)).toEqual(Array.from(rgba));
  });

  it('finds where a colour is drawn', () => {
    const bytes = new Uint8Array(4 * 3 * 3).fill(255);
    bytes.set([0xcf, 0x22, 0x2e], (1 * 4 + 2) * 3);
    const image = decodePng(encode(4, 3, 3, bytes));
    expect(colourAt(image, 2, 1)).toBe('#cf222e');
    const found = whereColour(image, '#cf222e');
    expect([found.count, [...found.columns], [...found.rows]]).toEqual([1, [2], [1]]);
  });

  it('refuses what is not a PNG', () => {
    expect(() => decodePng(Buffer.from('GIF89a'))).toThrow('not a PNG');
  });
});

describe('colourBands', () => {
  it('gives one band per run of rows holding the colour, with its horizontal extent', () => {
    const width = 10;
    const bytes = new Uint8Array(width * 8 * 3).fill(255);
    const paint = (x: number, y: number) => bytes.set([0x2d, 0xa4, 0x4e], (y * width + x) * 3);
    for (const y of [1, 2]) for (const x of [2, 3, 4]) paint(x, y);
    for (const x of [6, 7, 8]) paint(x, 5);
    paint(1, 6);
    const bands = colourBands(decodePng(encode(width, 8, 3, bytes)), '#2da44e');
    expect(bands).toEqual([
      { top: 1, bottom: 2, left: 2, right: 4 },
      { top: 5, bottom: 6, left: 1, right: 8 },
    ]);
  });
});
