/**
 * The async edge between tensors and everything else: one forward pass per image, then any number of
 * explanations, each returned as plain data. Nothing tfjs leaves this file.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Stage } from '../model/arch';
import { disposeForward, type ResNet } from '../model/resnet34';
import type { ExplainRequest, MapKind, MethodContext } from './method';
import { methodByName } from './registry';

/** One explanation map as plain data. */
export interface ExplanationMap {
  /** The request as computed (defaults filled in, irrelevant fields dropped). */
  readonly request: ExplainRequest;
  readonly kind: MapKind;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** Row-major [height][width][channels] float32; `cam` ≥ 0 unnormalised, `signed` raw gradient units. */
  readonly data: Float32Array;
  /** Wall time of this map's compute and read-back, in ms (0 when it was already computed). */
  readonly ms: number;
}

/** A forward pass kept for explanations. Call `dispose` when the image changes. */
export interface ExplainSession {
  /** The network's logits and their sigmoids, one per label. */
  readonly logits: Float32Array;
  readonly probabilities: Float32Array;
  /** Forward pass wall time including read-back, in ms. */
  readonly forwardMs: number;
  explain(req: ExplainRequest): Promise<ExplanationMap>;
  /** The penultimate features of this forward pass: layer4 averaged over space, [channels] (512 for ResNet34). */
  features(): Promise<Float32Array>;
  /** Release every tensor of this session (idempotent). */
  dispose(): void;
}

/** Fill defaults and drop fields a method ignores, so equal requests have equal keys. */
export function canonicalRequest(req: ExplainRequest): ExplainRequest {
  const usesLayer = req.method === 'gradcam' || req.method === 'guided-gradcam' || req.method === 'gradcam-plus-plus';
  const layer: Stage = req.layer ?? 'layer4';
  if (req.method === 'deconvnet' && req.feature) return { method: req.method, label: -1, feature: req.feature };
  return usesLayer ? { method: req.method, label: req.label, layer } : { method: req.method, label: req.label };
}

const keyOf = (req: ExplainRequest): string => JSON.stringify(canonicalRequest(req));

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Run the forward pass on one normalised model input.
 * @param input NHWC float32 of length size*size*inChannels (see `huToModelInput`); not retained.
 */
export async function openSession(net: ResNet, input: Float32Array, size: number): Promise<ExplainSession> {
  const t0 = performance.now();
  // Kept for methods that perturb the input (SmoothGrad, Integrated Gradients, occlusion).
  const x = tf.tensor4d(input, [1, size, size, net.spec.inChannels]);
  const state = net.forward(x);
  const logits = new Float32Array(await state.logits.data());
  const forwardMs = performance.now() - t0;
  const cache = new Map<string, tf.Tensor3D>();
  let disposed = false;

  const ctx: MethodContext = {
    net,
    input: x,
    state,
    map(req) {
      const key = keyOf(req);
      let t = cache.get(key);
      if (!t) {
        const canon = canonicalRequest(req);
        t = tf.keep(tf.tidy(() => methodByName(canon.method).compute(ctx, canon)));
        cache.set(key, t);
      }
      return t;
    },
  };

  return {
    logits,
    probabilities: logits.map(sigmoid),
    forwardMs,
    async explain(req) {
      if (disposed) throw new Error('explain: this session was disposed');
      const canon = canonicalRequest(req);
      const method = methodByName(canon.method);
      const fresh = !cache.has(keyOf(canon));
      const t1 = performance.now();
      const t = ctx.map(canon);
      const data = (await t.data()) as Float32Array;
      const [height, width, channels] = t.shape;
      return { request: canon, kind: method.kind, height, width, channels, data, ms: fresh ? performance.now() - t1 : 0 };
    },
    async features() {
      if (disposed) throw new Error('features: this session was disposed');
      const f = tf.tidy(() => tf.mean(state.stages.layer4, [0, 1, 2]));
      const data = (await f.data()) as Float32Array;
      f.dispose();
      return data;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      tf.dispose([...cache.values()]);
      cache.clear();
      disposeForward(state);
      x.dispose();
    },
  };
}

/** One image, several explanations, everything released afterwards. */
export async function explainAll(
  net: ResNet,
  input: Float32Array,
  size: number,
  requests: readonly ExplainRequest[],
): Promise<{ logits: Float32Array; probabilities: Float32Array; forwardMs: number; maps: ExplanationMap[] }> {
  const session = await openSession(net, input, size);
  try {
    const maps: ExplanationMap[] = [];
    for (const r of requests) maps.push(await session.explain(r));
    return { logits: session.logits, probabilities: session.probabilities, forwardMs: session.forwardMs, maps };
  } finally {
    session.dispose();
  }
}
