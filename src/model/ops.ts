/**
 * The few tensor operations the network needs, forward and backward, built from forward ops only.
 *
 * Why by hand: tfjs's backward kernels (Conv2DBackpropInput, MaxPoolGrad) are slow on wasm and route
 * max-pool ties differently per backend. A convolution's input gradient is itself a convolution (with
 * the kernel flipped and its in/out channels swapped, over the upstream signal dilated by the stride),
 * and max-pool switches are explicit masks with PyTorch's rule, so every backend gives the same maps.
 * All functions are synchronous and meant to run inside `tf.tidy`. Layout: NHWC. The forward pass runs
 * batch 1; the backward functions take any batch N (one signal per batch element, the same switches and
 * kernels for all), so several ReLU rules can share one backward pass.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ConvSpec } from './arch';

/** Forward convolution with bias: x [1,H,W,inC] → [1,H',W',outC]. Kernel HWIO. */
export function conv(x: tf.Tensor4D, spec: ConvSpec, w: tf.Tensor4D, b: tf.Tensor1D): tf.Tensor4D {
  const p = spec.pad;
  return tf.add(tf.conv2d(x, w, spec.stride, [[0, 0], [p, p], [p, p], [0, 0]]), b) as tf.Tensor4D;
}

/** Kernel taps t ≡ r (mod s) for t in [0, k): how many. */
const tapCount = (k: number, s: number, r: number): number => Math.max(0, Math.ceil((k - r) / s));

/**
 * Kernels that map an output gradient back to the input, one per output phase (ry, rx) of the stride:
 * the taps t ≡ r (mod s) of each axis, in reverse order, with in/out channels swapped. [u,u',out,in],
 * or null for a phase no tap reaches (a 1x1 stride-2 conv feeds only even positions). For stride 1 this
 * is the whole kernel flipped. The caller caches them (they depend only on the weights).
 * @param how 'ops' (gather + transpose) or 'copy' (a loop over the weights read back); 'auto' copies on
 *   the CPU backends (wasm, cpu). Both give the same values.
 */
export function backwardKernels(w: tf.Tensor4D, spec: ConvSpec, how: 'auto' | 'ops' | 'copy' = 'auto'): (tf.Tensor4D | null)[] {
  const { kernel: k, stride: s } = spec;
  const taps = (r: number): number[] => Array.from({ length: tapCount(k, s, r) }, (_, u) => r + s * (tapCount(k, s, r) - 1 - u));
  // Pure data movement. On the CPU backends a plain copy loop is ~10x faster than gather + transpose
  // (3.3 s for all of ResNet34's kernels on wasm); on a GPU the ops stay on the device.
  const copy = how === 'copy' || (how === 'auto' && ['wasm', 'cpu'].includes(tf.getBackend()));
  const src = copy ? (w.dataSync() as Float32Array) : null;
  const [, kw, inC, outC] = w.shape;
  const phases: (tf.Tensor4D | null)[] = [];
  for (let ry = 0; ry < s; ry++) {
    for (let rx = 0; rx < s; rx++) {
      const ty = taps(ry);
      const tx = taps(rx);
      if (!ty.length || !tx.length) {
        phases.push(null);
        continue;
      }
      if (!src) {
        phases.push(tf.transpose(tf.gather(tf.gather(w, ty, 0), tx, 1), [0, 1, 3, 2]));
        continue;
      }
      // out[u][v][o][i] = w[ty[u]][tx[v]][i][o]
      const out = new Float32Array(ty.length * tx.length * outC * inC);
      let q = 0;
      for (const y of ty) {
        for (const x of tx) {
          const base = (y * kw + x) * inC * outC;
          for (let o = 0; o < outC; o++) for (let i = 0; i < inC; i++) out[q++] = src[base + i * outC + o] as number;
        }
      }
      phases.push(tf.tensor4d(out, [ty.length, tx.length, outC, inC]));
    }
  }
  return phases;
}

