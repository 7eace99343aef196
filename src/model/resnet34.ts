/**
 * A torchvision-compatible ResNet (ResNet34 by default) as pure tfjs-core ops over a weight map, with
 * its backward pass written out so the ReLU rule can be swapped (gradient, guided, deconv).
 *
 * Contract used by the methods (src/explain/): `forward` returns the logits and keeps what the backward
 * pass needs (ReLU inputs, max-pool switches, stage activations); `backward` propagates a signal from a
 * class logit or from one channel of any block output down to a stage output or to the input.
 */
import * as tf from '@tensorflow/tfjs-core';
import { layout, weightShapes, STAGES, type BlockSpec, type ConvSpec, type ResNetSpec, type Stage } from './arch';
import { backwardKernels, conv, convInputGrad, maxPoolBackward, maxPoolWithSwitches, type PoolSwitches } from './ops';
import { batchedReluBackward, reluBackward, type ReluRule, type RuleFn } from './relu-rules';

/** What one block's forward pass leaves for the backward pass. All tensors [1,h,w,c] float32. */
interface BlockRecord {
  readonly spec: BlockSpec;
  /** Input spatial size (for the input-gradient convolutions). */
  readonly inH: number;
  readonly inW: number;
  /** ReLU input after conv1. */
  readonly f1: tf.Tensor4D;
  /** ReLU input after conv2 + shortcut. */
  readonly f2: tf.Tensor4D;
  /** Block output, ReLU(f2). */
  readonly out: tf.Tensor4D;
}

/**
 * Everything one forward pass keeps. Owned by the caller: release with `disposeForward`.
 * `stages` and `blocks[i].out` share tensors.
 */
export interface ForwardState {
  /** The six (or `spec.classes`) logits, [classes]. */
  readonly logits: tf.Tensor1D;
  /** Activations of layer1..layer4, [1,h,w,c] (post-ReLU block outputs). */
  readonly stages: Readonly<Record<Stage, tf.Tensor4D>>;
  readonly inH: number;
  readonly inW: number;
  /** Stem conv output before its ReLU, [1,H/2,W/2,stem]. */
  readonly stemPre: tf.Tensor4D;
  readonly pool: PoolSwitches;
  readonly blocks: readonly BlockRecord[];
}

/** Where the backward signal starts: a class logit (one-hot), or one channel of a block output. */
export type BackwardStart =
  | { readonly logit: number }
  | { readonly block: string; readonly channel: number };

export interface BackwardOptions {
  readonly rule: ReluRule;
  readonly start: BackwardStart;
  /** Stop at a stage output (returns dSignal/dA there) instead of going down to the input. */
  readonly stopAt?: Stage;
}

/** One backward pass that carries one signal per ReLU rule: batch element k follows `rules[k]`. */
export interface BatchBackwardOptions {
  /** One rule per batch element (e.g. gradient, guided, deconv); at least one. */
  readonly rules: readonly ReluRule[];
  readonly start: BackwardStart;
  /** Stage outputs at which to keep the signal as it passes (for Grad-CAM from the same pass). */
  readonly keepAt?: readonly Stage[];
}

/** What `backwardBatch` returns; N = rules.length. Tensors owned by the enclosing tidy. */
export interface BatchBackward {
  /** [N,H,W,inChannels]: element k equals `backward(state, { rule: rules[k], start })`. */
  readonly input: tf.Tensor4D;
  /** Per kept stage, [N,h,w,c]: element k equals `backward(state, { rule: rules[k], start, stopAt: stage })`. */
  readonly stages: Readonly<Partial<Record<Stage, tf.Tensor4D>>>;
}

