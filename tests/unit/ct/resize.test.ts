import { describe, expect, it } from 'vitest';
import { padToSquare, resampleArea, resampleBilinear, resizeToModel } from '../../../src/ct/resize';
import { MODEL_SIZE } from '../../../src/ct/window';

// A 7x5 pattern and the values PyTorch 1.13 gives for it (models/train mirrors resize.ts):
//   x = torch.arange(35.).reshape(5, 7); x = x * x % 13 - 6
//   p = F.pad(x[None, None], (0, 0, 1, 1), value=-1000.0)
//   F.interpolate(p, size=(3, 3), mode='area');  F.interpolate(p, size=(10, 10), mode='bilinear', align_corners=False)
const SRC = Float32Array.from({ length: 35 }, (_, i) => ((i * i) % 13) - 6);
const TORCH_AREA_3 = [-334.0, -333.777771, -334.0, 1.0, 0.0, -1.666667, -332.888885, -333.0, -333.555573];
const TORCH_BILINEAR_10_ROW2 = [-3.5, -2.8125, -2.25, -2.25, 1.1625, 0.9875, -2.45, 1.749999, 2.4625, 1.5];
const TORCH_BILINEAR_10_ROW1 = [-453.300049, -452.997559, -452.337524, -451.182556, -449.312561, -449.505066, -451.402527, -447.937531, -447.195038, -447.800079];

describe('resize to the model grid', () => {
  it('pads a 7x5 image to 7x7 with air, centred (one row above, one below)', () => {
    const sq = padToSquare(SRC, 7, 5);
    expect(sq.size).toBe(7);
    expect(Array.from(sq.data.subarray(0, 7))).toEqual(Array(7).fill(-1000));
    expect(Array.from(sq.data.subarray(7, 14))).toEqual(Array.from(SRC.subarray(0, 7)));
    expect(Array.from(sq.data.subarray(42, 49))).toEqual(Array(7).fill(-1000));
    // 2 wide, 5 tall: left = floor(3/2) = 1, so one column of air on the left, two on the right
    const tall = padToSquare(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 2, 5);
    expect(Array.from(tall.data.subarray(0, 5))).toEqual([-1000, 1, 2, -1000, -1000]);
  });

  it('area shrink matches PyTorch mode="area" (integer bins)', () => {
    const sq = padToSquare(SRC, 7, 5);
    const out = resampleArea(sq.data, 7, 7, 3, 3);
    out.forEach((v, i) => expect(v).toBeCloseTo(TORCH_AREA_3[i] as number, 3));
  });

  it('bilinear enlarge matches PyTorch align_corners=False', () => {
    const sq = padToSquare(SRC, 7, 5);
    const out = resampleBilinear(sq.data, 7, 7, 10, 10);
    expect(Array.from(out.subarray(0, 10))).toEqual(Array(10).fill(-1000));
    out.subarray(10, 20).forEach((v, i) => expect(v).toBeCloseTo(TORCH_BILINEAR_10_ROW1[i] as number, 3));
    out.subarray(20, 30).forEach((v, i) => expect(v).toBeCloseTo(TORCH_BILINEAR_10_ROW2[i] as number, 4));
  });

  it('area of a 2:1 shrink is the mean of each 2x2 block', () => {
    const src = Float32Array.from([1, 3, 10, 20, 5, 7, 30, 40, 0, 0, 8, 8, 4, 4, 8, 8]);
    expect(Array.from(resampleArea(src, 4, 4, 2, 2))).toEqual([4, 25, 2, 8]);
  });

  it('resizeToModel: 512² shrinks by area, 224² is copied, constants stay constant', () => {
    const big = new Float32Array(512 * 512).fill(40);
    const out = resizeToModel({ hu: big, width: 512, height: 512 });
    expect(out.length).toBe(MODEL_SIZE * MODEL_SIZE);
    expect(Math.min(...out)).toBeCloseTo(40, 5);
    expect(Math.max(...out)).toBeCloseTo(40, 5);
    const same = new Float32Array(MODEL_SIZE * MODEL_SIZE).map((_, i) => i % 97);
    const copy = resizeToModel({ hu: same, width: MODEL_SIZE, height: MODEL_SIZE });
    expect(copy).not.toBe(same);
    expect(Array.from(copy)).toEqual(Array.from(same));
    // a small non-square image is padded with air then enlarged: corners stay air
    const small = resizeToModel({ hu: new Float32Array(100 * 50).fill(30), width: 100, height: 50 });
    expect(small[0]).toBe(-1000);
    expect(small[112 * MODEL_SIZE + 112]).toBeCloseTo(30, 4);
  });
});
