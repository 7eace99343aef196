/**
 * ResNet architecture description and the weight names it needs.
 * Names follow torchvision's `state_dict` with BatchNorm folded into each convolution at export:
 * every conv has `.weight` (HWIO kernel) and `.bias`; the head is `fc.weight` [in, out] (transposed
 * from torch's [out, in]) and `fc.bias` [out].
 */
import { STAGES, type Stage } from '../labels';

/** Shape of a ResNet built from basic blocks (torchvision `BasicBlock`). */
export interface ResNetSpec {
  /** Input channels (3: three CT windows). */
  readonly inChannels: number;
  /** Stem convolution (7x7/2) output channels. */
  readonly stem: number;
  /** Basic blocks per stage, `layer1`..`layer4`. */
  readonly blocks: readonly [number, number, number, number];
  /** Output channels per stage. */
  readonly widths: readonly [number, number, number, number];
  /** Number of sigmoid outputs. */
  readonly classes: number;
}

/** torchvision `resnet34(num_classes=6)`. */
export const RESNET34: ResNetSpec = {
  inChannels: 3,
  stem: 64,
  blocks: [3, 4, 6, 3],
  widths: [64, 128, 256, 512],
  classes: 6,
};

/** A tiny network of the same operations, for fast tests and GPU-path checks. */
export const TINY_RESNET: ResNetSpec = {
  inChannels: 3,
  stem: 4,
  blocks: [1, 2, 1, 1],
  widths: [4, 8, 8, 8],
  classes: 6,
};

/** The six labels, in output order (RSNA 2019); their home is src/labels.ts. */
export { LABELS, type Label } from '../labels';

/** The four stages whose outputs Grad-CAM can target; their home is src/labels.ts. */
export { STAGES, type Stage };

/** One convolution of the network (BatchNorm already folded in). */
export interface ConvSpec {
  /** Weight-name prefix, e.g. `layer2.0.downsample.0`. */
  readonly name: string;
  readonly kernel: number;
  readonly stride: number;
  readonly pad: number;
  readonly inC: number;
  readonly outC: number;
}

/** One basic block: conv1 → relu → conv2, plus an identity or 1x1/2 downsample shortcut, → relu. */
export interface BlockSpec {
  /** e.g. `layer3.1` */
  readonly name: string;
  readonly stage: Stage;
  readonly conv1: ConvSpec;
  readonly conv2: ConvSpec;
  readonly downsample: ConvSpec | null;
}

/** The stem conv and every block, in forward order. */
export function layout(spec: ResNetSpec): { stem: ConvSpec; blocks: BlockSpec[] } {
  const stem: ConvSpec = { name: 'conv1', kernel: 7, stride: 2, pad: 3, inC: spec.inChannels, outC: spec.stem };
  const blocks: BlockSpec[] = [];
  let inC = spec.stem;
  STAGES.forEach((stage, s) => {
    const outC = spec.widths[s] as number;
    for (let b = 0; b < (spec.blocks[s] as number); b++) {
      const stride = s > 0 && b === 0 ? 2 : 1;
      const name = `${stage}.${b}`;
      const needsShortcut = stride !== 1 || inC !== outC;
      blocks.push({
        name,
        stage,
        conv1: { name: `${name}.conv1`, kernel: 3, stride, pad: 1, inC, outC },
        conv2: { name: `${name}.conv2`, kernel: 3, stride: 1, pad: 1, inC: outC, outC },
        downsample: needsShortcut
          ? { name: `${name}.downsample.0`, kernel: 1, stride, pad: 0, inC, outC }
          : null,
      });
      inC = outC;
    }
  });
  return { stem, blocks };
}

/** Every weight name with its shape (HWIO kernels, [in, out] head), in a stable order. */
export function weightShapes(spec: ResNetSpec): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  const addConv = (c: ConvSpec): void => {
    shapes.set(`${c.name}.weight`, [c.kernel, c.kernel, c.inC, c.outC]);
    shapes.set(`${c.name}.bias`, [c.outC]);
  };
  const { stem, blocks } = layout(spec);
  addConv(stem);
  for (const b of blocks) {
    addConv(b.conv1);
    addConv(b.conv2);
    if (b.downsample) addConv(b.downsample);
  }
  const last = spec.widths[3];
  shapes.set('fc.weight', [last, spec.classes]);
  shapes.set('fc.bias', [spec.classes]);
  return shapes;
}
