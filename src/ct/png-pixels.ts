/**
 * Every valid PNG (PNG 3rd edition: colour types 0, 2, 3, 4, 6 at each allowed bit depth 1, 2, 4, 8, 16,
 * non-interlaced or Adam7) → unpacked samples, through fast-png (pure JS, same code in Node and browsers).
 *
 * fast-png 8.0.0 unfilters an Adam7 image with a whole byte per sample, which is wrong below 8 bits
 * (it throws "Unsupported filter"); its non-interlaced path is right at every depth. So an interlaced
 * image below 8 bits is split into its seven passes, each rewrapped as a small non-interlaced PNG of the
 * same depth and decoded by fast-png, and the passes are put back in place (PNG §8.2). Only the pass
 * geometry is ours; inflating (fflate, fast-png's own inflater) and unfiltering stay the libraries'.
 */
import { decode as decodeFastPng, type DecodedPng } from 'fast-png';
import { unzlibSync, zlibSync } from 'fflate';

/** IHDR fields, read before any pixel is decoded. */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly depth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  readonly colourType: number;
  /** 0 none, 1 Adam7. */
  readonly interlace: number;
}

/** Decoded samples of a PNG. */
export interface PngSamples {
  readonly width: number;
  readonly height: number;
  readonly depth: 1 | 2 | 4 | 8 | 16;
  readonly colourType: 0 | 2 | 3 | 4 | 6;
  /** Samples per pixel: 1, 2, 3 or 4 (palette images: 1, the index). */
  readonly channels: number;
  /** Row-major, `channels` samples per pixel, each 0..2^depth − 1 (unpacked below 8 bits). */
  readonly samples: Uint8Array | Uint16Array;
  /** PLTE entries, [r, g, b] or [r, g, b, alpha] once a tRNS chunk applies, 8-bit. */
  readonly palette?: readonly (readonly number[])[];
  /** tRNS of a grey (1 value) or RGB (3 values) image: the sample values that are fully transparent. */
  readonly transparency?: Uint16Array;
}

/** Bit depths each colour type allows (PNG 3rd edition, Table 11.1). */
export const PNG_DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** IHDR from its fixed place (the first chunk, PNG §5.6); the caller checks the length (≥ 33 bytes). */
export function readPngHeader(b: Uint8Array): PngHeader {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20), depth: b[24] as number, colourType: b[25] as number, interlace: b[28] as number };
}

/** Unpack rows of sub-byte samples (MSB first, each row padded to a byte, PNG §7.2). */
function unpackRows(packed: ArrayLike<number>, perRow: number, rows: number, depth: number): Uint8Array {
  const out = new Uint8Array(perRow * rows);
  const rowBytes = Math.ceil((perRow * depth) / 8);
  const mask = (1 << depth) - 1;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < perRow; x++) {
      const bit = x * depth;
      const byte = packed[y * rowBytes + (bit >> 3)] as number;
      out[y * perRow + x] = (byte >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}

interface Chunk {
  readonly type: string;
  /** The whole chunk: length, type, data and CRC. */
  readonly raw: Uint8Array;
  readonly data: Uint8Array;
}

function chunks(b: Uint8Array): Chunk[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: Chunk[] = [];
  let o = 8;
  while (o + 12 <= b.length) {
    const length = v.getUint32(o);
    const type = String.fromCharCode(...b.subarray(o + 4, o + 8));
    if (o + 12 + length > b.length) throw new Error(`chunk ${type} runs past the end of the file`);
    out.push({ type, raw: b.subarray(o, o + 12 + length), data: b.subarray(o + 8, o + 8 + length) });
    if (type === 'IEND') break;
    o += 12 + length;
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  // CRC left 0: fast-png is asked not to check it (checkCrc: false) for these in-memory pieces.
  const out = new Uint8Array(12 + data.length);
  new DataView(out.buffer).setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  return out;
}

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Adam7 below 8 bits (grey or palette, one sample a pixel): pass by pass through fast-png. */
function decodeAdam7LowDepth(b: Uint8Array, h: PngHeader): { samples: Uint8Array; png: DecodedPng } {
  const all = chunks(b);
  const idat = all.filter((c) => c.type === 'IDAT');
  if (idat.length === 0) throw new Error('no IDAT chunk');
  const joined = new Uint8Array(idat.reduce((n, c) => n + c.data.length, 0));
  let at = 0;
  for (const c of idat) {
    joined.set(c.data, at);
    at += c.data.length;
  }
  const raw = unzlibSync(joined);
  // PLTE and tRNS travel with each pass so fast-png reads them as for the whole image.
  const keep = all.filter((c) => c.type === 'PLTE' || c.type === 'tRNS').map((c) => c.raw);
  const samples = new Uint8Array(h.width * h.height);
  let png: DecodedPng | null = null;
  let offset = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    const pw = Math.ceil((h.width - x0) / dx);
    const ph = Math.ceil((h.height - y0) / dy);
    if (pw <= 0 || ph <= 0) continue; // an empty pass has no scanlines (PNG §8.2)
    const size = ph * (1 + Math.ceil((pw * h.depth) / 8));
    if (offset + size > raw.length) throw new Error('image data ends early');
    const ihdr = new Uint8Array(13);
    const v = new DataView(ihdr.buffer);
    v.setUint32(0, pw);
    v.setUint32(4, ph);
    ihdr.set([h.depth, h.colourType, 0, 0, 0], 8);
    const parts = [SIGNATURE, chunk('IHDR', ihdr), ...keep, chunk('IDAT', zlibSync(raw.subarray(offset, offset + size), { level: 0 })), chunk('IEND', new Uint8Array(0))];
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      bytes.set(p, o);
      o += p.length;
    }
    offset += size;
    const pass = decodeFastPng(bytes, { checkCrc: false });
    png = pass;
    const values = unpackRows(pass.data, pw, ph, h.depth);
    for (let j = 0; j < ph; j++) {
      for (let i = 0; i < pw; i++) samples[(y0 + j * dy) * h.width + x0 + i * dx] = values[j * pw + i] as number;
    }
  }
  return { samples, png: png as DecodedPng };
}

/**
 * Decode a PNG's pixels to unpacked samples.
 * @param b the whole file; its header must already be validated (signature, size, depth for colour type)
 * @throws Error from fast-png / fflate, or for data that ends early (the caller maps it to a SliceError)
 */
export function decodePngSamples(b: Uint8Array, h: PngHeader): PngSamples {
  const channels = CHANNELS[h.colourType] as number;
  const base = { width: h.width, height: h.height, depth: h.depth as PngSamples['depth'], colourType: h.colourType as PngSamples['colourType'], channels };
  if (h.interlace === 1 && h.depth < 8) {
    const { samples, png } = decodeAdam7LowDepth(b, h);
    return { ...base, samples, ...(png.palette ? { palette: png.palette } : {}), ...(png.transparency ? { transparency: png.transparency } : {}) };
  }
  const png = decodeFastPng(b);
  const expected = h.depth < 8 ? Math.ceil((h.width * h.depth) / 8) * h.height : h.width * h.height * channels;
  if (png.data.length < expected) throw new Error('image data ends early');
  const samples = h.depth < 8 ? unpackRows(png.data, h.width, h.height, h.depth) : (png.data as Uint8Array | Uint16Array);
  return { ...base, samples, ...(png.palette ? { palette: png.palette } : {}), ...(png.transparency ? { transparency: png.transparency } : {}) };
}
