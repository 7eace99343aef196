/**
 * The caution's test list (#23 item 6): every input that is not a brain-level axial head-CT slice is
 * flagged (segmentation masks, blank and uniform images, neck and face slices, colour photographs,
 * non-CT pictures), and brain-level slices are not. Without a model: the decoder's warnings and the
 * head-CT check alone (the feature distance only adds flags, see combineCaution).
 * Real data where present (../shared/data, read in place, skipped where absent): CT-ICH's mask and
 * bleed DICOMs (Hssayeni et al., PhysioNet), the UNC cadaver head (credit University of North
 * Carolina), Debian's InVesalius head.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeSlice } from '../../../src/ct/decode';
import { sliceToModel } from '../../../src/ct/head-crop';
import { MODEL_SIZE } from '../../../src/ct/window';
import type { CtSlice } from '../../../src/ct/slice';
import { checkHeadCt } from '../../../src/ood/head-ct';
import { combineCaution } from '../../../src/ood/caution';
import { phantomSlice } from '../../../src/components/slices';
import { SAMPLES } from '../../../src/phantom/samples';
import { REAL_SAMPLES, REAL_SAMPLE_SIZE, parseRealSample, realSampleFile } from '../../../src/phantom/real-samples';
import { cropToHead } from '../../../src/ct/head-crop';
import { loadCthead } from '../../../src/cli/cthead';
import { INVESALIUS_CRANIUM, loadInvesalius } from '../../../src/cli/invesalius';
import { writeDicom } from '../ct/write-dicom';
import { writePng } from '../ct/png-writer';

/** The caution as the explorer makes it for a file, without the feature distance. */
async function cautionOfFile(bytes: Uint8Array) {
  const s = await decodeSlice(bytes, { minSide: 4 });
  return cautionOf(s);
}

function cautionOf(s: CtSlice) {
  const grid = sliceToModel(s, MODEL_SIZE).hu;
  const head = checkHeadCt(grid, MODEL_SIZE, s.windowUsed);
  return combineCaution({ warnings: s.warnings ?? [], head, features: null });
}

const N = 128;
/** A disc of `inside` HU (radius r) in `outside`, with an optional ring of `ring` HU (thickness t). */
function disc(inside: number, outside: number, r: number, ring?: { hu: number; t: number }): number[] {
  return Array.from({ length: N * N }, (_, k) => {
    const d = Math.hypot((k % N) - N / 2, Math.floor(k / N) - N / 2);
    if (ring && d > r && d <= r + ring.t) return ring.hu;
    return d <= r ? inside : outside;
  });
}

const png8 = (grey: number[]): Uint8Array => writePng({ width: N, height: N, samples: grey, depth: 8, colourType: 0 });

