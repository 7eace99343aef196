/**
 * EXIF Orientation (EXIF 2.3 / TIFF 6.0 tag 0x0112) of a JPEG or PNG, and the pixel transform that shows
 * an image the way a viewer does. Browsers draw JPEGs with their orientation applied (CSS Images 3
 * `image-orientation: from-image`, the default) and Blink and WebKit do the same for a PNG `eXIf` chunk
 * placed before the image data (PNG 3rd edition, eXIf chunk); the analysis must see that same picture.
 *
 * The tag is read by exifr's smallest build ("mini": JPEG only, 28 kB minified, 9 kB gzipped), loaded
 * only when a file carries EXIF at all. A PNG's eXIf payload is the same TIFF block a JPEG keeps in its
 * APP1 segment, so it is handed to exifr wrapped in a minimal JPEG.
 */

/** EXIF Orientation: 1 as stored; 2 mirrored; 3 rotated 180°; 4 flipped; 5 transposed; 6 rotated 90°
 * clockwise; 7 transversed; 8 rotated 90° anticlockwise (each is the transform that shows the image). */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const EXIF_ID = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"

/** True when `bytes[from..to)` contains "Exif\0\0" (a cheap gate before loading the parser). */
function hasExifId(bytes: Uint8Array, from: number, to: number): boolean {
  const end = Math.min(to, bytes.length) - EXIF_ID.length;
  for (let i = from; i <= end; i++) {
    if (bytes[i] === 0x45 && EXIF_ID.every((v, k) => bytes[i + k] === v)) return true;
  }
  return false;
}

async function readOrientation(jpegBytes: Uint8Array): Promise<Orientation> {
  try {
    const { orientation } = await import('exifr/dist/mini.esm.mjs');
    const o = await orientation(jpegBytes);
    return typeof o === 'number' && Number.isInteger(o) && o >= 1 && o <= 8 ? (o as Orientation) : 1;
  } catch {
    return 1; // unreadable EXIF: shown as stored, as browsers do
  }
}

/**
 * Orientation of a JPEG from its EXIF APP1 segment.
 * @param bytes the whole JPEG file
 * @returns 1..8; 1 when there is no EXIF, no Orientation tag, or an invalid one (as browsers do)
 */
export async function jpegOrientation(bytes: Uint8Array): Promise<Orientation> {
  // APP1 sits right after SOI (and a JFIF APP0); 128 kB covers any real header before the frame.
  if (!hasExifId(bytes, 2, 128 * 1024)) return 1;
  return readOrientation(bytes);
}

/**
 * Orientation of a PNG from an `eXIf` chunk before the first IDAT (one after the image data is ignored,
 * as browsers ignore it: CSS Images 3, csswg-drafts issue 4929).
 * @param bytes the whole PNG file (signature checked by the caller)
 * @returns 1..8; 1 when there is no such chunk or it holds no valid Orientation
 */
export async function pngOrientation(bytes: Uint8Array): Promise<Orientation> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 8;
  while (o + 8 <= bytes.length) {
    const length = view.getUint32(o);
    const type = String.fromCharCode(bytes[o + 4] as number, bytes[o + 5] as number, bytes[o + 6] as number, bytes[o + 7] as number);
    if (type === 'IDAT' || type === 'IEND') return 1;
    if (type === 'eXIf') {
      // A JPEG segment holds at most 65 533 bytes; Orientation lives in IFD0 near the block's start.
      const tiff = bytes.subarray(o + 8, Math.min(o + 8 + length, bytes.length, o + 8 + 65_527));
      const jpeg = new Uint8Array(4 + 2 + EXIF_ID.length + tiff.length + 2);
      jpeg.set([0xff, 0xd8, 0xff, 0xe1, (tiff.length + 8) >> 8, (tiff.length + 8) & 0xff, ...EXIF_ID]);
      jpeg.set(tiff, 12);
      jpeg.set([0xff, 0xd9], jpeg.length - 2);
      return readOrientation(jpeg);
    }
    o += 12 + length;
  }
  return 1;
}

/** Width and height of an image once oriented (5–8 swap them). */
export function orientedSize(width: number, height: number, o: Orientation): [number, number] {
  return o >= 5 ? [height, width] : [width, height];
}

/**
 * Apply an EXIF orientation to one plane of pixels (grey, HU or alpha).
 * @param src row-major, length width*height (as stored in the file)
 * @param width stored width
 * @param height stored height
 * @returns a new plane, row-major, as displayed: width and height swapped for 5–8. Displayed pixel
 *   (X, Y) is stored pixel: 1 (X, Y); 2 (W−1−X, Y); 3 (W−1−X, H−1−Y); 4 (X, H−1−Y); 5 (Y, X);
 *   6 (Y, H−1−X); 7 (W−1−Y, H−1−X); 8 (W−1−Y, X), with W, H the stored size (EXIF 2.3, Orientation:
 *   e.g. 6, "the 0th row is the visual right-hand side of the image, the 0th column the visual top").
 */
export function orientPlane(src: Float32Array, width: number, height: number, o: Orientation): { data: Float32Array; width: number; height: number } {
  if (o === 1) return { data: src, width, height };
  const [dw, dh] = orientedSize(width, height, o);
  const out = new Float32Array(src.length);
  const W1 = width - 1;
  const H1 = height - 1;
  // Stored index of displayed (X, Y) = base + X · dx + Y · dy, one affine map per orientation.
  const maps: Record<Exclude<Orientation, 1>, readonly [number, number, number]> = {
    2: [W1, -1, width],
    3: [H1 * width + W1, -1, -width],
    4: [H1 * width, 1, -width],
    5: [0, width, 1],
    6: [H1 * width, -width, 1],
    7: [H1 * width + W1, -width, -1],
    8: [W1, width, -1],
  };
  const [base, dx, dy] = maps[o];
  for (let Y = 0; Y < dh; Y++) {
    for (let X = 0; X < dw; X++) out[Y * dw + X] = src[base + X * dx + Y * dy] as number;
  }
  return { data: out, width: dw, height: dh };
}
