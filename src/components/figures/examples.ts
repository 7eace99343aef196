/**
 * The worked examples the teaching figures draw, computed here by the rules of the papers rather than
 * typed in, so the numbers on the page are the numbers those rules give (tests/unit/components/
 * teaching-figures.test.ts checks them by hand). Plain arrays, no tensors.
 */

/** A small matrix, row by row. */
export type Grid = readonly (readonly number[])[];

/** One window's switch: the row and column of its maximum in the input. */
export interface Switch {
  readonly r: number;
  readonly c: number;
}

/**
 * Max-pooling (k×k windows, stride k) that records its switches, as Zeiler & Fergus (2014) describe:
 * the position of each window's maximum. Ties go to the first maximum in row-major order (PyTorch's rule,
 * as src/model/ops.ts maxPoolWithSwitches).
 */
export function maxPoolWithSwitches(a: Grid, k: number): { pooled: number[][]; switches: Switch[][] } {
  const rows = Math.floor(a.length / k);
  const cols = Math.floor((a[0]?.length ?? 0) / k);
  const pooled: number[][] = [];
  const switches: Switch[][] = [];
  for (let i = 0; i < rows; i++) {
    pooled.push([]);
    switches.push([]);
    for (let j = 0; j < cols; j++) {
      let best = -Infinity;
      let at: Switch = { r: i * k, c: j * k };
      for (let r = i * k; r < (i + 1) * k; r++)
        for (let c = j * k; c < (j + 1) * k; c++) {
          const v = a[r]?.[c] ?? -Infinity;
          if (v > best) {
            best = v;
            at = { r, c };
          }
        }
      pooled[i]?.push(best);
      switches[i]?.push(at);
    }
  }
  return { pooled, switches };
}

/** Max unpooling: each value of `signal` goes back to its switch; every other position gets zero. */
export function unpool(signal: Grid, switches: readonly (readonly Switch[])[], rows: number, cols: number): number[][] {
  const out = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  signal.forEach((row, i) =>
    row.forEach((v, j) => {
      const s = switches[i]?.[j];
      const target = s ? out[s.r] : undefined;
      if (s && target) target[s.c] = v;
    }),
  );
  return out;
}

/** ReLU of every cell (DeconvNet applies it to the backward signal itself). */
export function relu(a: Grid): number[][] {
  return a.map((row) => row.map((v) => (v > 0 ? v : 0)));
}

/** A k×k filter rotated by 180° (rows and columns reversed): the spatial part of the transposed convolution. */
export function flip<T>(f: readonly (readonly T[])[]): T[][] {
  return [...f].reverse().map((row) => [...row].reverse());
}

/** Mean of every cell. */
export function mean(a: Grid): number {
  const all = a.flat();
  return all.reduce((s, v) => s + v, 0) / all.length;
}

/** Σ_k w_k · A_k, cell by cell. */
export function weightedSum(weights: readonly number[], maps: readonly Grid[]): number[][] {
  const first = maps[0] ?? [];
  return first.map((row, r) => row.map((_, c) => maps.reduce((s, m, k) => s + (weights[k] ?? 0) * (m[r]?.[c] ?? 0), 0)));
}

/**
 * Bilinear resize by an integer `factor` with half-pixel centres (PyTorch's `align_corners=False`, as
 * src/explain/gradcam.ts): output pixel centre (i + 0.5) / factor − 0.5 in input coordinates, clamped.
 */
export function bilinear(a: Grid, factor: number): number[][] {
  const h = a.length;
  const w = a[0]?.length ?? 0;
  const at = (r: number, c: number): number => a[Math.min(h - 1, Math.max(0, r))]?.[Math.min(w - 1, Math.max(0, c))] ?? 0;
  const src = (i: number, n: number): [number, number, number] => {
    const x = Math.max(0, (i + 0.5) / factor - 0.5);
    const x0 = Math.min(n - 1, Math.floor(x));
    return [x0, Math.min(n - 1, x0 + 1), x - x0];
  };
  return Array.from({ length: h * factor }, (_, i) => {
    const [r0, r1, fr] = src(i, h);
    return Array.from({ length: w * factor }, (_, j) => {
      const [c0, c1, fc] = src(j, w);
      const top = at(r0, c0) * (1 - fc) + at(r0, c1) * fc;
      const bottom = at(r1, c0) * (1 - fc) + at(r1, c1) * fc;
      return top * (1 - fr) + bottom * fr;
    });
  });
}

/** The DeconvNet figure's example: a rectified 4×4 feature map, 2×2 pooling, a signal from above. */
export const DECONV_EXAMPLE = {
  /** After the forward ReLU, so non-negative. */
  features: [
    [1, 3, 0, 2],
    [4, 2, 1, 0],
    [0, 1, 5, 2],
    [2, 0, 3, 6],
  ],
  /** What arrives from the layer above, one value per pooled cell; one is negative. */
  signal: [
    [0.7, -0.4],
    [0.2, 0.9],
  ],
  filter: [
    ['a', 'b', 'c'],
    ['d', 'e', 'f'],
    ['g', 'h', 'i'],
  ],
} as const;

/** Every step of the DeconvNet example. */
export function deconvExample() {
  const { features, signal, filter } = DECONV_EXAMPLE;
  const { pooled, switches } = maxPoolWithSwitches(features, 2);
  const unpooled = unpool(signal, switches, features.length, features[0]?.length ?? 0);
  return { features, pooled, switches, signal, unpooled, rectified: relu(unpooled), filter, flipped: flip(filter) };
}

/**
 * The Grad-CAM figure's example: K = 3 feature maps of 4×4 (non-negative, as after a ReLU) and the
 * gradients of the logit with respect to each. Map 1 responds where the "bleed" is (right), map 2 on
 * the rim of the head, map 3 on the left; the gradients make map 1 count for the label and map 2 against.
 */
export const GRADCAM_EXAMPLE = {
  maps: [
    [
      [0, 0, 1, 2],
      [0, 1, 3, 4],
      [0, 1, 4, 5],
      [0, 0, 2, 3],
    ],
    [
      [3, 2, 2, 3],
      [2, 0, 0, 2],
      [2, 0, 0, 2],
      [3, 2, 2, 3],
    ],
    [
      [1, 2, 0, 0],
      [2, 3, 0, 0],
      [1, 1, 0, 0],
      [0, 0, 0, 0],
    ],
  ],
  gradients: [
    [
      [0.1, 0.2, 0.4, 0.5],
      [0.2, 0.3, 0.5, 0.6],
      [0.1, 0.2, 0.4, 0.5],
      [0, 0.1, 0.3, 0.4],
    ],
    [
      [-0.3, -0.2, -0.2, -0.3],
      [-0.2, -0.1, -0.1, -0.2],
      [-0.2, -0.1, -0.1, -0.2],
      [-0.3, -0.2, -0.2, -0.3],
    ],
    [
      [0.3, 0.2, 0, -0.1],
      [0.2, 0.1, 0, -0.1],
      [0.1, 0.1, 0, 0],
      [0.1, 0, 0, 0],
    ],
  ],
  /** Upsampling factor drawn (layer4 of this network: 224 / 7 = 32). */
  factor: 4,
} as const;

/** Every step of the Grad-CAM example: α_k (mean gradients), the weighted sum, its ReLU, the upsampled map. */
export function gradCamExample() {
  const { maps, gradients, factor } = GRADCAM_EXAMPLE;
  const alphas = gradients.map((g) => mean(g));
  const sum = weightedSum(alphas, maps);
  const cam = relu(sum);
  return { maps, gradients, alphas, sum, cam, upsampled: bilinear(cam, factor) };
}
