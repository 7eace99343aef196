/**
 * Writes tests/fixtures/golden/preprocess.json: a fixed synthetic HU ramp and its model input
 * (src/ct/window.ts). The PyTorch trainer's test (models/train/test_preprocess.py) asserts it
 * computes the same numbers; tests/unit/golden/preprocess.test.ts re-derives the file, so a change
 * on either side fails a test.
 *
 * Usage: npx tsx src/cli/golden-preprocess.ts [out.json]
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { MODEL_WINDOWS, huToModelInput } from '../ct/window';

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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = process.argv[2] ?? 'tests/fixtures/golden/preprocess.json';
  writeFileSync(out, `${JSON.stringify(buildPreprocessFixture(), null, 1)}\n`);
  console.log(`golden-preprocess: wrote ${out}`);
}