/** Pad (positive) or crop (negative) each side of H and W. */
function padOrCrop(x: tf.Tensor4D, top: number, bottom: number, left: number, right: number): tf.Tensor4D {
  const [, h, w] = x.shape;
  const cropped = tf.slice(x, [0, Math.max(0, -top), Math.max(0, -left), 0], [
    -1,
    h - Math.max(0, -top) - Math.max(0, -bottom),
    w - Math.max(0, -left) - Math.max(0, -right),
    -1,
  ]);
  const pads: [number, number][] = [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]];
  return pads.some(([a, z]) => a > 0 || z > 0) ? tf.pad(cropped, pads) : cropped;
}

/**
 * Interleave s·s phase grids into one: phases[ry·s + rx] [N,qh,qw,C] → [N,s·qh,s·qw,C] with
 * out[:, s·i + ry, s·j + rx] = phases[ry·s + rx][:, i, j]. What depthToSpace of the channel-concatenated
 * phases gives, built from stacks along the outer axis and rank-3 transposes (on wasm, concat along the
 * channel axis and depthToSpace are slow; every backend has these).
 */
function interleave(phases: readonly tf.Tensor4D[], s: number): tf.Tensor4D {
  const [n, qh, qw, c] = (phases[0] as tf.Tensor4D).shape;
  const rows: tf.Tensor2D[] = [];
  for (let ry = 0; ry < s; ry++) {
    // [s(rx), N·qh·qw, C] → [N·qh·qw, s(rx), C]: each pixel followed by its column neighbours.
    const cols = tf.stack(phases.slice(ry * s, ry * s + s).map((ph) => tf.reshape(ph, [n * qh * qw, c])), 0);
    rows.push(tf.reshape(tf.transpose(cols, [1, 0, 2]), [n * qh, qw * s * c]));
  }
  // [s(ry), N·qh, W·C] → [N·qh, s(ry), W·C]
  return tf.reshape(tf.transpose(tf.stack(rows, 0), [1, 0, 2]), [n, qh * s, qw * s, c]);
}

/**
 * Input gradient of a convolution: dL/dx from dL/dy, for an input of spatial size inH x inW.
 * Polyphase: input position n = s·q + r − p gets Σ_u dy[q − u]·w[r + s·u], a stride-1 correlation of dy
 * with phase r's taps, so each phase is one small forward convolution (no multiplications by inserted
 * zeros); `interleave` puts the phases together.
 * @param dy [N,H',W',outC] upstream signal (N independent signals).
 * @param kernels `backwardKernels(w, spec)`.
 * @returns [N,inH,inW,inC].
 */
export function convInputGrad(dy: tf.Tensor4D, spec: ConvSpec, kernels: readonly (tf.Tensor4D | null)[], inH: number, inW: number): tf.Tensor4D {
  const { kernel: k, stride: s, pad: p, inC } = spec;
  const [n, oh, ow] = dy.shape;
  if (s === 1) {
    // One phase, the whole kernel flipped: padded by q = k − 1 − p before (and whatever makes the output
    // inH long after: q again), the correlation lands exactly on the input grid, with no crop.
    const q = k - 1 - p;
    return tf.conv2d(dy, kernels[0] as tf.Tensor4D, 1, [[0, 0], [q, inH + k - 1 - oh - q], [q, inW + k - 1 - ow - q], [0, 0]]);
  }
  const qh = Math.ceil((p + inH) / s);
  const qw = Math.ceil((p + inW) / s);
  const phases = kernels.map((g, i) => {
    if (g === null) return tf.zeros([n, qh, qw, inC]) as tf.Tensor4D;
    const uh = tapCount(k, s, Math.floor(i / s));
    const uw = tapCount(k, s, i % s);
    // Pad inside the convolution when nothing needs cropping (ResNet's even sizes), else pad or crop first.
    if (qh >= oh && qw >= ow) return tf.conv2d(dy, g, 1, [[0, 0], [uh - 1, qh - oh], [uw - 1, qw - ow], [0, 0]]);
    return tf.conv2d(padOrCrop(dy, uh - 1, qh - oh, uw - 1, qw - ow), g, 1, 'valid');
  });
  return tf.slice(interleave(phases, s), [0, p, p, 0], [n, inH, inW, inC]);
}

