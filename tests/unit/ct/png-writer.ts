/**
 * Test helper: a small PNG writer for every colour type, bit depth (1, 2, 4, 8, 16) and both interlace
 * methods (PNG spec, 3rd ed., §7-8: scanlines of packed samples, MSB first, filter byte 0; Adam7 passes
 * in order, empty passes omitted). fast-png's encoder writes only 8/16-bit non-interlaced images, so
 * the low-depth and Adam7 cases need this. Checked against pngjs (a decoder tested on PngSuite) in
 * png-formats.test.ts.
 */
import { deflateSync } from 'node:zlib';

export interface PngSpec {
  readonly width: number;
  readonly height: number;
  /** Interleaved samples, `channels` per pixel, each 0..2^depth-1 (palette images: indices). */
  readonly samples: ArrayLike<number>;
  readonly depth: 1 | 2 | 4 | 8 | 16;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  readonly colourType: 0 | 2 | 3 | 4 | 6;
  readonly interlace?: boolean;
  /** PLTE entries (RGB) for colour type 3. */
  readonly palette?: readonly (readonly [number, number, number])[];
  /** Raw tRNS chunk data. */
  readonly trns?: Uint8Array;
  /** Extra chunks written after IHDR (before PLTE/IDAT): [type, data]. */
  readonly extra?: readonly (readonly [string, Uint8Array])[];
  /** Extra chunks written after IDAT (before IEND). */
  readonly after?: readonly (readonly [string, Uint8Array])[];
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Pack one row of samples at `depth` bits, MSB first (§7.2), 16-bit big-endian. */
function packRow(values: number[], depth: number): number[] {
  const out: number[] = [];
  if (depth === 16) {
    for (const v of values) out.push(v >> 8, v & 0xff);
    return out;
  }
  if (depth === 8) return values.slice();
  let acc = 0;
  let bits = 0;
  for (const v of values) {
    acc = (acc << depth) | v;
    bits += depth;
    if (bits === 8) {
      out.push(acc);
      acc = 0;
      bits = 0;
    }
  }
  if (bits > 0) out.push(acc << (8 - bits));
  return out;
}

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

export function writePng(s: PngSpec): Uint8Array {
  const ch = CHANNELS[s.colourType] as number;
  const raw: number[] = [];
  const passes = s.interlace ? ADAM7 : ([[0, 0, 1, 1]] as const);
  for (const [x0, y0, dx, dy] of passes) {
    for (let y = y0; y < s.height; y += dy) {
      const row: number[] = [];
      for (let x = x0; x < s.width; x += dx) {
        for (let c = 0; c < ch; c++) row.push(s.samples[(y * s.width + x) * ch + c] as number);
      }
      if (row.length === 0) continue; // an empty pass has no scanlines
      raw.push(0, ...packRow(row, s.depth));
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, s.width);
  v.setUint32(4, s.height);
  ihdr.set([s.depth, s.colourType, 0, 0, s.interlace ? 1 : 0], 8);
  const parts: Uint8Array[] = [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  for (const [type, data] of s.extra ?? []) parts.push(chunk(type, data));
  if (s.palette) parts.push(chunk('PLTE', Uint8Array.from(s.palette.flat())));
  if (s.trns) parts.push(chunk('tRNS', s.trns));
  parts.push(chunk('IDAT', new Uint8Array(deflateSync(Uint8Array.from(raw)))));
  for (const [type, data] of s.after ?? []) parts.push(chunk(type, data));
  parts.push(chunk('IEND', new Uint8Array(0)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
