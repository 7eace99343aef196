/**
 * The async edge between tensors and everything else: one forward pass per image, then any number of
 * explanations, each returned as plain data. Nothing tfjs leaves this file.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Stage } from '../model/arch';
import { disposeForward, type ResNet } from '../model/resnet34';
import { planBatches, runBatch } from './batched';
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
  /**
   * Wall time of this map's compute and read-back, in ms (0 when it was already computed). A map made
   * in one batched backward pass with others (`shared` set) reports that pass's time, the same for each
   * of them, on its first read: do not add those up.
   */
  readonly ms: number;
  /** Set when one batched pass made this map and others: how many maps that pass made (`ms` is shared). */
  readonly shared?: number;
}

/** A forward pass kept for explanations. Call `dispose` when the image changes. */
export interface ExplainSession {
  /** The network's logits and their sigmoids, one per label. */
  readonly logits: Float32Array;
  readonly probabilities: Float32Array;
  /** Forward pass wall time including read-back, in ms. */
  readonly forwardMs: number;
  explain(req: ExplainRequest): Promise<ExplanationMap>;
  /**
   * Compute ahead, in as few backward passes as possible, the maps these requests will want: per label,
   * the gradient, Guided Backprop and DeconvNet in one batched pass, with Grad-CAM (any layer, also as
   * Guided Grad-CAM's part) from the gradient's signal in that pass (src/explain/batched.ts). Requests no
   * batch serves, and maps already computed, are left alone; `explain` then reads the maps from the cache.
   * Resolves once the maps are ready to read.
   */
  prefetch(requests: readonly ExplainRequest[]): Promise<void>;
  /** `prefetch`, then `explain` each request in order. */
  explainMany(requests: readonly ExplainRequest[]): Promise<ExplanationMap[]>;
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
  /** Maps a batched pass made and nobody has read yet: that pass's time and how many maps it made. */
  const batched = new Map<string, { ms: number; shared: number }>();
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

  async function explain(req: ExplainRequest): Promise<ExplanationMap> {
    if (disposed) throw new Error('explain: this session was disposed');
    const canon = canonicalRequest(req);
    const method = methodByName(canon.method);
    const key = keyOf(canon);
    const fresh = !cache.has(key);
    const pass = batched.get(key);
    batched.delete(key);
    const t1 = performance.now();
    const t = ctx.map(canon);
    const data = (await t.data()) as Float32Array;
    const [height, width, channels] = t.shape;
    const map = { request: canon, kind: method.kind, height, width, channels, data };
    if (pass) return { ...map, ms: pass.ms, shared: pass.shared };
    return { ...map, ms: fresh ? performance.now() - t1 : 0 };
  }

  async function prefetch(requests: readonly ExplainRequest[]): Promise<void> {
    if (disposed) throw new Error('prefetch: this session was disposed');
    for (const plan of planBatches(requests.map(canonicalRequest), (r) => cache.has(keyOf(r)))) {
      const t1 = performance.now();
      let answered: ExplainRequest[] = [];
      const maps = tf.tidy(() => {
        const made = runBatch(net, state, plan);
        answered = made.map((m) => m.request);
        return made.map((m) => m.map);
      });
      try {
        // Ready to read (GPU backends finish asynchronously): the time covers the pass and the read-back.
        await Promise.all(maps.map((t) => t.data()));
      } catch (e) {
        tf.dispose(maps);
        throw e;
      }
      const ms = performance.now() - t1;
      maps.forEach((t, i) => {
        const key = keyOf(answered[i] as ExplainRequest);
        if (disposed || cache.has(key)) {
          t.dispose();
          return;
        }
        cache.set(key, t);
        batched.set(key, { ms, shared: maps.length });
      });
      if (disposed) return;
    }
  }

  return {
    logits,
    probabilities: logits.map(sigmoid),
    forwardMs,
    explain,
    prefetch,
    async explainMany(requests) {
      await prefetch(requests);
      const maps: ExplanationMap[] = [];
      for (const r of requests) maps.push(await explain(r));
      return maps;
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
      batched.clear();
      disposeForward(state);
      x.dispose();
    },
  };
}

/** One image, several explanations (gradient-type maps of one label in one batched pass), everything released afterwards. */
export async function explainAll(
  net: ResNet,
  input: Float32Array,
  size: number,
  requests: readonly ExplainRequest[],
): Promise<{ logits: Float32Array; probabilities: Float32Array; forwardMs: number; maps: ExplanationMap[] }> {
  const session = await openSession(net, input, size);
  try {
    const maps = await session.explainMany(requests);
    return { logits: session.logits, probabilities: session.probabilities, forwardMs: session.forwardMs, maps };
  } finally {
    session.dispose();
  }
}
