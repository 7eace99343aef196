/**
 * One frame's stored pixel values: native pixel data sliced at the frame's offset (byte-swapped for
 * explicit big endian), or an encapsulated frame (PS3.5 A.4) handed to its decoder.
 */
import dicomParser from 'dicom-parser';
import type { DataSet, Element } from 'dicom-parser';
import { SliceError } from '../slice';
import { decodeFrame } from './codecs';
import type { FrameGeometry, StoredValues } from './stored';
import type { TransferSyntax } from './syntax';

/** Number of Frames (0028,0008), 1 when absent. */
export function frameCount(ds: DataSet): number {
  const n = ds.intString('x00280008');
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : 1;
}

function nativeFrame(ds: DataSet, pixel: Element, frame: number, g: FrameGeometry, syntax: TransferSyntax): StoredValues {
  const n = g.rows * g.columns;
  const bytesPer = g.bitsAllocated / 8;
  const start = pixel.dataOffset + frame * n * bytesPer;
  const available = Math.min(pixel.dataOffset + pixel.length, ds.byteArray.length) - start;
  if (available < n * bytesPer) {
    throw new SliceError('truncated', { format: 'DICOM', detail: `frame ${frame} needs ${n * bytesPer} bytes of pixel data, ${Math.max(available, 0)} present` });
  }
  if (bytesPer === 1) return ds.byteArray.slice(start, start + n);
  const view = new DataView(ds.byteArray.buffer, ds.byteArray.byteOffset + start, n * bytesPer);
  const little = !syntax.bigEndian;
  if (bytesPer === 4) {
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getUint32(i * 4, little);
    return out;
  }
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getUint16(i * 2, little);
  return out;
}

/** Float Pixel Data (7FE0,0008, 32-bit) and Double Float Pixel Data (7FE0,0009, 64-bit): PS3.3 C.7.6.3. */
export const FLOAT_PIXEL_TAGS = { x7fe00008: 4, x7fe00009: 8 } as const;

/**
 * One native frame of Float or Double Float Pixel Data, as numbers (already real values, no Bits Stored).
 * @throws SliceError 'truncated' when the element holds less than the frame; 'corrupt' when encapsulated
 */
export function readFloatFrame(ds: DataSet, tag: keyof typeof FLOAT_PIXEL_TAGS, frame: number, g: FrameGeometry, syntax: TransferSyntax): Float32Array {
  const pixel = ds.elements[tag] as Element;
  if (syntax.encoding !== 'native') throw new SliceError('corrupt', { format: 'DICOM', detail: `float pixel data in ${syntax.name}, which only holds integer pixels` });
  const size = FLOAT_PIXEL_TAGS[tag];
  const n = g.rows * g.columns;
  const start = pixel.dataOffset + frame * n * size;
  const available = Math.min(pixel.dataOffset + pixel.length, ds.byteArray.length) - start;
  if (available < n * size) {
    throw new SliceError('truncated', { format: 'DICOM', detail: `frame ${frame} needs ${n * size} bytes of float pixel data, ${Math.max(available, 0)} present` });
  }
  const view = new DataView(ds.byteArray.buffer, ds.byteArray.byteOffset + start, n * size);
  const little = !syntax.bigEndian;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = size === 4 ? view.getFloat32(i * 4, little) : view.getFloat64(i * 8, little);
  return out;
}

/** The compressed bytes of one frame: its fragments, by the Basic Offset Table when there is one. */
function encapsulatedBytes(ds: DataSet, pixel: Element, frame: number, count: number, syntax: TransferSyntax): Uint8Array {
  const fragments = pixel.fragments ?? [];
  if (fragments.length === 0) throw new SliceError('no-pixel-data');
  if (count === 1) return dicomParser.readEncapsulatedPixelDataFromFragments(ds, pixel, 0, fragments.length);
  if ((pixel.basicOffsetTable ?? []).length > 0) return dicomParser.readEncapsulatedImageFrame(ds, pixel, frame);
  if (fragments.length === count) return dicomParser.readEncapsulatedPixelDataFromFragments(ds, pixel, frame, 1);
  if (syntax.encoding.startsWith('jpeg')) {
    // No offset table and several fragments per frame: find frame starts by their JPEG SOI markers.
    const table = dicomParser.createJPEGBasicOffsetTable(ds, pixel);
    return dicomParser.readEncapsulatedImageFrame(ds, pixel, frame, table);
  }
  throw new SliceError('codec-failed', { name: syntax.name, detail: `${fragments.length} fragments for ${count} frames and no offset table` });
}

/**
 * Stored values of frame `frame` (0-based), unmasked and unsigned.
 * @throws SliceError 'no-pixel-data' | 'truncated' | 'codec-failed' | 'not-greyscale'
 */
export async function readFrame(ds: DataSet, frame: number, count: number, g: FrameGeometry, syntax: TransferSyntax): Promise<StoredValues> {
  const pixel = ds.elements['x7fe00010'];
  if (!pixel) throw new SliceError('no-pixel-data');
  if (syntax.encoding === 'native') {
    if (pixel.encapsulatedPixelData) throw new SliceError('corrupt', { format: 'DICOM', detail: 'encapsulated pixel data in a native transfer syntax' });
    return nativeFrame(ds, pixel, frame, g, syntax);
  }
  if (!pixel.encapsulatedPixelData) throw new SliceError('corrupt', { format: 'DICOM', detail: `native pixel data in ${syntax.name}` });
  try {
    return await decodeFrame(syntax.encoding, syntax.name, syntax.uid, encapsulatedBytes(ds, pixel, frame, count, syntax), g);
  } catch (e) {
    if (e instanceof SliceError) throw e;
    throw new SliceError('codec-failed', { name: syntax.name, detail: e instanceof Error ? e.message : String(e) });
  }
}
