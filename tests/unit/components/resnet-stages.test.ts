/** The ResNet diagram's items: shapes follow from the spec, checked against ResNet34's known sizes. */
import { describe, expect, it } from 'vitest';
import { RESNET34, TINY_RESNET } from '../../../src/model/arch';
import { diagramStages, outSide, shapeText } from '../../../src/components/resnet-stages';

describe('diagramStages', () => {
  it('gives ResNet34 at 224 its textbook shapes, blocks and Grad-CAM stages', () => {
    const s = diagramStages(RESNET34, 224);
    expect(s.map((x) => x.id)).toEqual(['input', 'conv1', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4', 'avgpool', 'fc', 'sigmoid']);
    expect(s.map((x) => shapeText(x.shape))).toEqual([
      '224 × 224 × 3',
      '112 × 112 × 64',
      '56 × 56 × 64',
      '56 × 56 × 64',
      '28 × 28 × 128',
      '14 × 14 × 256',
      '7 × 7 × 512',
      '512',
      '6',
      '6',
    ]);
    expect(s.map((x) => x.blocks)).toEqual([0, 0, 0, 3, 4, 6, 3, 0, 0, 0]);
    expect(s.filter((x) => x.gradcam).map((x) => x.id)).toEqual(['layer1', 'layer2', 'layer3', 'layer4']);
    expect(s.map((x) => x.stride)).toEqual([1, 2, 2, 1, 2, 2, 2, 1, 1, 1]);
    expect(s.map((x) => x.op)).toEqual(['', '7×7/2', '3×3/2', '', '', '', '', '', '512→6', '']);
  });

  it('follows the spec it is given (the tiny test network at 64)', () => {
    const s = diagramStages(TINY_RESNET, 64);
    expect(s.map((x) => x.shape)).toEqual([[64, 64, 3], [32, 32, 4], [16, 16, 4], [16, 16, 4], [8, 8, 8], [4, 4, 8], [2, 2, 8], [8], [6], [6]]);
    expect(s.map((x) => x.blocks)).toEqual([0, 0, 0, 1, 2, 1, 1, 0, 0, 0]);
  });
});

describe('outSide', () => {
  it('is floor((n + 2·pad − k) / stride) + 1', () => {
    expect(outSide(224, { kernel: 7, stride: 2, pad: 3 })).toBe(112);
    expect(outSide(112, { kernel: 3, stride: 2, pad: 1 })).toBe(56);
    expect(outSide(7, { kernel: 3, stride: 2, pad: 1 })).toBe(4);
  });
});