/** Which window element won a max-pool, as one 0/1 mask per window offset (PyTorch: first maximum in row-major order). */
export interface PoolSwitches {
  /** 0/1 float masks [1,H',W',C], one per offset (dy,dx) in row-major order. Owned by the caller. */
  readonly masks: tf.Tensor4D[];
  readonly inH: number;
  readonly inW: number;
}

const POOL = { k: 3, s: 2, p: 1 } as const;

/**
 * The nine strided views of the padded input, one per window offset, each [1,H',W',C]. Taken with a
 * one-hot depthwise convolution rather than `stridedSlice`, which is ~50x slower on wasm; multiplying by
 * one and adding zeros is exact, so the views are the input values themselves.
 */
function poolViews(x: tf.Tensor4D): tf.Tensor4D[] {
  const { k, s, p } = POOL;
  const c = x.shape[3];
  // Padding must never win a window. -Infinity would be exact, but WebGL cannot compile it into a
  // shader constant, WebGPU mishandles it, and 0·-Infinity is NaN; -1e30 is far below any activation.
  const xp = tf.pad(x, [[0, 0], [p, p], [p, p], [0, 0]], -1e30);
  const views: tf.Tensor4D[] = [];
  for (let o = 0; o < k * k; o++) {
    const pick = new Float32Array(k * k * c);
    for (let ch = 0; ch < c; ch++) pick[o * c + ch] = 1; // filter [k,k,C,1], layout (ky,kx,ch)
    views.push(tf.depthwiseConv2d(xp, tf.tensor4d(pick, [k, k, c, 1]), s, 'valid'));
  }
  return views;
}

/** 3x3/2 max-pool with padding 1 (torchvision's stem) that also returns its switches. */
export function maxPoolWithSwitches(x: tf.Tensor4D): { y: tf.Tensor4D; switches: PoolSwitches } {
  const views = poolViews(x);
  const y = views.reduce((a, v) => tf.maximum(a, v));
  let taken: tf.Tensor4D = tf.zerosLike(y);
  const masks = views.map((v) => {
    const m = tf.mul(tf.cast(tf.equal(v, y), 'float32'), tf.sub(1, taken)) as tf.Tensor4D;
    taken = tf.add(taken, m) as tf.Tensor4D;
    return m;
  });
  return { y, switches: { masks, inH: x.shape[1], inW: x.shape[2] } };
}

/**
 * Route a max-pool's upstream signal to the winning positions: [N,H',W',C] → [N,inH,inW,C] (switches of
 * batch 1, shared). Offset (oy, ox) puts dy[q] at padded position s·q + o, which lies in phase o mod s,
 * shifted by ⌊o/s⌋: each offset is one shifted product on its phase grid, phases summed in offset order
 * (as the full-grid sum did: the other offsets add exact zeros there) and interleaved once.
 */
export function maxPoolBackward(dy: tf.Tensor4D, sw: PoolSwitches): tf.Tensor4D {
  const { k, s, p } = POOL;
  const [n, oh, ow, c] = dy.shape;
  const ah = Math.ceil((sw.inH + 2 * p) / s);
  const aw = Math.ceil((sw.inW + 2 * p) / s);
  const phases: (tf.Tensor4D | null)[] = Array.from({ length: s * s }, () => null);
  sw.masks.forEach((m, o) => {
    const oy = Math.floor(o / k);
    const ox = o % k;
    const dy0 = Math.floor(oy / s);
    const dx0 = Math.floor(ox / s);
    const placed = padOrCrop(tf.mul(dy, m), dy0, ah - oh - dy0, dx0, aw - ow - dx0);
    const i = (oy % s) * s + (ox % s);
    const sum = phases[i];
    // Pairwise adds, not addN: WebGPU's AddN binds one buffer per input and nine exceed its limit.
    phases[i] = sum ? (tf.add(sum, placed) as tf.Tensor4D) : placed;
  });
  const grid = interleave(phases.map((ph) => ph ?? (tf.zeros([n, ah, aw, c]) as tf.Tensor4D)), s);
  return tf.slice(grid, [0, p, p, 0], [-1, sw.inH, sw.inW, -1]);
}
