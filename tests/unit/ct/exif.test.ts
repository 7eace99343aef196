import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jpegOrientation, orientedSize, orientPlane, pngOrientation, type Orientation } from '../../../src/ct/exif';
import { CASES_DIR, HAVE_CASES, jpegOf, tiffOrientation, withExif } from './image-fixtures';
import { writePng } from './png-writer';

describe('orientPlane: the 8 EXIF orientations on a 3×2 image, by hand', () => {
  // Stored (W = 3, H = 2):  0 1 2
  //                         3 4 5
  const stored = Float32Array.from([0, 1, 2, 3, 4, 5]);
  const cases: [Orientation, number, number, number[]][] = [
    [1, 3, 2, [0, 1, 2, 3, 4, 5]],
    [2, 3, 2, [2, 1, 0, 5, 4, 3]], // mirrored left-right
    [3, 3, 2, [5, 4, 3, 2, 1, 0]], // rotated 180°
    [4, 3, 2, [3, 4, 5, 0, 1, 2]], // flipped top-bottom
    [5, 2, 3, [0, 3, 1, 4, 2, 5]], // transposed: row 0 becomes the left column
    [6, 2, 3, [3, 0, 4, 1, 5, 2]], // 90° clockwise: the left column, bottom to top, becomes the top row
    [7, 2, 3, [5, 2, 4, 1, 3, 0]], // transversed
    [8, 2, 3, [2, 5, 1, 4, 0, 3]], // 90° anticlockwise: the right column, top to bottom, becomes the top row
  ];
  it.each(cases)('orientation %i → %i×%i %j', (o, w, h, expected) => {
    const out = orientPlane(stored, 3, 2, o);
    expect([out.width, out.height]).toEqual([w, h]);
    expect(orientedSize(3, 2, o)).toEqual([w, h]);
    expect(Array.from(out.data)).toEqual(expected);
  });
});

describe('reading the Orientation tag (exifr mini)', () => {
  const plain = jpegOf(16, 8, (x) => x * 16);

  it('JPEG: none → 1; APP1 big- and little-endian → the value; 0 or 9 (invalid) → 1', async () => {
    expect(await jpegOrientation(plain)).toBe(1);
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8]) {
      expect(await jpegOrientation(withExif(plain, o))).toBe(o);
      expect(await jpegOrientation(withExif(plain, o, true))).toBe(o);
    }
    expect(await jpegOrientation(withExif(plain, 9))).toBe(1);
    expect(await jpegOrientation(withExif(plain, 0))).toBe(1);
  });

  it('JPEG: a broken EXIF block is ignored (1), as browsers do', async () => {
    const broken = withExif(plain, 6);
    broken.fill(0x00, 14, 22); // the byte-order mark and IFD offset
    expect(await jpegOrientation(broken)).toBe(1);
  });

  it('PNG: eXIf before IDAT → its value; after IDAT → 1 (CSS Images 3: ignored once the image data began)', async () => {
    const base = { width: 2, height: 1, samples: [0, 255], depth: 8, colourType: 0 } as const;
    expect(await pngOrientation(writePng(base))).toBe(1);
    expect(await pngOrientation(writePng({ ...base, extra: [['eXIf', tiffOrientation(6)]] }))).toBe(6);
    expect(await pngOrientation(writePng({ ...base, extra: [['eXIf', tiffOrientation(8, true)]] }))).toBe(8);
    expect(await pngOrientation(writePng({ ...base, after: [['eXIf', tiffOrientation(6)]] }))).toBe(1);
  });

  it.skipIf(!HAVE_CASES)(`the shared case exif-orientation-6.jpg reads 6 (${CASES_DIR}; skipped where absent)`, async () => {
    expect(await jpegOrientation(new Uint8Array(readFileSync(join(CASES_DIR, 'exif-orientation-6.jpg'))))).toBe(6);
  });
});
