/**
 * The few tensor operations the network needs, forward and backward, built from forward ops only.
 *
 * Why by hand: tfjs's backward kernels (Conv2DBackpropInput, MaxPoolGrad) are slow on wasm and route
 * max-pool ties differently per backend. A convolution's input gradient is itself a convolution (with
 * the kernel flipped and its in/out channels swapped, over the upstream signal dilated by the stride),
 * and max-pool switches are explicit masks with PyTorch's rule, so every backend gives the same maps.
 * All functions are synchronous and meant to run inside `tf.tidy`. Layout: NHWC, batch 1.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ConvSpec } from './arch';

/** Forward convolution with bias: x [1,H,W,inC] → [1,H',W',outC]. Kernel HWIO. */
export function conv(x: tf.Tensor4D, spec: ConvSpec, w: tf.Tensor4D, b: tf.Tensor1D): tf.Tensor4D {
  const p = spec.pad;
  return tf.add(tf.conv2d(x, w, spec.stride, [[0, 0], [p, p], [p, p], [0, 0]]), b) as tf.Tensor4D;
}

/**
 * The kernel that maps an output gradient back to the input: spatially flipped, in/out swapped.
 * [k,k,in,out] → [k,k,out,in]. The caller caches it (it depends only on the weights).
 */
export function backwardKernel(w: tf.Tensor4D): tf.Tensor4D {
  return tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]);
}

/**
 * Insert (s-1) zeros between samples along H and W: [1,H,W,C] → [1,s*H,s*W,C] (trailing zeros kept).
 * One axis at a time through rank-3 pads: the WebGL and WebGPU pad kernels reject rank 6.
 */
function dilate(x: tf.Tensor4D, s: number): tf.Tensor4D {
  if (s === 1) return x;
  const [, h, w, c] = x.shape;
  const rows = tf.reshape(tf.pad(tf.reshape(x, [h, 1, w * c]), [[0, 0], [0, s - 1], [0, 0]]), [h * s * w, 1, c]);
  return tf.reshape(tf.pad(rows, [[0, 0], [0, s - 1], [0, 0]]), [1, h * s, w * s, c]);
}

/** Pad (positive) or crop (negative) each side of H and W. */
function padOrCrop(x: tf.Tensor4D, top: number, bottom: number, left: number, right: number): tf.Tensor4D {
  const [, h, w] = x.shape;
  const cropped = tf.slice(x, [0, Math.max(0, -top), Math.max(0, -left), 0], [
    1,
    h - Math.max(0, -top) - Math.max(0, -bottom),
    w - Math.max(0, -left) - Math.max(0, -right),
    -1,
  ]);
  const pads: [number, number][] = [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]];
  return pads.some(([a, z]) => a > 0 || z > 0) ? tf.pad(cropped, pads) : cropped;
}

/**
 * Input gradient of a convolution: dL/dx from dL/dy, for an input of spatial size inH x inW.
 * @param dy [1,H',W',outC] upstream signal.
 * @param wBack `backwardKernel(w)`, [k,k,outC,inC].
 * @returns [1,inH,inW,inC].
 */
export function convInputGrad(dy: tf.Tensor4D, spec: ConvSpec, wBack: tf.Tensor4D, inH: number, inW: number): tf.Tensor4D {
  const { kernel: k, stride: s, pad: p } = spec;
  const [, oh, ow] = dy.shape;
  // Transposed convolution = stride-1 convolution over the dilated signal. The dilated tensor already
  // ends with (s-1) zeros; the extra rows/cols needed on the far side are the "output padding".
  const extraH = inH - ((oh - 1) * s + k - 2 * p);
  const extraW = inW - ((ow - 1) * s + k - 2 * p);
  const lead = k - 1 - p;
  const framed = padOrCrop(dilate(dy, s), lead, lead + extraH - (s - 1), lead, lead + extraW - (s - 1));
  return tf.conv2d(framed, wBack, 1, 'valid');
}

/** Which window element won a max-pool, as one 0/1 mask per window offset (PyTorch: first maximum in row-major order). */
export interface PoolSwitches {
  /** 0/1 float masks [1,H',W',C], one per offset (dy,dx) in row-major order. Owned by the caller. */
  readonly masks: tf.Tensor4D[];
  readonly inH: number;
  readonly inW: number;
}

const POOL = { k: 3, s: 2, p: 1 } as const;

function poolViews(x: tf.Tensor4D): { views: tf.Tensor4D[]; oh: number; ow: number } {
  const { k, s, p } = POOL;
  const [, h, w, c] = x.shape;
  const oh = Math.floor((h + 2 * p - k) / s) + 1;
  const ow = Math.floor((w + 2 * p - k) / s) + 1;
  // Padding must never win a window. -Infinity would be exact, but WebGL cannot compile it into a
  // shader constant and WebGPU mishandles it; -1e30 is far below any activation.
  const xp = tf.pad(x, [[0, 0], [p, p], [p, p], [0, 0]], -1e30);
  const views: tf.Tensor4D[] = [];
  for (let dy = 0; dy < k; dy++) {
    for (let dx = 0; dx < k; dx++) {
      views.push(tf.stridedSlice(xp, [0, dy, dx, 0], [1, dy + s * (oh - 1) + 1, dx + s * (ow - 1) + 1, c], [1, s, s, 1]) as tf.Tensor4D);
    }
  }
  return { views, oh, ow };
}

/** 3x3/2 max-pool with padding 1 (torchvision's stem) that also returns its switches. */
export function maxPoolWithSwitches(x: tf.Tensor4D): { y: tf.Tensor4D; switches: PoolSwitches } {
  const { views } = poolViews(x);
  const y = views.reduce((a, v) => tf.maximum(a, v));
  let taken: tf.Tensor4D = tf.zerosLike(y);
  const masks = views.map((v) => {
    const m = tf.mul(tf.cast(tf.equal(v, y), 'float32'), tf.sub(1, taken)) as tf.Tensor4D;
    taken = tf.add(taken, m) as tf.Tensor4D;
    return m;
  });
  return { y, switches: { masks, inH: x.shape[1], inW: x.shape[2] } };
}

/** Route a max-pool's upstream signal to the winning positions: [1,H',W',C] → [1,inH,inW,C]. */
export function maxPoolBackward(dy: tf.Tensor4D, sw: PoolSwitches): tf.Tensor4D {
  const { k, s, p } = POOL;
  const [, oh, ow] = dy.shape;
  const hp = sw.inH + 2 * p;
  const wp = sw.inW + 2 * p;
  const placed = sw.masks.map((m, o) => {
    const oy = Math.floor(o / k);
    const ox = o % k;
    return padOrCrop(dilate(tf.mul(dy, m), s), oy, hp - oy - s * oh, ox, wp - ox - s * ow);
  });
  // Pairwise adds, not addN: WebGPU's AddN binds one buffer per input and nine exceed its limit.
  return tf.slice(placed.reduce((a, b) => tf.add(a, b)), [0, p, p, 0], [1, sw.inH, sw.inW, -1]);
}
