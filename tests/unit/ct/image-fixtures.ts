/**
 * Test helpers: EXIF blocks and JPEGs made here, and whether the shared decoding cases are present.
 * The EXIF block is the smallest TIFF stream with one IFD0 entry, Orientation (0x0112, SHORT, count 1),
 * in either byte order (TIFF 6.0 header: "II" little-endian or "MM" big-endian, then 42, then the IFD offset).
 */
import { existsSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { CASES_DIR } from '../../shared-data';

export { CASES_DIR };
/** The shared decoding cases are beside this checkout (tests on them skip where absent). */
export const HAVE_CASES = existsSync(CASES_DIR);

/** TIFF block with IFD0 holding only Orientation = o. */
export function tiffOrientation(o: number, littleEndian = false): Uint8Array {
  const b = new Uint8Array(26);
  const v = new DataView(b.buffer);
  b.set(littleEndian ? [0x49, 0x49] : [0x4d, 0x4d]);
  v.setUint16(2, 42, littleEndian);
  v.setUint32(4, 8, littleEndian); // IFD0 right after the header
  v.setUint16(8, 1, littleEndian); // one entry
  v.setUint16(10, 0x0112, littleEndian);
  v.setUint16(12, 3, littleEndian); // SHORT
  v.setUint32(14, 1, littleEndian);
  v.setUint16(18, o, littleEndian); // value, left-justified in the 4-byte field
  v.setUint32(22, 0, littleEndian); // no next IFD
  return b;
}

/** Insert an APP1 "Exif\0\0" segment with Orientation o right after a JPEG's SOI. */
export function withExif(jpegBytes: Uint8Array, o: number, littleEndian = false): Uint8Array {
  const tiff = tiffOrientation(o, littleEndian);
  const seg = new Uint8Array(4 + 6 + tiff.length);
  seg.set([0xff, 0xe1, (seg.length - 2) >> 8, (seg.length - 2) & 0xff, 0x45, 0x78, 0x69, 0x66, 0, 0]);
  seg.set(tiff, 10);
  const out = new Uint8Array(jpegBytes.length + seg.length);
  out.set(jpegBytes.subarray(0, 2));
  out.set(seg, 2);
  out.set(jpegBytes.subarray(2), 2 + seg.length);
  return out;
}

/** A greyscale JPEG (R = G = B) from a grey function of (x, y). */
export function jpegOf(width: number, height: number, grey: (x: number, y: number) => number, quality = 100): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const g = grey(x, y);
      data.set([g, g, g, 255], (y * width + x) * 4);
    }
  }
  return new Uint8Array(jpeg.encode({ width, height, data }, quality).data);
}
