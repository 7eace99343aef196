/**
 * The standard's chain on small files written with dcmjs, values checked by hand: Bits Stored, Pixel
 * Padding (value and range), Modality LUT Sequence, functional groups, frames, orientation, RLE.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSlice } from '../../../../src/ct/decode';
import { PADDING_HU } from '../../../../src/ct/dicom/modality';
import { applyTransform, displayTransform } from '../../../../src/ct/dicom/orientation';
import { decodeRle } from '../../../../src/ct/dicom/rle';
import { jpegPrecision } from '../../../../src/ct/dicom/codecs';
import { SliceError } from '../../../../src/ct/slice';
import { writeDicom } from '../write-dicom';
import { codeOf } from '../decode-error';
import { HAVE_PYDICOM_FILES, PYDICOM_FILES } from './reference';

const hu = async (bytes: Uint8Array, frame?: number): Promise<number[]> => Array.from((await decodeSlice(bytes, frame === undefined ? {} : { frame })).hu);

describe('stored values → HU', () => {
  it('12 of 16 bits stored: overlay bits above Bit 11 are dropped; signed 12-bit is sign-extended', async () => {
    // 0xF064 = overlay bits 12-15 set over 100; 0x0FFF as signed 12-bit is -1
    expect(await hu(writeDicom({ rows: 1, cols: 2, stored: [0xf064, 0x0064], bitsStored: 12, intercept: '-1024' }))).toEqual([100 - 1024, 100 - 1024]);
    expect(await hu(writeDicom({ rows: 1, cols: 2, stored: [0x0fff, 0x0800], bitsStored: 12, extra: { PixelRepresentation: 1 } }))).toEqual([-1, -2048]);
  });

  it('Pixel Padding Value alone, and with a Range Limit (signed): those stored values become air', async () => {
    const one = await hu(writeDicom({ rows: 1, cols: 3, signed: true, stored: [-2000, -1000, 40], extra: { PixelPaddingValue: -2000 } }));
    expect(one).toEqual([PADDING_HU, -1000, 40]);
    const range = await hu(
      writeDicom({ rows: 1, cols: 4, signed: true, stored: [-3000, -2500, -2001, 40], slope: '1', intercept: '0', extra: { PixelPaddingValue: -3000, PixelPaddingRangeLimit: -2001, _vrMap: { PixelData: 'OW', PixelPaddingValue: 'SS', PixelPaddingRangeLimit: 'SS' } } }),
    );
    expect(range).toEqual([PADDING_HU, PADDING_HU, PADDING_HU, 40]);
  });

  it('Modality LUT Sequence (PS3.3 C.11.1): stored x → LUT[x - first], clamped at both ends', async () => {
    const lut = { LUTDescriptor: [3, 10, 16], LUTData: [100, 200, 300], _vrMap: { LUTDescriptor: 'US', LUTData: 'US' } };
    const out = await hu(writeDicom({ rows: 1, cols: 5, stored: [5, 10, 11, 12, 99], extra: { ModalityLUTSequence: [lut] } }));
    expect(out).toEqual([100, 100, 200, 300, 300]);
  });

  it('per-frame functional groups win over shared ones; the middle frame is the default', async () => {
    const pvt = (intercept: string) => ({ PixelValueTransformationSequence: [{ RescaleIntercept: intercept, RescaleSlope: '1', RescaleType: 'HU' }] });
    const bytes = writeDicom({
      rows: 1,
      cols: 2,
      frames: 3,
      stored: [0, 1, 10, 11, 20, 21],
      extra: { SharedFunctionalGroupsSequence: [pvt('-1000')], PerFrameFunctionalGroupsSequence: [{}, pvt('-500'), {}] },
    });
    const middle = await decodeSlice(bytes);
    expect(middle.frame).toEqual({ index: 1, count: 3 });
    expect(Array.from(middle.hu)).toEqual([10 - 500, 11 - 500]);
    expect(await hu(bytes, 0)).toEqual([-1000, -999]);
    expect(await hu(bytes, 2)).toEqual([-980, -979]);
    expect(await codeOf(bytes, { frame: 3 })).toBe('frame-range');
    await expect(decodeSlice(bytes, { frame: 3 })).rejects.toThrow('frame 3 asked for, but the file holds frames 0 to 2');
  });
});

describe('Image Orientation (Patient) → anterior up, patient right on the image left', () => {
  // A 2×3 image whose value says where it was stored: row*10 + column.
  const img = Float32Array.from([0, 1, 2, 10, 11, 12]);
  it('standard axial [1,0,0,0,1,0] is left as stored', () => {
    expect(displayTransform([1, 0, 0, 0, 1, 0])).toMatchObject({ transpose: false, flipX: false, flipY: false, plane: 'axial' });
  });
  it('rows running to the patient right [-1,0,0,...] are mirrored; columns running anterior are flipped', () => {
    const t = displayTransform([-1, 0, 0, 0, -1, 0]);
    expect(t).toMatchObject({ transpose: false, flipX: true, flipY: true });
    expect(Array.from(applyTransform(img, 3, 2, t).values)).toEqual([12, 11, 10, 2, 1, 0]);
  });
  it('rows running posterior [0,1,0,1,0,0] are transposed', () => {
    const t = displayTransform([0, 1, 0, 1, 0, 0]);
    expect(t.transpose).toBe(true);
    const out = applyTransform(img, 3, 2, t);
    expect([out.width, out.height]).toEqual([2, 3]);
    expect(Array.from(out.values)).toEqual([0, 10, 1, 11, 2, 12]);
  });
  it('a coronal slice is left as stored and reported, with a warning through the decoder', async () => {
    expect(displayTransform([1, 0, 0, 0, 0, -1]).plane).toBe('coronal');
    expect(displayTransform([0, 1, 0, 0, 0, -1]).plane).toBe('sagittal');
    const s = await decodeSlice(writeDicom({ rows: 1, cols: 1, stored: [0], extra: { ImageOrientationPatient: [1, 0, 0, 0, 0, -1] } }));
    expect(s.warnings?.map((w) => w.code)).toContain('not-axial');
  });
  it('a mirrored file decodes mirrored back, and its Pixel Spacing follows a transpose', async () => {
    const s = await decodeSlice(writeDicom({ rows: 2, cols: 3, stored: [0, 1, 2, 10, 11, 12], pixelSpacing: [0.5, 0.7], extra: { ImageOrientationPatient: [0, 1, 0, 1, 0, 0] } }));
    expect([s.width, s.height]).toEqual([2, 3]);
    expect(s.pixelSpacing).toEqual([0.7, 0.5]);
  });
});

describe('RLE Lossless (PS3.5 Annex G), by hand', () => {
  it('two PackBits segments, high bytes first: a literal run and a replicate run', () => {
    const header = new Uint8Array(64);
    const v = new DataView(header.buffer);
    v.setUint32(0, 2, true);
    v.setUint32(4, 64, true);
    v.setUint32(8, 68, true);
    // segment 0 (high bytes): replicate 0x01 four times: n = -3 (0xFD)
    // segment 1 (low bytes): literal 4 bytes: n = 3, then 0x00 0x10 0x20 0xFF
    const frame = Uint8Array.from([...header, 0xfd, 0x01, 0x80, 0x00, 0x03, 0x00, 0x10, 0x20, 0xff]);
    expect(Array.from(decodeRle(frame, { rows: 2, columns: 2, bitsAllocated: 16 }))).toEqual([0x100, 0x110, 0x120, 0x1ff]);
  });
  it('a short segment is an error, not zeros', () => {
    const header = new Uint8Array(64);
    new DataView(header.buffer).setUint32(0, 1, true);
    new DataView(header.buffer).setUint32(4, 64, true);
    expect(() => decodeRle(Uint8Array.from([...header, 0x00, 0x05]), { rows: 2, columns: 2, bitsAllocated: 8 })).toThrow(SliceError);
  });
});

describe.skipIf(!HAVE_PYDICOM_FILES)('what no codec here decodes (skipped without apt python3-pydicom)', () => {
  it('12-bit JPEG Extended (JPEG-lossy.dcm) → unsupported-syntax with the conversion hint, not garbage', async () => {
    const bytes = new Uint8Array(readFileSync(join(PYDICOM_FILES, 'JPEG-lossy.dcm')));
    expect(await codeOf(bytes)).toBe('unsupported-syntax');
    await expect(decodeSlice(bytes)).rejects.toThrow(/12-bit JPEG Extended.*gdcmconv --raw/);
  });
  it('lossy JPEG 2000 decodes with a "lossy" warning', async () => {
    const s = await decodeSlice(new Uint8Array(readFileSync(join(PYDICOM_FILES, 'JPEG2000.dcm'))));
    expect(s.warnings?.map((w) => w.code)).toContain('lossy');
  });
});

describe('jpegPrecision reads the frame header', () => {
  it('finds P in SOF after APP segments; null without SOF', () => {
    const soi = [0xff, 0xd8];
    const app0 = [0xff, 0xe0, 0x00, 0x04, 0x00, 0x00];
    const sof1 = [0xff, 0xc1, 0x00, 0x0b, 12, 0, 1, 0, 1, 1, 1, 0x11, 0];
    expect(jpegPrecision(Uint8Array.from([...soi, ...app0, ...sof1]))).toBe(12);
    expect(jpegPrecision(Uint8Array.from([...soi, ...app0]))).toBeNull();
  });
});
