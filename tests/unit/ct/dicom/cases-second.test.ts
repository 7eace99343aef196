/**
 * The second table of ../shared/cases/decoding/README.md: each file behaves as its row says (read in
 * place; skipped where the folder is absent). Kinds, not files: tests/unit/ct/bad-inputs.test.ts makes
 * further inputs of the same kinds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSlice } from '../../../../src/ct/decode';
import { sliceToModel } from '../../../../src/ct/head-crop';
import { MIN_SLICE_SIDE, SliceError } from '../../../../src/ct/slice';
import { CASES_DIR } from '../../../shared-data';

const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(CASES_DIR, name)));
const refusal = async (name: string, opts = {}): Promise<SliceError> => {
  const e = await decodeSlice(read(name), opts).then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(SliceError);
  return e as SliceError;
};

describe.skipIf(!existsSync(CASES_DIR))(`decoding cases, second round (${CASES_DIR})`, () => {
  it('float32 Float Pixel Data, int32 pixels and RLE with a 0xFFFFFFFF delimiter length give the same phantom HU', async () => {
    const [float, int32, rle] = await Promise.all(['float-pixel-data.dcm', 'bits-allocated-32.dcm', 'rle-sequence-delimiter-undefined-length.dcm'].map((f) => decodeSlice(read(f))));
    for (const s of [float, int32, rle]) expect([s!.width, s!.height]).toEqual([512, 512]);
    expect(Array.from(float!.hu)).toEqual(Array.from(int32!.hu));
    expect(Array.from(rle!.hu)).toEqual(Array.from(int32!.hu));
    // A head phantom: air, brain and bone, nothing the plausibility checks object to.
    expect(int32!.hu.reduce((a, b) => Math.min(a, b))).toBeLessThan(-1000);
    expect(int32!.warnings).toEqual([]);
  });

  it('PALETTE COLOR is refused as a colour image, naming its Photometric Interpretation', async () => {
    const e = await refusal('palette-color.dcm');
    expect(e.code).toBe('photometric');
    expect(e.message).toContain('PALETTE COLOR');
  });

  it('Pixel Spacing "0.5,1.0" is read leniently with a warning by name; both files give the same model input', async () => {
    const [comma, well] = await Promise.all(['pixel-spacing-with-comma.dcm', 'pixel-spacing-well-formed.dcm'].map((f) => decodeSlice(read(f))));
    expect(comma!.pixelSpacing).toEqual([0.5, 1]);
    expect(well!.pixelSpacing).toEqual([0.5, 1]);
    expect(well!.warnings).toEqual([]);
    expect(comma!.warnings?.map((w) => [w.code, w.params['name']])).toEqual([['attribute-lenient', 'Pixel Spacing (0028,0030)']]);
    expect(Array.from(sliceToModel(comma!).hu)).toEqual(Array.from(sliceToModel(well!).hu));
  });

  it('an arithmetic-coded JPEG (SOF9) decodes through libjpeg-turbo', async () => {
    const s = await decodeSlice(read('arithmetic-coded.jpg'), { window8bit: { level: 40, width: 80 } });
    expect([s.width, s.height]).toEqual([512, 512]);
    expect(s.source).toBe('jpeg');
    expect(new Set(s.hu).size).toBeGreaterThan(2);
  });

  it('a 1×1 PNG is warned about when decoded alone, and refused by the CLI and site size rule', async () => {
    const s = await decodeSlice(read('one-pixel.png'));
    expect(s.warnings?.map((w) => w.code)).toContain('small-image');
    expect((await refusal('one-pixel.png', { minSide: MIN_SLICE_SIDE })).code).toBe('too-small');
  });

  it('the size rule keeps the first table\'s small cases: a 4×8 block and 16×16 slices still decode', async () => {
    for (const f of ['anisotropic-spacing.dcm', 'pixel-padding-unsigned.dcm', 'enhanced-ct-rescale-in-functional-groups.dcm']) {
      await expect(decodeSlice(read(f), { minSide: MIN_SLICE_SIDE })).resolves.toMatchObject({ source: 'dicom' });
    }
  });

  it.each(['20000x1.png', '16777216x1.png'])('%s is refused from its header under the CLI and site rule', async (name) => {
    const e = await refusal(name, { minSide: MIN_SLICE_SIDE });
    expect(e.code).toBe('too-small');
    expect(e.message).toMatch(/too small to be a CT slice/);
  });

  it('20000x1.png decoded alone reaches the model grid without a 20000² square', async () => {
    const s = await decodeSlice(read('20000x1.png'));
    const grid = sliceToModel(s, 64);
    expect(grid.hu).toHaveLength(64 * 64);
    expect(grid.hu.every(Number.isFinite)).toBe(true);
  });
});
