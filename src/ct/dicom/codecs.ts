/**
 * Decoders for encapsulated DICOM pixel data, loaded only when such a file arrives (dynamic import):
 * libjpeg-turbo (JPEG baseline), CharLS (JPEG-LS), OpenJPEG (JPEG 2000) and OpenJPH (HTJ2K) as
 * WebAssembly from @cornerstonejs, and jpeg-lossless-decoder-js (JPEG Lossless, process 14). RLE
 * (PS3.5 Annex G) is decoded in ./rle.ts. Each returns the frame's stored values as an unsigned bit
 * pattern, 8 or 16 bits, little-endian order, one sample per pixel.
 */
import { SliceError } from '../slice';
import { decodeRle } from './rle';
import type { FrameGeometry, StoredValues } from './stored';
import type { PixelEncoding } from './syntax';

export type { FrameGeometry, StoredValues } from './stored';

/** The WebAssembly codecs, by the encoding they decode. */
export type Codec = 'jpeg-baseline' | 'jpeg-ls' | 'jpeg-2000' | 'htj2k';
const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** The codec's JS factory and, in the browser, the URL of its .wasm as the bundler emitted it. */
export const LOADERS: Record<Codec, { js: () => Promise<{ default: EmscriptenFactory }>; wasm: () => Promise<{ default: string }>; cls: string }> = {
  'jpeg-baseline': {
    js: () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'),
    wasm: () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url'),
    cls: 'JPEGDecoder',
  },
  'jpeg-ls': {
    js: () => import('@cornerstonejs/codec-charls/decodewasmjs'),
    wasm: () => import('@cornerstonejs/codec-charls/decodewasm?url'),
    cls: 'JpegLSDecoder',
  },
  'jpeg-2000': {
    js: () => import('@cornerstonejs/codec-openjpeg/decodewasmjs'),
    wasm: () => import('@cornerstonejs/codec-openjpeg/decodewasm?url'),
    cls: 'J2KDecoder',
  },
  htj2k: {
    js: () => import('@cornerstonejs/codec-openjph/wasmjs'),
    wasm: () => import('@cornerstonejs/codec-openjph/wasm?url'),
    cls: 'HTJ2KDecoder',
  },
};

const modules = new Map<Codec, Promise<Record<string, new () => EmscriptenImageDecoder>>>();

/** Instantiate a codec once per page or process. Node finds the .wasm beside the JS itself. */
export function codecModule(codec: Codec): Promise<Record<string, new () => EmscriptenImageDecoder>> {
  let m = modules.get(codec);
  if (!m) {
    const loader = LOADERS[codec];
    m = (async () => {
      const factory = (await loader.js()).default;
      const quiet = { print: () => {}, printErr: () => {} }; // OpenJPEG logs every header it reads
      if (isNode) return factory(quiet);
      const wasmUrl = (await loader.wasm()).default;
      return factory({ ...quiet, locateFile: (f) => (f.endsWith('.wasm') ? wasmUrl : f) });
    })();
    m.catch(() => modules.delete(codec)); // a failed load may be retried
    modules.set(codec, m);
  }
  return m;
}

function errorDetail(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'number') return `decoder error ${e}`; // emscripten throws a pointer for C++ exceptions
  return String(e);
}

/** Sample precision from a JPEG frame header (SOF0..SOF3: FFC0..FFC3, precision is the byte after the length), or null. */
export function jpegPrecision(bytes: Uint8Array): number | null {
  for (let i = 2; i + 4 < bytes.length; ) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] as number;
    if (marker >= 0xc0 && marker <= 0xc3) return bytes[i + 4] as number;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    i += 2 + (((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number));
  }
  return null;
}

async function emscriptenDecode(codec: Codec, name: string, bytes: Uint8Array, g: FrameGeometry, uid: string): Promise<StoredValues> {
  // libjpeg-turbo here is built for 8-bit samples; no maintained browser codec decodes 12-bit JPEG (PS3.5 A.4.1, process 4).
  if (codec === 'jpeg-baseline' && (jpegPrecision(bytes) ?? 8) > 8) throw new SliceError('unsupported-syntax', { uid, name: '12-bit JPEG Extended' });
  const mod = await codecModule(codec);
  const Ctor = mod[LOADERS[codec].cls];
  if (!Ctor) throw new SliceError('codec-failed', { name, detail: `${LOADERS[codec].cls} missing` });
  const decoder = new Ctor();
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    decoder.decode();
    const info = decoder.getFrameInfo();
    if (info.width !== g.columns || info.height !== g.rows || info.componentCount < 1) {
      // A decoder that read no valid header reports 0x0 and no components.
      throw new SliceError('codec-failed', { name, detail: `codestream is ${info.width}x${info.height}, the data set says ${g.columns}x${g.rows}` });
    }
    if (info.componentCount !== 1) throw new SliceError('not-greyscale', { format: name, samples: info.componentCount });
    const out = decoder.getDecodedBuffer(); // a view into the wasm heap: copy before delete()
    const n = g.rows * g.columns;
    if (info.bitsPerSample <= 8) return Uint8Array.from(out.subarray(0, n));
    const copy = out.slice(0, n * 2);
    return new Uint16Array(copy.buffer, 0, n);
  } catch (e) {
    if (e instanceof SliceError) throw e;
    throw new SliceError('codec-failed', { name, detail: errorDetail(e) });
  } finally {
    decoder.delete();
  }
}

async function losslessJpegDecode(name: string, bytes: Uint8Array, g: FrameGeometry): Promise<StoredValues> {
  const { Decoder } = await import('jpeg-lossless-decoder-js');
  try {
    const copy = bytes.slice();
    const out = new Decoder().decode(copy.buffer, 0, copy.length, g.bitsAllocated > 8 ? 2 : 1);
    const n = g.rows * g.columns;
    if (out.length < n) throw new Error(`decoded ${out.length} samples, ${n} expected`);
    return out instanceof Uint8Array ? out.subarray(0, n) : new Uint16Array(out.buffer, out.byteOffset, n);
  } catch (e) {
    throw new SliceError('codec-failed', { name, detail: errorDetail(e) });
  }
}

/**
 * Decode one encapsulated frame.
 * @param bytes the frame's compressed bytes (its fragments joined)
 * @throws SliceError 'codec-failed' when the decoder rejects the bytes, 'not-greyscale' for colour
 */
export async function decodeFrame(encoding: Exclude<PixelEncoding, 'native'>, name: string, uid: string, bytes: Uint8Array, g: FrameGeometry): Promise<StoredValues> {
  switch (encoding) {
    case 'rle':
      return decodeRle(bytes, g);
    case 'jpeg-lossless':
      return losslessJpegDecode(name, bytes, g);
    default:
      return emscriptenDecode(encoding, name, bytes, g, uid);
  }
}
