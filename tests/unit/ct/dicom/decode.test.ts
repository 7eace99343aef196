import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSlice } from '../../../../src/ct/decode';
import { EXPLICIT_BE, EXPLICIT_LE, IMPLICIT_LE, JPEG_BASELINE, writeDicom } from '../write-dicom';
import { REAL_DICOM_DIR } from '../../../shared-data';
import { codeOf } from '../decode-error';


const STORED = [-1024, 0, 40, 1000, -5, 3];

describe('DICOM written with dcmjs: exact HU', () => {
  it.each([EXPLICIT_LE, IMPLICIT_LE, EXPLICIT_BE])('signed 16-bit, slope 2, intercept -1024 (%s)', async (ts) => {
    const s = await decodeSlice(writeDicom({ rows: 2, cols: 3, stored: STORED, signed: true, slope: '2', intercept: '-1024', transferSyntax: ts, pixelSpacing: [0.5, 0.6] }));
    expect(s.source).toBe('dicom');
    expect([s.width, s.height]).toEqual([3, 2]);
    expect(Array.from(s.hu)).toEqual(STORED.map((v) => v * 2 - 1024));
    expect(s.pixelSpacing).toEqual([0.5, 0.6]);
    expect(s.windowUsed).toBeUndefined();
  });

  it('unsigned 16-bit with the usual intercept -1024 and fractional slope', async () => {
    const stored = [0, 1024, 1064, 65535];
    const s = await decodeSlice(writeDicom({ rows: 2, cols: 2, stored, slope: '0.5', intercept: '-1024' }));
    expect(Array.from(s.hu)).toEqual([-1024, -512, -492, 65535 * 0.5 - 1024]);
  });

  it('no rescale tags: stored values are HU (slope 1, intercept 0)', async () => {
    const s = await decodeSlice(writeDicom({ rows: 1, cols: 3, stored: [-1000, 35, 700], signed: true }));
    expect(Array.from(s.hu)).toEqual([-1000, 35, 700]);
  });

  it('8-bit unsigned and signed', async () => {
    expect(Array.from((await decodeSlice(writeDicom({ rows: 1, cols: 4, bits: 8, stored: [0, 1, 100, 255], slope: '10', intercept: '-1000' }))).hu)).toEqual([-1000, -990, 0, 1550]);
    expect(Array.from((await decodeSlice(writeDicom({ rows: 1, cols: 4, bits: 8, signed: true, stored: [-128, -1, 0, 127] }))).hu)).toEqual([-128, -1, 0, 127]);
  });

  it('MONOCHROME1: HU still come from rescale only (the inversion is a display rule, PS3.3 C.7.6.3.1.2)', async () => {
    const s = await decodeSlice(writeDicom({ rows: 2, cols: 3, stored: STORED, signed: true, slope: '1', intercept: '-24', photometric: 'MONOCHROME1' }));
    expect(Array.from(s.hu)).toEqual(STORED.map((v) => v - 24));
  });

  it('a file without preamble: meta header first, or the bare data set (implicit VR)', async () => {
    const full = writeDicom({ rows: 2, cols: 3, stored: STORED, signed: true, slope: '2', intercept: '-1024', transferSyntax: IMPLICIT_LE });
    const noPreamble = full.subarray(132);
    expect(Array.from((await decodeSlice(noPreamble)).hu)).toEqual(STORED.map((v) => v * 2 - 1024));
    // (0002,0000) UL group length: tag 4 + VR 2 + length 2 + value 4 = 12 bytes, then the group
    const groupLength = new DataView(full.buffer, full.byteOffset + 140, 4).getUint32(0, true);
    const bare = full.subarray(132 + 12 + groupLength);
    expect(Array.from(bare.subarray(0, 2))).toEqual([0x08, 0x00]);
    expect(Array.from((await decodeSlice(bare)).hu)).toEqual(STORED.map((v) => v * 2 - 1024));
  });
});

