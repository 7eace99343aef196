/**
 * The DICOM files in ../shared/cases/decoding/ (faults found by trying the product), each with the
 * right value its README gives.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSlice } from '../../../../src/ct/decode';
import { squarePixels } from '../../../../src/ct/head-crop';
import { PADDING_HU } from '../../../../src/ct/dicom/modality';
import { CASES_DIR } from '../../../shared-data';

const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(CASES_DIR, name)));

describe.skipIf(!existsSync(CASES_DIR))(`decoding cases (${CASES_DIR}; skipped where absent)`, () => {
  it('Enhanced CT, rescale only in the Shared Functional Groups: stored 1064 everywhere → 40 HU', async () => {
    const s = await decodeSlice(read('enhanced-ct-rescale-in-functional-groups.dcm'));
    expect([s.width, s.height]).toEqual([16, 16]);
    expect(new Set(s.hu)).toEqual(new Set([40]));
  });

  it('Pixel Padding Value 63536 (unsigned): padding is air, never 62,512 HU', async () => {
    const s = await decodeSlice(read('pixel-padding-unsigned.dcm'));
    expect(Math.max(...s.hu)).toBe(40);
    const padded = Array.from(s.hu).filter((v) => v === PADDING_HU).length;
    expect(padded).toBe(64); // a quarter of 16×16
    expect(PADDING_HU).toBeLessThanOrEqual(-1000);
  });

  it('Pixel Spacing 0.5 \\ 1.0 mm on 8 rows × 4 columns: a 4 mm square stays square', async () => {
    const s = await decodeSlice(read('anisotropic-spacing.dcm'));
    expect([s.width, s.height]).toEqual([4, 8]);
    expect(s.pixelSpacing).toEqual([0.5, 1]);
    const sq = squarePixels(s); // what sliceToModel does first
    expect([sq.width, sq.height]).toEqual([8, 8]);
    expect(sq.pixelSpacing).toEqual([0.5, 0.5]);
  });
});