export interface ResNet {
  readonly spec: ResNetSpec;
  /** Block names in forward order (`layer1.0` … `layer4.2`): the DeconvNet feature-map targets. */
  readonly blockNames: readonly string[];
  /**
   * Forward pass on one image. `x`: [1,H,W,inChannels] float32 (normalised model input), not disposed.
   * Runs in its own tidy; the returned state must be released with `disposeForward`.
   */
  forward(x: tf.Tensor4D): ForwardState;
  /**
   * Scores only: the lean forward pass for callers that need no explanation (deletion and insertion
   * curves, occlusion, scoring a set). The same convolutions as `forward`; the stem's max-pool without
   * switches; nothing kept. The same logits as `forward` (up to float rounding on GPU backends).
   * @param x [N,H,W,inChannels] float32 normalised model inputs, any batch N ≥ 1; not disposed
   * @returns logits [N, classes], owned by the caller
   */
  predict(x: tf.Tensor4D): tf.Tensor2D;
  /**
   * Propagate a signal back through the recorded pass. Synchronous: call inside `tf.tidy`.
   * @returns [1,H,W,inChannels] at the input, or [1,h,w,c] at `stopAt`.
   */
  backward(state: ForwardState, opts: BackwardOptions): tf.Tensor4D;
  /**
   * Several ReLU rules in one backward pass over a batch (one signal per rule, the same recorded forward
   * pass): each convolution runs once on N signals instead of N times on one. Synchronous: call inside
   * `tf.tidy`. Throws on an empty rule list or a kept stage above the start.
   */
  backwardBatch(state: ForwardState, opts: BatchBackwardOptions): BatchBackward;
  /**
   * Make the backward kernels of one more convolution ahead of use (deepest first), so that a later
   * backward pass does not pay for them; the maps are the same either way.
   * @returns true while some remain
   */
  prepareBackward(): boolean;
  /** Release the backward kernels this model made (the weight map stays the caller's). */
  dispose(): void;
}

/** Release the tensors of a forward state. */
export function disposeForward(state: ForwardState): void {
  tf.dispose([state.logits, state.stemPre, ...state.pool.masks, ...state.blocks.flatMap((b) => [b.f1, b.f2, b.out])]);
}

/**
 * Build the network over a weight map named as in `weightShapes(spec)` (BatchNorm folded, HWIO).
 * Throws on a missing or mis-shaped weight. The weights are not copied and stay owned by the caller.
 */
