/**
 * One entry point for slice files: sniff the format from magic bytes (never the file name), decode, and
 * return HU. Used by the CLI (Node reads the file) and the site (the browser reads a File).
 */
import { decodeDicom, hasDicmPrefix, printablePrefix, sniffRawDicom } from './dicom/index';
import { decodeJpeg, decodePng, isJpeg, isPng } from './raster';
import { SliceError, sliceWarning, type CtSlice, type DecodeOptions } from './slice';
import { huWarnings } from './plausibility';

/** The formats `decodeSlice` recognises. */
export type SliceFormat = 'dicom' | 'png' | 'jpeg';

/** Format from magic bytes: DICOM "DICM" at 128 or a raw DICOM data set, PNG signature, JPEG FFD8FF. */
export function sniffFormat(bytes: Uint8Array): SliceFormat | null {
  if (isPng(bytes)) return 'png';
  if (isJpeg(bytes)) return 'jpeg';
  if (hasDicmPrefix(bytes) || sniffRawDicom(bytes) !== null) return 'dicom';
  return null;
}

/**
 * Decode a DICOM, PNG or JPEG slice to HU, with plausibility warnings (src/ct/plausibility.ts).
 * @param bytes the whole file
 * @param opts `window8bit` (8-bit images; default 'auto', estimated from the histogram), `huOffset16`
 *   (16-bit PNG; default −1024), `frame` (multi-frame DICOM; default the middle), `maxPixels` (4096²)
 * @returns a new CtSlice (owns its Float32Array); `warnings` lists what looked wrong
 * @throws SliceError with a `code` (SliceErrorCode in src/i18n/slice-messages.ts), `params` and a
 *   one-line English message; codecs for compressed DICOM load on first use
 */
export async function decodeSlice(bytes: Uint8Array, opts: DecodeOptions = {}): Promise<CtSlice> {
  const slice = await decodeFormat(bytes, opts);
  // Keep going on implausible numbers, but say so (a wrong rescale otherwise gives confident nonsense).
  const plausibility = huWarnings(slice.hu, slice.source, slice.windowUsed);
  const small = Math.min(slice.width, slice.height) < SMALL_SLICE_SIDE ? [sliceWarning('small-image', { width: slice.width, height: slice.height })] : [];
  return { ...slice, warnings: [...(slice.warnings ?? []), ...small, ...plausibility] };
}

/** Below this many pixels on a side a decoded picture is warned about ('small-image'): CT slices are about 512². */
export const SMALL_SLICE_SIDE = 64;

async function decodeFormat(bytes: Uint8Array, opts: DecodeOptions): Promise<CtSlice> {
  if (bytes.length === 0) throw new SliceError('empty');
  switch (sniffFormat(bytes)) {
    case 'png':
      return decodePng(bytes, opts);
    case 'jpeg':
      return decodeJpeg(bytes, opts);
    case 'dicom':
      return decodeDicom(bytes, opts);
    default:
      if (bytes.length < 132 && bytes.every((b) => b === 0)) throw new SliceError('zero-bytes', { bytes: bytes.length });
      throw new SliceError('unknown-format', { start: printablePrefix(bytes) });
  }
}