describe('the test list: each case is flagged', () => {
  it('a segmentation-mask DICOM (0/1 without a rescale)', async () => {
    const c = await cautionOfFile(writeDicom({ rows: N, cols: N, stored: disc(1, 0, 30) }));
    expect(c.state).toBe('far');
    expect(c.reasons).toContain('implausible-hu');
  });

  it('a segmentation-mask DICOM (0/255)', async () => {
    const c = await cautionOfFile(writeDicom({ rows: N, cols: N, stored: disc(255, 0, 30) }));
    expect(c.state).toBe('far');
  });

  it('a uniform 40 HU square (DICOM, rescaled)', async () => {
    const c = await cautionOfFile(writeDicom({ rows: N, cols: N, stored: Array(N * N).fill(1064), intercept: '-1024', slope: '1' }));
    expect(c.state).toBe('far');
    // One value everywhere: nothing lies above the air threshold (just above the lowest value), so no head.
    expect(c.reasons).toContain('no-head');
  });

  it('a uniform grey PNG, and a blank (black) PNG', async () => {
    expect((await cautionOfFile(png8(Array(N * N).fill(128)))).state).toBe('far');
    const blank = await cautionOfFile(png8(Array(N * N).fill(0)));
    expect(blank.state).toBe('far');
    expect(blank.reasons).toContain('no-head');
  });

  it('a DICOM of air only', async () => {
    const c = await cautionOfFile(writeDicom({ rows: N, cols: N, stored: Array(N * N).fill(24), intercept: '-1024', slope: '1' }));
    expect(c.state).toBe('far');
  });

  it('a disc of brain without a skull (a head CT has one)', async () => {
    const c = await cautionOfFile(writeDicom({ rows: N, cols: N, stored: disc(1060, 24, 50), intercept: '-1024', slope: '1' }));
    expect(c.state).toBe('far');
    expect(c.reasons).toContain('no-bone');
  });

  it('a colour photograph (PNG, RGB): warned as a colour image and flagged', async () => {
    // Sky, a red house with a dark door, green grass: every pixel coloured.
    const rgb: number[] = [];
    for (let y = 0; y < N; y++) {
      for (let x = 0; x < N; x++) {
        const house = x > 30 && x < 98 && y > 50 && y < 110;
        const door = house && x > 56 && x < 72 && y > 80;
        const c = y >= 110 ? [40, 150, 50] : door ? [60, 30, 20] : house ? [190, 50, 40] : [110, 170, 235];
        rgb.push(...c);
      }
    }
    const s = await decodeSlice(writePng({ width: N, height: N, samples: rgb, depth: 8, colourType: 2 }));
    expect(s.warnings?.map((w) => w.code)).toContain('colour-image');
    const c = cautionOf(s);
    expect(c.state).toBe('far');
    expect(c.reasons[0]).toBe('colour');
  });

  it('a grey CT saved as RGB with slight chroma noise is not a colour image', async () => {
    const rgb: number[] = [];
    disc(200, 0, 40).forEach((g, i) => rgb.push(g, Math.max(0, g - (i % 7)), Math.min(255, g + (i % 5))));
    const s = await decodeSlice(writePng({ width: N, height: N, samples: rgb, depth: 8, colourType: 2 }));
    expect(s.warnings?.map((w) => w.code) ?? []).not.toContain('colour-image');
  });

  it('a non-CT greyscale picture (a smooth gradient with shapes)', async () => {
    const grey = Array.from({ length: N * N }, (_, k) => {
      const x = k % N;
      const y = Math.floor(k / N);
      return Math.round((x + y) * (255 / (2 * N)) + (Math.hypot(x - 40, y - 40) < 15 ? 60 : 0)) % 256;
    });
    expect((await cautionOfFile(png8(grey))).state).toBe('far');
  });
});

describe('brain-level slices pass the decoder and head-CT checks', () => {
  it('a skull ring around brain (DICOM): not flagged', async () => {
    // Brain 28–37 HU in a pattern (a real brain is never one value), a 2-pixel skull of 1000 HU.
    const stored = disc(1024 + 32, 24, 44, { hu: 1024 + 1000, t: 2 }).map((v, k) => (v === 1056 ? 1052 + ((k * 7) % 10) : v));
    const c = await cautionOfFile(writeDicom({ rows: N, cols: N, stored, intercept: '-1024', slope: '1' }));
    expect(c.reasons).toEqual([]);
  });

  it.each(SAMPLES.map((s) => [s.name, s.seed] as const))('built-in phantom %s', (_name, seed) => {
    const head = checkHeadCt(phantomSlice(seed).hu, MODEL_SIZE);
    expect(head.reasons).toEqual([]);
  });

  const samplesDir = fileURLToPath(new URL('../../../public/samples/real-background/', import.meta.url));
  it.each(REAL_SAMPLES.map((s) => [s.name, s] as const))('built-in real-background sample %s', (_n, s) => {
    const r = parseRealSample(new Uint8Array(readFileSync(join(samplesDir, realSampleFile(s)))));
    const grid = cropToHead(Float32Array.from(r.hu), REAL_SAMPLE_SIZE, REAL_SAMPLE_SIZE).hu;
    expect(checkHeadCt(grid, MODEL_SIZE).reasons).toEqual([]);
  });
});