export function createResNet(weights: tf.NamedTensorMap, spec: ResNetSpec): ResNet {
  for (const [name, shape] of weightShapes(spec)) {
    const t = weights[name];
    if (!t) throw new Error(`weights: missing "${name}"`);
    if (t.shape.join() !== shape.join()) throw new Error(`weights: "${name}" has shape [${t.shape}], expected [${shape}]`);
  }
  const { stem, blocks } = layout(spec);
  const w = (c: ConvSpec): tf.Tensor4D => weights[`${c.name}.weight`] as tf.Tensor4D;
  const b = (c: ConvSpec): tf.Tensor1D => weights[`${c.name}.bias`] as tf.Tensor1D;
  const fcW = weights['fc.weight'] as tf.Tensor2D;
  const fcB = weights['fc.bias'] as tf.Tensor1D;

  // Kernels for the input-gradient convolutions: made on first use and kept (building all of them takes
  // seconds on wasm, and the page's first map, Grad-CAM at layer4, needs none), or ahead of time by
  // `prepareBackward` while the worker is idle.
  const convs = [stem, ...blocks.flatMap((bl) => [bl.conv1, bl.conv2, ...(bl.downsample ? [bl.downsample] : [])])];
  const back = new Map<string, (tf.Tensor4D | null)[]>();
  const wb = (c: ConvSpec): (tf.Tensor4D | null)[] => {
    let ks = back.get(c.name);
    if (!ks) {
      // tf.keep: this may run inside a caller's tidy, which must not free the cached kernels.
      ks = tf.tidy(() => backwardKernels(w(c), c) as unknown as tf.TensorContainer) as unknown as (tf.Tensor4D | null)[];
      for (const k of ks) if (k) tf.keep(k);
      back.set(c.name, ks);
    }
    return ks;
  };
  // The deepest first: a backward pass walks down, so the kernels it needs first are made first.
  const toPrepare = [...convs].reverse();
  const lastOfStage = new Map<string, Stage>();
  for (const s of STAGES) {
    const last = blocks.filter((bl) => bl.stage === s).at(-1);
    if (last) lastOfStage.set(last.name, s);
  }

  function forward(x: tf.Tensor4D): ForwardState {
    // tidy keeps every tensor reachable from the returned object; the cast is only for its typing.
    return tf.tidy((): tf.TensorContainer => {
      const stemPre = conv(x, stem, w(stem), b(stem));
      const { y, switches } = maxPoolWithSwitches(tf.relu(stemPre));
      let h: tf.Tensor4D = y;
      const records: BlockRecord[] = [];
      for (const bl of blocks) {
        const f1 = conv(h, bl.conv1, w(bl.conv1), b(bl.conv1));
        const main = conv(tf.relu(f1), bl.conv2, w(bl.conv2), b(bl.conv2));
        const shortcut = bl.downsample ? conv(h, bl.downsample, w(bl.downsample), b(bl.downsample)) : h;
        const f2 = tf.add(main, shortcut) as tf.Tensor4D;
        const out = tf.relu(f2);
        records.push({ spec: bl, inH: h.shape[1], inW: h.shape[2], f1, f2, out });
        h = out;
      }
      const pooled = tf.mean(h, [1, 2]) as tf.Tensor2D; // [1, C]
      const logits = tf.reshape(tf.add(tf.matMul(pooled, fcW), fcB), [spec.classes]) as tf.Tensor1D;
      const stages = {} as Record<Stage, tf.Tensor4D>;
      for (const r of records) {
        const s = lastOfStage.get(r.spec.name);
        if (s) stages[s] = r.out;
      }
      const state: ForwardState = { logits, stages, inH: x.shape[1], inW: x.shape[2], stemPre, pool: switches, blocks: records };
      return state as unknown as tf.TensorContainer;
    }) as unknown as ForwardState;
  }

  function predict(x: tf.Tensor4D): tf.Tensor2D {
    // The convolution exactly as `forward` runs it (no fused bias): on wasm each filter then has one
    // XNNPACK operator, which holds a packed copy of the weights for as long as the filter lives; a fused
    // bias made a second operator and a second copy of every weight (about 85 MB for ResNet34).
    const fconv = (h: tf.Tensor4D, c: ConvSpec, activation: 'relu' | 'linear'): tf.Tensor4D => {
      const y = conv(h, c, w(c), b(c));
      return activation === 'relu' ? tf.relu(y) : y;
    };
    return tf.tidy(() => {
      // torchvision's stem pool (3x3/2, padding 1): its input is post-ReLU, so the padding never wins.
      let h = tf.maxPool(fconv(x, stem, 'relu'), 3, 2, 1);
      for (const bl of blocks) {
        const main = fconv(fconv(h, bl.conv1, 'relu'), bl.conv2, 'linear');
        const shortcut = bl.downsample ? fconv(h, bl.downsample, 'linear') : h;
        h = tf.relu(tf.add(main, shortcut)) as tf.Tensor4D;
      }
      return tf.add(tf.matMul(tf.mean(h, [1, 2]) as tf.Tensor2D, fcW), fcB) as tf.Tensor2D;
    });
  }

  function startSignal(state: ForwardState, start: BackwardStart): { index: number; r: tf.Tensor4D } {
    if ('logit' in start) {
      if (!Number.isInteger(start.logit) || start.logit < 0 || start.logit >= spec.classes) {
        throw new Error(`backward: logit ${start.logit} out of range 0..${spec.classes - 1}`);
      }
      const index = state.blocks.length - 1;
      const top = (state.blocks[index] as BlockRecord).out;
      const [, h, wd, c] = top.shape;
      // d logit_c / d A = w_c / (h·w) at every position (global average pool, then the dense layer).
      const wc = tf.div(tf.slice(fcW, [0, start.logit], [c, 1]), h * wd);
      return { index, r: tf.mul(tf.ones([1, h, wd, c]), tf.reshape(wc, [1, 1, 1, c])) as tf.Tensor4D };
    }
    const index = state.blocks.findIndex((r) => r.spec.name === start.block);
    if (index < 0) throw new Error(`backward: unknown block "${start.block}"`);
    const out = (state.blocks[index] as BlockRecord).out;
    const c = out.shape[3];
    if (!Number.isInteger(start.channel) || start.channel < 0 || start.channel >= c) {
      throw new Error(`backward: channel ${start.channel} out of range 0..${c - 1} for ${start.block}`);
    }
    // Zeiler & Fergus: keep the chosen feature map's activations, zero every other channel.
    return { index, r: tf.mul(out, tf.reshape(tf.oneHot([start.channel], c), [1, 1, 1, c])) as tf.Tensor4D };
  }

  /**
   * Walk the recorded pass down from `start` with `rule` at every ReLU, carrying `n` copies of the start
   * signal (one per batch element). Returns the signal at `stopAt`'s output, or at the input; `passing`
   * sees the signal at each stage output on the way down.
   */
  function propagate(
    state: ForwardState,
    start: BackwardStart,
    n: number,
    rule: RuleFn,
    stopAt: Stage | undefined,
    passing?: (stage: Stage, r: tf.Tensor4D) => void,
  ): tf.Tensor4D {
    const from = startSignal(state, start);
    let r = n === 1 ? from.r : (tf.tile(from.r, [n, 1, 1, 1]) as tf.Tensor4D);
    for (let i = from.index; i >= 0; i--) {
      const rec = state.blocks[i] as BlockRecord;
      const stage = lastOfStage.get(rec.spec.name);
      if (stage && stage === stopAt) return r;
      if (stage) passing?.(stage, r);
      const { conv1, conv2, downsample } = rec.spec;
      const down = r;
      // One block at a time in its own tidy: only the signal leaves it, so a backward pass holds one
      // block's intermediates at once rather than all sixteen blocks' until the caller's tidy ends
      // (on wasm the heap grows to the largest such peak and never shrinks).
      r = tf.tidy(() => {
        const r2 = rule(down, rec.f2);
        const r1 = rule(convInputGrad(r2, conv2, wb(conv2), rec.f1.shape[1], rec.f1.shape[2]), rec.f1);
        const viaMain = convInputGrad(r1, conv1, wb(conv1), rec.inH, rec.inW);
        const viaShortcut = downsample ? convInputGrad(r2, downsample, wb(downsample), rec.inH, rec.inW) : r2;
        return tf.add(viaMain, viaShortcut) as tf.Tensor4D;
      });
    }
    if (stopAt) throw new Error(`backward: ${stopAt} lies above the start ${JSON.stringify(start)}`);
    const rStem = rule(maxPoolBackward(r, state.pool), state.stemPre);
    return convInputGrad(rStem, stem, wb(stem), state.inH, state.inW);
  }

  function backward(state: ForwardState, opts: BackwardOptions): tf.Tensor4D {
    return propagate(state, opts.start, 1, reluBackward[opts.rule], opts.stopAt);
  }

  function backwardBatch(state: ForwardState, opts: BatchBackwardOptions): BatchBackward {
    if (opts.rules.length === 0) throw new Error('backwardBatch: no rule');
    const keep = new Set(opts.keepAt ?? []);
    const stages: Partial<Record<Stage, tf.Tensor4D>> = {};
    const input = propagate(state, opts.start, opts.rules.length, batchedReluBackward(opts.rules), undefined, (stage, r) => {
      if (keep.has(stage)) stages[stage] = r;
    });
    for (const s of keep) {
      if (!stages[s]) throw new Error(`backwardBatch: ${s} lies above the start ${JSON.stringify(opts.start)}`);
    }
    return { input, stages };
  }

  return {
    spec,
    blockNames: blocks.map((bl) => bl.name),
    forward,
    predict,
    backward,
    backwardBatch,
    prepareBackward() {
      const c = toPrepare.find((x) => !back.has(x.name));
      if (c) wb(c);
      return toPrepare.some((x) => !back.has(x.name));
    },
    dispose: () => {
      tf.dispose([...back.values()].flat().filter((t): t is tf.Tensor4D => t !== null));
      back.clear();
    },
  };
}
