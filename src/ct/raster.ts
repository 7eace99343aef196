/**
 * 8-bit PNG and JPEG → approximate HU. Such images are already windowed: each grey level g (0..255) is
 * mapped back through the window that made it, HU = byteToHU(g, window) (default brain L40/W80).
 * Colour becomes grey by Rec. 601 luma (0.299 R + 0.587 G + 0.114 B, not rounded); alpha is ignored.
 * Pure-JS decoders (fast-png, jpeg-js with typed arrays) so the same code runs in Node and browsers.
 */
import { convertIndexedToRgb, decode as decodePngData } from 'fast-png';
import jpeg from 'jpeg-js';
import { checkSize, DEFAULT_MAX_PIXELS, SliceError, type CtSlice, type DecodeOptions } from './slice';
import { byteToHU, WINDOWS, type Window } from './window';

/** Window assumed for 8-bit images when the caller gives none. */
export const DEFAULT_WINDOW_8BIT: Window = WINDOWS.brain;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG signature at offset 0. */
export function isPng(b: Uint8Array): boolean {
  return b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v);
}

/** JPEG start-of-image marker FFD8 at offset 0. */
export function isJpeg(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}

/** Interleaved 8-bit pixels with `colours` colour channels (1 or 3) among `channels` → grey levels. */
function toGrey(data: ArrayLike<number>, n: number, channels: number, colours: number): Float32Array {
  const grey = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * channels;
    const r = data[o] ?? 0;
    if (colours === 1) {
      grey[i] = r;
      continue;
    }
    const g = data[o + 1] ?? 0;
    const b = data[o + 2] ?? 0;
    grey[i] = r === g && g === b ? r : 0.299 * r + 0.587 * g + 0.114 * b;
  }
  return grey;
}

function greyToSlice(grey: Float32Array, width: number, height: number, source: 'png' | 'jpeg', w: Window): CtSlice {
  const hu = new Float32Array(grey.length);
  for (let i = 0; i < grey.length; i++) hu[i] = byteToHU(grey[i] as number, w);
  return { hu, width, height, source, windowUsed: w };
}

function readU32(b: Uint8Array, o: number): number {
  return (((b[o] as number) << 24) | ((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number)) >>> 0;
}

/**
 * Decode an 8-bit PNG (grey, grey+alpha, RGB, RGBA or palette).
 * @throws SliceError 'bit-depth' (16-bit or < 8-bit grey), 'too-large', 'truncated', 'corrupt'
 */
export function decodePng(bytes: Uint8Array, opts: DecodeOptions = {}): CtSlice {
  // IHDR is always the first chunk: width, height, bit depth at fixed offsets, read before decoding.
  if (bytes.length < 33) throw new SliceError('truncated', `PNG file ends early (${bytes.length} bytes, no complete header)`);
  const width = readU32(bytes, 16);
  const height = readU32(bytes, 20);
  const depth = bytes[24] as number;
  const colourType = bytes[25] as number;
  checkSize(width, height, opts, 'PNG image');
  if (depth === 16) {
    throw new SliceError(
      'bit-depth',
      'PNG has 16 bits per sample; export an 8-bit windowed image (and say its window) or use the DICOM',
    );
  }
  if (depth !== 8 && colourType !== 3) {
    throw new SliceError('bit-depth', `PNG has ${depth} bits per sample; export an 8-bit windowed image`);
  }
  let png;
  try {
    png = decodePngData(bytes);
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    const hasEnd = String.fromCharCode(...bytes.subarray(bytes.length - 8, bytes.length - 4)) === 'IEND';
    if (!hasEnd) throw new SliceError('truncated', `PNG file ends early (${text})`);
    throw new SliceError('corrupt', `PNG file could not be decoded (${text})`);
  }
  const n = width * height;
  if (png.palette) {
    const channels = (png.palette[0] ?? [0, 0, 0]).length;
    return greyToSlice(toGrey(convertIndexedToRgb(png), n, channels, 3), width, height, 'png', opts.window8bit ?? DEFAULT_WINDOW_8BIT);
  }
  const colours = png.channels >= 3 ? 3 : 1;
  return greyToSlice(toGrey(png.data, n, png.channels, colours), width, height, 'png', opts.window8bit ?? DEFAULT_WINDOW_8BIT);
}

/**
 * Decode a baseline or progressive JPEG (grey or colour).
 * @throws SliceError 'too-large' (checked from the frame header before pixels are decoded), 'truncated', 'corrupt'
 */
export function decodeJpeg(bytes: Uint8Array, opts: DecodeOptions = {}): CtSlice {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  let img;
  try {
    img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: false,
      maxResolutionInMP: maxPixels / 1e6,
      maxMemoryUsageInMB: Math.max(512, (maxPixels * 8) / 2 ** 20),
    });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    // jpeg-js checks the frame size against maxResolutionInMP before it decodes any pixel.
    if (/maxResolutionInMP|maxMemoryUsageInMB/.test(text)) {
      throw new SliceError('too-large', `JPEG image is larger than the limit of ${maxPixels} pixels; downsize it first`);
    }
    if (/out of bound|end of|unexpected|marker was not found/i.test(text)) throw new SliceError('truncated', `JPEG file ends early (${text})`);
    throw new SliceError('corrupt', `JPEG file could not be decoded (${text})`);
  }
  checkSize(img.width, img.height, opts, 'JPEG image');
  const grey = toGrey(img.data, img.width * img.height, 3, 3);
  return greyToSlice(grey, img.width, img.height, 'jpeg', opts.window8bit ?? DEFAULT_WINDOW_8BIT);
}