describe('combineCaution', () => {
  const ok = { ok: true, reasons: [], measures: {} } as unknown as Parameters<typeof combineCaution>[0]['head'];
  it('near only when every check ran and none found a reason; unknown while the feature distance computes', () => {
    expect(combineCaution({ warnings: [], head: ok, features: { score: 1, threshold: 4 } })).toEqual({ state: 'near', reasons: [] });
    expect(combineCaution({ warnings: [], head: ok, features: null }).state).toBe('');
  });
  it('the feature distance alone flags; reasons keep their order and appear once', () => {
    expect(combineCaution({ warnings: [], head: ok, features: { score: 5, threshold: 4 } })).toEqual({ state: 'far', reasons: ['far-features'] });
    const c = combineCaution({ warnings: [{ code: 'hu-no-air' }, { code: 'hu-no-brain' }, { code: 'window-unsure' }], head: ok, features: { score: 5, threshold: 4 } });
    expect(c.reasons).toEqual(['implausible-hu', 'far-features']);
  });
});

const SHARED = join(fileURLToPath(new URL('../../..', import.meta.url)), '..', 'shared', 'data');
const CTICH_DICOM = join(SHARED, 'ctich-dicom');
describe.skipIf(!existsSync(CTICH_DICOM))(`CT-ICH DICOMs (${CTICH_DICOM}; skipped where absent)`, () => {
  const files = existsSync(CTICH_DICOM) ? readdirSync(join(CTICH_DICOM, 'Masks_subset')) : [];
  it.each(files)('mask %s is flagged; the bleed slice of the same name is not', async (f) => {
    const mask = await cautionOfFile(new Uint8Array(readFileSync(join(CTICH_DICOM, 'Masks_subset', f))));
    expect(mask.state).toBe('far');
    const slice = await cautionOfFile(new Uint8Array(readFileSync(join(CTICH_DICOM, 'hemo_subset', f))));
    expect(slice.reasons).toEqual([]);
  });
});

const CTHEAD = join(SHARED, 'backgrounds', 'cthead', 'CThead.u16be.gz');
describe.skipIf(!existsSync(CTHEAD))(`the UNC cadaver head (${CTHEAD}; skipped where absent)`, () => {
  it('neck and face slices (the lowest 36 of 113, below the cranial cavity) are flagged; brain-level ones (cavity 40–100) are not', () => {
    const vol = loadCthead(CTHEAD);
    const n = vol.width * vol.height;
    const at = (z: number): CtSlice => ({ hu: Float32Array.from(vol.hu.subarray(z * n, (z + 1) * n)), width: vol.width, height: vol.height, source: 'dicom' });
    const flaggedLow = [0, 6, 12, 18, 24, 30, 36].filter((z) => cautionOf(at(z)).state === 'far');
    expect(flaggedLow).toEqual([0, 6, 12, 18, 24, 30, 36]);
    const flaggedBrain = [44, 52, 60, 68, 76, 84, 92, 100].filter((z) => cautionOf(at(z)).reasons.length > 0);
    expect(flaggedBrain).toEqual([]);
  });
});

describe.skipIf(!existsSync(INVESALIUS_CRANIUM))('the InVesalius head (skipped without invesalius-examples)', () => {
  it('slices 12–92 (brain level) pass; the lowest, at the skull base, are flagged', async () => {
    const vol = await loadInvesalius();
    const n = vol.width * vol.height;
    const at = (z: number): CtSlice => ({ hu: Float32Array.from(vol.hu.subarray(z * n, (z + 1) * n)), width: vol.width, height: vol.height, source: 'dicom' });
    for (let z = 12; z <= 92; z += 8) expect(cautionOf(at(z)).reasons, `slice ${z}`).toEqual([]);
    expect(cautionOf(at(0)).state).toBe('far');
  });
});
