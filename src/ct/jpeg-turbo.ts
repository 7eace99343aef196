/**
 * JPEG files that jpeg-js cannot read (it decodes Huffman-coded baseline, extended and progressive
 * frames only): their coding process is named from the frame marker, and arithmetic-coded ones (SOF9,
 * SOF10) are decoded by libjpeg-turbo, the maintained decoder the DICOM codecs already load (8-bit
 * samples). Lossless and hierarchical processes are refused by name ('unsupported-jpeg').
 */
import { codecModule, LOADERS } from './dicom/codecs';
import { SliceError } from './slice';

/** The coding process of each SOF marker (ITU T.81 Table B.1). */
export const SOF_NAMES: Readonly<Record<number, string>> = {
  0xc0: 'baseline (SOF0)',
  0xc1: 'extended sequential (SOF1)',
  0xc2: 'progressive (SOF2)',
  0xc3: 'lossless (SOF3)',
  0xc5: 'differential sequential (SOF5)',
  0xc6: 'differential progressive (SOF6)',
  0xc7: 'differential lossless (SOF7)',
  0xc9: 'arithmetic-coded sequential (SOF9)',
  0xca: 'arithmetic-coded progressive (SOF10)',
  0xcb: 'arithmetic-coded lossless (SOF11)',
  0xcd: 'arithmetic-coded differential sequential (SOF13)',
  0xce: 'arithmetic-coded differential progressive (SOF14)',
  0xcf: 'arithmetic-coded differential lossless (SOF15)',
};

/** Frame markers jpeg-js decodes. */
export const JPEG_JS_MARKERS: ReadonlySet<number> = new Set([0xc0, 0xc1, 0xc2]);
/** Frame markers handed to libjpeg-turbo (arithmetic-coded, 8-bit, not hierarchical or lossless). */
const TURBO_MARKERS: ReadonlySet<number> = new Set([0xc9, 0xca]);

/** A whole JPEG decoded to 8-bit samples, `components` per pixel, interleaved. */
export interface TurboImage {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  readonly data: Uint8Array;
}

/**
 * Decode a JPEG whose frame marker jpeg-js does not handle.
 * @throws SliceError 'unsupported-jpeg' naming the coding process when libjpeg-turbo cannot decode it
 */
export async function decodeOtherJpeg(bytes: Uint8Array, marker: number, precision: number): Promise<TurboImage> {
  const name = SOF_NAMES[marker] ?? `marker ${marker.toString(16).toUpperCase()}`;
  if (!TURBO_MARKERS.has(marker)) throw new SliceError('unsupported-jpeg', { name });
  if (precision > 8) throw new SliceError('unsupported-jpeg', { name: `${precision}-bit ${name}` });
  const mod = await codecModule('jpeg-baseline');
  const Ctor = mod[LOADERS['jpeg-baseline'].cls];
  if (!Ctor) throw new SliceError('unsupported-jpeg', { name, detail: 'libjpeg-turbo did not load' });
  const decoder = new Ctor();
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    decoder.decode();
    const info = decoder.getFrameInfo();
    if (!(info.width > 0 && info.height > 0 && info.componentCount > 0)) throw new Error('no frame decoded');
    const n = info.width * info.height * info.componentCount;
    return { width: info.width, height: info.height, components: info.componentCount, data: Uint8Array.from(decoder.getDecodedBuffer().subarray(0, n)) };
  } catch (e) {
    if (e instanceof SliceError) throw e;
    const detail = e instanceof Error ? e.message : typeof e === 'number' ? `decoder error ${e}` : String(e);
    throw new SliceError('corrupt', { format: 'JPEG', detail: `${name}: ${detail}` });
  } finally {
    decoder.delete();
  }
}
