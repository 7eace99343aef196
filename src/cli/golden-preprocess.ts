/**
 * Writes tests/fixtures/golden/preprocess.json: a fixed synthetic HU ramp and its model input
 * (src/ct/window.ts), and tests/fixtures/golden/head-crop.json: synthetic heads and their crop to the
 * model grid (src/ct/head-crop.ts). The PyTorch trainer's tests (models/train/test_preprocess.py)
 * assert they compute the same numbers; tests/unit/golden/preprocess.test.ts re-derives the files, so
 * a change on either side fails a test.
 *
 * Usage: npx tsx src/cli/golden-preprocess.ts [preprocess.json [head-crop.json]]
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { MODEL_WINDOWS, huToModelInput, byteToHU, WINDOWS } from '../ct/window';
import { cropToHead } from '../ct/head-crop';

/** HU values around every window edge (brain 0..80, subdural -20..180, bone -800..2000) and beyond. */
export const HU_RAMP: readonly number[] = [
  -1100, -1000, -800, -20, 0, 20, 39.9, 40, 60, 79.99, 80, 180, 200, 1999, 2000, 3000,
];

/** Side of the square test slice (HU_RAMP.length = SIDE²). */
export const SIDE = 4;

/** The fixture: `hu` (float32 values as stored), `input` NHWC float32 [1, SIDE, SIDE, 3] flattened. */
export interface PreprocessFixture {
  readonly format: 'ich-golden-preprocess/1';
  readonly side: number;
  readonly windows: readonly { level: number; width: number }[];
  readonly normalisation: string;
  readonly hu: number[];
  readonly input: number[];
}

/** Build the fixture from the ramp with the one preprocessing definition. */
export function buildPreprocessFixture(): PreprocessFixture {
  const hu = Float32Array.from(HU_RAMP);
  const input = huToModelInput(hu, SIDE);
  return {
    format: 'ich-golden-preprocess/1',
    side: SIDE,
    windows: MODEL_WINDOWS.map((w) => ({ level: w.level, width: w.width })),
    normalisation: 'x = 2 * clip((HU - (L - W/2)) / W, 0, 1) - 1, NHWC, channels brain, subdural, bone',
    hu: Array.from(hu),
    input: Array.from(input),
  };
}

/** One synthetic head: an elliptic "skull" ring and "brain", a detached "table" bar, a gradient of air. */
function syntheticHead(width: number, height: number, cx: number, cy: number, rx: number, ry: number, eightBit: boolean): Float32Array {
  const hu = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const q = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
      let v = -1000 + (x % 3) * 7 + (y % 2) * 5; // air with a little structure
      if (q < 1) v = q > 0.7 ? 1200 : 30 + 10 * ((x * 7 + y * 3) % 5);
      if (y === height - 2 && x > 2 && x < width - 3) v = 300; // the table, apart from the head
      hu[y * width + x] = eightBit ? byteToHU(Math.round(Math.min(Math.max(v / 80, 0), 1) * 255), WINDOWS.brain) : v;
    }
  }
  return hu;
}

/** Cases of the head-crop fixture: enlarging, shrinking, off-centre (the crop leaves the image), 8-bit. */
const CROP_CASES = [
  { name: 'enlarge', width: 20, height: 16, cx: 9.5, cy: 7, rx: 6, ry: 5, eightBit: false, size: 24 },
  { name: 'shrink', width: 48, height: 40, cx: 24, cy: 19, rx: 17, ry: 14, eightBit: false, size: 16 },
  { name: 'edge', width: 30, height: 30, cx: 4, cy: 12, rx: 8, ry: 9, eightBit: false, size: 20 },
  { name: 'eight-bit', width: 36, height: 36, cx: 18, cy: 16, rx: 12, ry: 13, eightBit: true, size: 24 },
] as const;

/** The head-crop fixture: per case the input HU, the crop box and the output on the model grid. */
export function buildHeadCropFixture(): object {
  return {
    format: 'ich-golden-head-crop/1',
    rule: 'src/ct/head-crop.ts',
    cases: CROP_CASES.map((c) => {
      const hu = syntheticHead(c.width, c.height, c.cx, c.cy, c.rx, c.ry, c.eightBit);
      const g = cropToHead(hu, c.width, c.height, c.size);
      return { name: c.name, width: c.width, height: c.height, size: c.size, hu: Array.from(hu), box: g.box, out: Array.from(g.hu) };
    }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = process.argv[2] ?? 'tests/fixtures/golden/preprocess.json';
  writeFileSync(out, `${JSON.stringify(buildPreprocessFixture(), null, 1)}\n`);
  const crop = process.argv[3] ?? 'tests/fixtures/golden/head-crop.json';
  writeFileSync(crop, `${JSON.stringify(buildHeadCropFixture())}\n`);
  console.log(`golden-preprocess: wrote ${out} and ${crop}`);
}