describe('DICOM that must be refused', () => {
  it('a syntax no codec here decodes (JPEG XL, MPEG) → unsupported-syntax, naming it, with a conversion hint', async () => {
    const bytes = writeDicom({ rows: 1, cols: 1, stored: [0], transferSyntax: '1.2.840.10008.1.2.4.110' });
    expect(await codeOf(bytes)).toBe('unsupported-syntax');
    await expect(decodeSlice(bytes)).rejects.toThrow(/JPEG XL DICOM \(transfer syntax 1\.2\.840\.10008\.1\.2\.4\.110\).*gdcmconv --raw/);
    expect(await codeOf(writeDicom({ rows: 1, cols: 1, stored: [0], transferSyntax: '1.2.840.10008.1.2.4.100' }))).toBe('unsupported-syntax');
  });

  it('a compressed syntax whose pixel data is no JPEG stream → codec-failed, naming the decoder', async () => {
    const bytes = writeDicom({ rows: 2, cols: 3, stored: STORED, signed: true, transferSyntax: JPEG_BASELINE });
    // dicom-parser reads the plain bytes as a fragment that is no JPEG stream: the decoder's refusal names the syntax.
    await expect(decodeSlice(bytes)).rejects.toThrow(/JPEG Baseline \(8-bit\) decoder could not read/);
  });

  it('truncated inside the pixel data, and inside the header → truncated', async () => {
    const bytes = writeDicom({ rows: 16, cols: 16, stored: Array(256).fill(7) });
    expect(await codeOf(bytes)).toBeNull();
    expect(await codeOf(bytes.subarray(0, bytes.length - 100))).toBe('truncated');
    await expect(decodeSlice(bytes.subarray(0, bytes.length - 100))).rejects.toThrow(/DICOM file ends early \(.*buffer overrun\)/);
    expect(await codeOf(bytes.subarray(0, 200))).toBe('truncated');
    expect(await codeOf(bytes.subarray(0, 100))).toBe('zero-bytes'); // preamble zeros only
  });

  it('a header declaring 5000x5000 → too-large before the pixel data is read', async () => {
    const bytes = writeDicom({ rows: 5000, cols: 5000, stored: [], pixelBytes: new Uint8Array(8) });
    expect(await codeOf(bytes)).toBe('too-large');
    await expect(decodeSlice(bytes)).rejects.toThrow(/5000x5000 pixels, more than the limit of 16777216/);
    expect(await codeOf(writeDicom({ rows: 4, cols: 4, stored: Array(16).fill(0) }), { maxPixels: 15 })).toBe('too-large');
  });

  it('empty bytes → empty', async () => {
    expect(await codeOf(new Uint8Array(0))).toBe('empty');
  });
});

const REAL_DIR = REAL_DICOM_DIR;
const REAL = existsSync(REAL_DIR) ? readdirSync(REAL_DIR).filter((f) => f.endsWith('.dcm')) : [];
// hu_min, hu_max from the data set's labels.csv
const RANGES: Record<string, [number, number]> = {
  '049_21.dcm': [-1012, 1735],
  '073_28.dcm': [-1018, 1316],
  '091_17.dcm': [-1019, 1703],
  '091_20.dcm': [-1024, 1658],
};

describe.skipIf(REAL.length === 0)(`real CT-ICH slices (${REAL_DIR}; skipped where the folder is absent)`, () => {
  it.each(REAL)('%s: 512x512, HU range as in labels.csv, air ≈ -1000, brain 20-45', async (f) => {
    const s = await decodeSlice(new Uint8Array(readFileSync(join(REAL_DIR, f))));
    expect([s.width, s.height]).toEqual([512, 512]);
    let min = Infinity;
    let max = -Infinity;
    for (const v of s.hu) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const range = RANGES[f];
    if (range) expect([min, max]).toEqual(range);
    expect(Math.abs((s.hu[0] as number) + 1000)).toBeLessThan(30); // corner: air
    const soft = Array.from(s.hu).filter((v) => v > 0 && v < 80).sort((a, b) => a - b);
    const median = soft[soft.length >> 1] as number;
    expect(median).toBeGreaterThanOrEqual(20);
    expect(median).toBeLessThanOrEqual(45);
  });

  it('a real file cut in half → truncated', async () => {
    const bytes = new Uint8Array(readFileSync(join(REAL_DIR, REAL[0] as string)));
    expect(await codeOf(bytes.subarray(0, bytes.length >> 1))).toBe('truncated');
  });
});
