/**
 * Every gradient-type map of one label from one backward pass (issue #14). The gradient, Guided
 * Backprop and DeconvNet differ only in the rule at each ReLU (METHODS.md), so they travel down the
 * network together as a batch of signals, one per rule (`ResNet.backwardBatch`): each convolution runs
 * once over the batch instead of once per method. The gradient's signal passes every stage output on
 * its way down, and that is exactly what Grad-CAM needs at any layer, so Grad-CAM comes from the same
 * pass whenever the gradient is in the batch. The maps equal the methods' own (gradient.ts,
 * guided-backprop.ts, deconvnet.ts, gradcam.ts) to float rounding; Guided Grad-CAM is then the product of
 * two of them (guided-gradcam.ts, unchanged).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Stage } from '../model/arch';
import type { ReluRule } from '../model/relu-rules';
import type { ForwardState, ResNet } from '../model/resnet34';
import { camFromGradient, upsampleCam } from './gradcam';
import type { ExplainRequest } from './method';

/** The rule a method's input-space map needs, for methods a batch serves (DeconvNet only from a class logit). */
function ruleOf(req: ExplainRequest): ReluRule | null {
  if (req.method === 'gradient') return 'gradient';
  if (req.method === 'guided-backprop') return 'guided';
  if (req.method === 'deconvnet' && !req.feature) return 'deconv';
  return null;
}

/** One batched backward pass: which rules it carries, and at which stages it yields Grad-CAM. */
export interface BatchPlan {
  readonly label: number;
  /** One batch element per rule, in RELU_RULES order. */
  readonly rules: readonly ReluRule[];
  /** Grad-CAM layers made from the gradient's signal (only when `rules` holds 'gradient'). */
  readonly cams: readonly Stage[];
}

/**
 * Group canonical requests into batched passes, one per label. Guided Grad-CAM asks for its two parts
 * (Guided Backprop and Grad-CAM at its layer). A pass is planned only when it makes at least two maps;
 * Grad-CAM joins it only when the gradient rule is in it (otherwise Grad-CAM's own pass, which stops
 * at its layer, is cheaper than adding a gradient signal down to the input). Requests no batch serves
 * (feature-target DeconvNet, the lab methods) are left out: the caller computes them on their own.
 * @param requests canonical requests (`canonicalRequest`), already-computed ones removed by the caller.
 * @param done whether a canonical request's map is already computed (its part is then not planned).
 */
export function planBatches(requests: readonly ExplainRequest[], done: (req: ExplainRequest) => boolean = () => false): BatchPlan[] {
  const byLabel = new Map<number, { rules: Set<ReluRule>; cams: Set<Stage> }>();
  const want = (req: ExplainRequest): void => {
    if (done(req)) return;
    const entry = byLabel.get(req.label) ?? { rules: new Set<ReluRule>(), cams: new Set<Stage>() };
    byLabel.set(req.label, entry);
    const rule = ruleOf(req);
    if (rule) entry.rules.add(rule);
    if (req.method === 'gradcam') entry.cams.add(req.layer ?? 'layer4');
  };
  for (const req of requests) {
    if (req.method === 'guided-gradcam') {
      want({ method: 'guided-backprop', label: req.label });
      want({ method: 'gradcam', label: req.label, layer: req.layer ?? 'layer4' });
    } else if (ruleOf(req) || req.method === 'gradcam') {
      want(req);
    }
  }
  const plans: BatchPlan[] = [];
  for (const [label, { rules, cams }] of byLabel) {
    const ordered = (['gradient', 'guided', 'deconv'] as const).filter((r) => rules.has(r));
    const camStages = ordered.includes('gradient') ? (['layer1', 'layer2', 'layer3', 'layer4'] as const).filter((s) => cams.has(s)) : [];
    if (ordered.length + camStages.length >= 2) plans.push({ label, rules: ordered, cams: camStages });
  }
  return plans;
}

/** A map made by a batched pass, with the canonical request it answers. */
export interface BatchedMap {
  readonly request: ExplainRequest;
  /** [H,W,C] float32, as the method's own `compute` returns it. */
  readonly map: tf.Tensor3D;
}

/**
 * Run one planned pass. Synchronous: call inside `tf.tidy` (the returned maps are what the tidy keeps).
 * Input-space maps are [H,W,inChannels] raw signed signals; Grad-CAM maps [H,W,1], rectified, bilinearly
 * upsampled, not normalised, exactly as gradient.ts, guided-backprop.ts, deconvnet.ts and gradcam.ts.
 */
export function runBatch(net: ResNet, state: ForwardState, plan: BatchPlan): BatchedMap[] {
  const pass = net.backwardBatch(state, { rules: plan.rules, start: { logit: plan.label }, keepAt: plan.cams });
  const element = (t: tf.Tensor4D, k: number): tf.Tensor3D => tf.squeeze(tf.slice(t, [k, 0, 0, 0], [1, -1, -1, -1]), [0]);
  const method = { gradient: 'gradient', guided: 'guided-backprop', deconv: 'deconvnet' } as const;
  const out: BatchedMap[] = plan.rules.map((rule, k) => ({ request: { method: method[rule], label: plan.label }, map: element(pass.input, k) }));
  const g = plan.rules.indexOf('gradient');
  for (const layer of plan.cams) {
    const grad = tf.expandDims(element(pass.stages[layer] as tf.Tensor4D, g), 0) as tf.Tensor4D;
    out.push({ request: { method: 'gradcam', label: plan.label, layer }, map: upsampleCam(camFromGradient(state.stages[layer], grad), state.inH, state.inW) });
  }
  return out;
}
