/**
 * The ResNet diagram's data: every stage the reader can point at, with its output shape computed from
 * the network's spec (src/model/arch.ts), never written out a second time.
 */
import type { StageId } from '../labels';
import { layout, STAGES, type ResNetSpec } from '../model/arch';

/** What a diagram item is, which decides how it is drawn. */
export type StageKind = 'input' | 'conv' | 'pool' | 'stage' | 'vector';

/** Ids of the diagram's items, in forward order (defined in src/labels.ts, where src/i18n reads them too). */
export type { StageId };

/** One item of the diagram. */
export interface DiagramStage {
  readonly id: StageId;
  readonly kind: StageKind;
  /** Output shape: [height, width, channels] for maps, [length] for vectors. */
  readonly shape: readonly number[];
  /** Basic blocks in the stage (layer1..layer4), else 0. */
  readonly blocks: number;
  /** Stride of the item's first operation (1 where the side is kept). */
  readonly stride: number;
  /** The operation in short, from the spec: "7×7/2" (kernel/stride), "512→6" (dense), or "". */
  readonly op: string;
  /** True for the four stages whose outputs Grad-CAM can target (the Explorer's layer choice). */
  readonly gradcam: boolean;
}

/** torchvision's stem max-pool (src/model/ops.ts maxPoolWithSwitches): 3x3, stride 2, padding 1. */
export const STEM_POOL = { kernel: 3, stride: 2, pad: 1 } as const;

/** Output side of a convolution or pooling window: floor((n + 2·pad − kernel) / stride) + 1. */
export function outSide(n: number, op: { readonly kernel: number; readonly stride: number; readonly pad: number }): number {
  return Math.floor((n + 2 * op.pad - op.kernel) / op.stride) + 1;
}

/**
 * The diagram's items for `spec` at a square input of side `inputSize`:
 * input → conv1 → max-pool → layer1..layer4 → global average pool → dense → sigmoids.
 */
export function diagramStages(spec: ResNetSpec, inputSize: number): DiagramStage[] {
  const { stem, blocks } = layout(spec);
  let side = inputSize;
  const win = (k: { readonly kernel: number; readonly stride: number }): string => `${k.kernel}×${k.kernel}/${k.stride}`;
  const out: DiagramStage[] = [{ id: 'input', kind: 'input', shape: [side, side, spec.inChannels], blocks: 0, stride: 1, op: '', gradcam: false }];
  side = outSide(side, stem);
  out.push({ id: 'conv1', kind: 'conv', shape: [side, side, stem.outC], blocks: 0, stride: stem.stride, op: win(stem), gradcam: false });
  side = outSide(side, STEM_POOL);
  out.push({ id: 'maxpool', kind: 'pool', shape: [side, side, stem.outC], blocks: 0, stride: STEM_POOL.stride, op: win(STEM_POOL), gradcam: false });
  let channels = stem.outC;
  for (const stage of STAGES) {
    const inStage = blocks.filter((b) => b.stage === stage);
    const first = inStage[0];
    if (!first) continue;
    // A block's side changes only in its first convolution (stride 2 in the first block of layer2..4).
    for (const b of inStage) side = outSide(outSide(side, b.conv1), b.conv2);
    channels = inStage.at(-1)?.conv2.outC ?? channels;
    out.push({ id: stage, kind: 'stage', shape: [side, side, channels], blocks: inStage.length, stride: first.conv1.stride, op: '', gradcam: true });
  }
  out.push({ id: 'avgpool', kind: 'vector', shape: [channels], blocks: 0, stride: 1, op: '', gradcam: false });
  out.push({ id: 'fc', kind: 'vector', shape: [spec.classes], blocks: 0, stride: 1, op: `${channels}→${spec.classes}`, gradcam: false });
  out.push({ id: 'sigmoid', kind: 'vector', shape: [spec.classes], blocks: 0, stride: 1, op: '', gradcam: false });
  return out;
}

/** A shape as text: "56 × 56 × 64" or "512". */
export function shapeText(shape: readonly number[]): string {
  return shape.join(' × ');
}
