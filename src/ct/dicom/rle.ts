/**
 * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header (segment count, then 15 uint32 offsets) and
 * one PackBits segment per byte plane, most significant byte first (G.2). Greyscale frames only.
 * Written here because no maintained package decodes it apart from a whole viewer's image loader
 * (cornerstone's dicom-image-loader carries its own copy of these few lines).
 */
import { SliceError } from '../slice';
import type { FrameGeometry, StoredValues } from './stored';

/** PackBits (G.3.1): n in 0..127 copies n+1 literal bytes, n in -127..-1 repeats the next byte 1-n times, -128 is a no-op. */
function unpackSegment(src: Uint8Array, out: Uint8Array): void {
  let i = 0;
  let o = 0;
  while (o < out.length && i < src.length) {
    const n = ((src[i++] as number) << 24) >> 24; // as int8
    if (n >= 0) {
      const end = Math.min(i + n + 1, src.length);
      while (i < end && o < out.length) out[o++] = src[i++] as number;
    } else if (n > -128) {
      const v = src[i++] as number;
      for (let k = 0; k < 1 - n && o < out.length; k++) out[o++] = v;
    }
  }
  if (o < out.length) throw new SliceError('codec-failed', { name: 'RLE', detail: `segment ends after ${o} of ${out.length} bytes` });
}

/**
 * Decode one RLE frame of 8-, 16- or 32-bit greyscale.
 * @throws SliceError 'codec-failed' on a bad header or a short segment
 */
export function decodeRle(bytes: Uint8Array, g: FrameGeometry): StoredValues {
  if (bytes.length < 64) throw new SliceError('codec-failed', { name: 'RLE', detail: `frame of ${bytes.length} bytes has no 64-byte header` });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const segments = view.getUint32(0, true);
  const planes = g.bitsAllocated / 8;
  if (segments !== planes) {
    throw new SliceError('codec-failed', { name: 'RLE', detail: `${segments} segments for ${g.bitsAllocated}-bit greyscale (${planes} expected)` });
  }
  const n = g.rows * g.columns;
  const plane = new Uint8Array(n);
  const out = planes === 1 ? new Uint8Array(n) : planes === 2 ? new Uint16Array(n) : new Uint32Array(n);
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? view.getUint32(8 + 4 * s, true) : bytes.length;
    if (start < 64 || end > bytes.length || end < start) throw new SliceError('codec-failed', { name: 'RLE', detail: `segment ${s} offsets ${start}..${end} out of range` });
    unpackSegment(bytes.subarray(start, end), plane);
    const shift = 8 * (planes - 1 - s); // segment 0 holds the most significant byte
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) | ((plane[i] as number) << shift);
  }
  return out;
}
