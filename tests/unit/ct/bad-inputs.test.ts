/**
 * Inputs of the kinds ../shared/cases found (issue #24), made here so the fix is for the kind, not the
 * file: malformed decimal strings, colour Photometric Interpretations, raw data sets without a meta
 * header, a bad delimiter length, a 16-bit PNG's warnings, extreme aspect ratios.
 */
import { encode as encodePng } from 'fast-png';
import { describe, expect, it } from 'vitest';
import dicomParser from 'dicom-parser';
import { decodeSlice } from '../../../src/ct/decode';
import { readDecimals } from '../../../src/ct/dicom/attributes';
import { fixPixelDelimiter } from '../../../src/ct/dicom/parse';
import { cropToHead, squareSize } from '../../../src/ct/head-crop';
import { padBox, padToSquare, resampleArea, resampleBoxArea } from '../../../src/ct/resize';
import { writeDicom } from './write-dicom';
import { codeOf } from './decode-error';

/** A one-attribute data set for readDecimals. */
const dsWith = (text: string) => dicomParser.parseDicom(writeDicom({ rows: 1, cols: 1, stored: [0], extra: { RescaleSlope: text } }));

describe('decimal strings (DS) read leniently where unambiguous, named where not', () => {
  it.each([
    ['1', 1, [1], null],
    [' 2.5E-1 ', 1, [0.25], null],
    ['1,5', 1, [1.5], 'lenient'],
    ['0.5,1.0', 2, [0.5, 1], 'lenient'],
    ['0.5; 1.0', 2, [0.5, 1], 'lenient'],
    ['0,5,1,0', 2, [], 'unreadable'],
    ['abc', 1, [], 'unreadable'],
    ['0.5\\1.0\\2', 2, [], 'unreadable'],
    ['', 1, [], null],
  ])('"%s" (VM %d) → %j, %s', (text, vm, values, fault) => {
    const r = readDecimals(dsWith(text), 'x00281053', vm);
    expect(r.values).toEqual(values);
    expect(r.fault).toBe(fault);
  });

  it('an unreadable Rescale Slope warns by name and uses 1; a decimal comma is read as 1.5', async () => {
    const bad = await decodeSlice(writeDicom({ rows: 1, cols: 2, stored: [10, 20], slope: 'x', intercept: '-5' }));
    expect(Array.from(bad.hu)).toEqual([5, 15]);
    const w = bad.warnings?.find((x) => x.code === 'attribute-unreadable');
    expect(w?.message).toBe('Rescale Slope (0028,1053) could not be read ("x"); 1 was used instead');
    const comma = await decodeSlice(writeDicom({ rows: 1, cols: 2, stored: [10, 20], slope: '1,5', intercept: '0' }));
    expect(Array.from(comma.hu)).toEqual([15, 30]);
    expect(comma.warnings?.map((x) => x.code)).toContain('attribute-lenient');
  });

  it('an unreadable Pixel Spacing is named, never dropped silently', async () => {
    const s = await decodeSlice(writeDicom({ rows: 2, cols: 2, stored: [0, 0, 0, 0], extra: { PixelSpacing: 'half a millimetre' } }));
    expect(s.pixelSpacing).toBeUndefined();
    expect(s.warnings?.find((w) => w.code === 'attribute-unreadable')?.params['name']).toBe('Pixel Spacing (0028,0030)');
  });
});

describe('Photometric Interpretation is read and checked', () => {
  it.each(['PALETTE COLOR', 'YBR_FULL', 'RGB', 'MONOCHROME3'])('%s with one sample per pixel is refused', async (pi) => {
    expect(await codeOf(writeDicom({ rows: 1, cols: 2, stored: [0, 1], extra: { PhotometricInterpretation: pi } }))).toBe('photometric');
  });
  it('MONOCHROME1 and MONOCHROME2 decode', async () => {
    for (const photometric of ['MONOCHROME1', 'MONOCHROME2'] as const) expect(await codeOf(writeDicom({ rows: 1, cols: 2, stored: [0, 1], photometric }))).toBeNull();
  });
});

describe('raw data sets and delimiters', () => {
  it('a raw data set that starts at group 0028 (no preamble, no meta header, no group 0008) decodes', async () => {
    const file = writeDicom({ rows: 1, cols: 3, stored: [1, 2, 3], signed: true, intercept: '-1' });
    const at = file.findIndex((_, i) => file[i] === 0x28 && file[i + 1] === 0 && file[i + 2] === 2 && file[i + 3] === 0 && file[i + 4] === 0x55);
    const s = await decodeSlice(file.subarray(at));
    expect(Array.from(s.hu)).toEqual([0, 1, 2]);
  });

  it('a Sequence Delimitation Item of length 0xFFFFFFFF after encapsulated pixel data is set to 0, nothing else', () => {
    const item = (tag: number, len: number) => { const b = new Uint8Array(8); const v = new DataView(b.buffer); v.setUint32(0, tag, true); v.setUint32(4, len, true); return b; };
    const head = Uint8Array.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff]);
    const parts = [head, item(0xe000fffe, 0), item(0xe000fffe, 4), Uint8Array.from([1, 2, 3, 4]), item(0xe0ddfffe, 0xffffffff)];
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((o, p) => (bytes.set(p, o), o + p.length), 0);
    const fixed = fixPixelDelimiter(bytes);
    expect(Array.from(fixed.subarray(-4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(fixed.subarray(0, -4))).toEqual(Array.from(bytes.subarray(0, -4)));
    expect(fixPixelDelimiter(fixed)).toBe(fixed);
  });
});

describe('a 16-bit PNG is warned about in its own terms', () => {
  it('HU + 1024 read with offset 0 names the offset, not the DICOM Rescale', async () => {
    const data = new Uint16Array(64 * 64).map((_, i) => (i % 64 < 8 ? 24 : 1064));
    const s = await decodeSlice(encodePng({ width: 64, height: 64, data, channels: 1, depth: 16 }), { huOffset16: 0 });
    const text = (s.warnings ?? []).map((w) => w.message).join('\n');
    expect(text).toMatch(/16-bit PNG/);
    expect(text).not.toMatch(/Rescale|Pixel Representation|Padding/);
  });
});

describe('extreme aspect ratios stay within the input\'s real size', () => {
  it('resampleBoxArea equals resampleArea on the square it does not make', () => {
    const src = Float32Array.from({ length: 7 * 5 }, (_, i) => ((i * i) % 13) - 6);
    const made = padToSquare(src, 7, 5);
    const direct = resampleBoxArea(src, 7, 5, padBox(7, 5), -1000, 3);
    Array.from(resampleArea(made.data, 7, 7, 3, 3)).forEach((v, i) => expect(direct[i]).toBeCloseTo(v, 4));
  });

  it('a 20000×4 slice reaches the grid (a padded square would be 1.6 GB)', () => {
    const hu = new Float32Array(20000 * 4).fill(40);
    const grid = cropToHead(hu, 20000, 4, 32);
    expect(grid.hu).toHaveLength(32 * 32);
    expect(Math.max(...grid.hu)).toBeLessThanOrEqual(40);
  });

  it('spacings 1000× apart square at the coarser spacing rather than enlarging to gigabytes', () => {
    expect(squareSize({ width: 512, height: 512, pixelSpacing: [0.001, 1] })).toEqual({ width: 512, height: 1 });
  });
});
