/**
 * One entry point for slice files: sniff the format from magic bytes (never the file name), decode, and
 * return HU. Used by the CLI (Node reads the file) and the site (the browser reads a File).
 */
import { decodeDicom, hasDicmPrefix, sniffRawDicom } from './dicom';
import { decodeJpeg, decodePng, isJpeg, isPng } from './raster';
import { SliceError, type CtSlice, type DecodeOptions } from './slice';

/** The formats `decodeSlice` recognises. */
export type SliceFormat = 'dicom' | 'png' | 'jpeg';

/** Format from magic bytes: DICOM "DICM" at 128 or a raw DICOM data set, PNG signature, JPEG FFD8FF. */
export function sniffFormat(bytes: Uint8Array): SliceFormat | null {
  if (isPng(bytes)) return 'png';
  if (isJpeg(bytes)) return 'jpeg';
  if (hasDicmPrefix(bytes) || sniffRawDicom(bytes) !== null) return 'dicom';
  return null;
}

/** The first bytes as printable text, for "what is this file" messages. */
function preview(bytes: Uint8Array): string {
  const head = Array.from(bytes.subarray(0, 12), (c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.'));
  return head.join('');
}

/**
 * Decode a DICOM, PNG or JPEG slice to HU.
 * @param bytes the whole file
 * @param opts `window8bit`: window of an 8-bit image (default brain L40/W80); `maxPixels` (default 4096²)
 * @returns a new CtSlice (owns its Float32Array)
 * @throws SliceError with `code` 'empty' | 'unknown-format' | 'truncated' | 'compressed-dicom' |
 *   'bit-depth' | 'too-large' | 'corrupt' and a one-line message
 */
export function decodeSlice(bytes: Uint8Array, opts: DecodeOptions = {}): CtSlice {
  if (bytes.length === 0) throw new SliceError('empty', 'file is empty (0 bytes)');
  const format = sniffFormat(bytes);
  switch (format) {
    case 'png':
      return decodePng(bytes, opts);
    case 'jpeg':
      return decodeJpeg(bytes, opts);
    case 'dicom':
      return decodeDicom(bytes, opts);
    default:
      if (bytes.length < 132 && bytes.length > 0 && bytes.every((b) => b === 0)) {
        throw new SliceError('truncated', `file holds only ${bytes.length} zero bytes (a DICOM preamble cut short?)`);
      }
      throw new SliceError('unknown-format', `not a DICOM, PNG or JPEG file (starts with "${preview(bytes)}")`);
  }
}
