/**
 * How far a slice is from the training data, measured on the network's penultimate features (the
 * 512 global-average-pooled `layer4` activations that feed the dense layer). A reference fitted on
 * training slices (phantoms and real-background composites) keeps their mean, the top `k` principal
 * directions with their variances, and the mean energy left outside them. A slice's score is the mean
 * of two terms that each average 1 on the fitting set:
 *
 *   score = ½ · ( (1/k) Σᵢ pᵢ² / λᵢ  +  ‖r‖² / ρ )
 *
 * with pᵢ the projection of (f − mean) on direction i, λᵢ its variance, r the residual outside the k
 * directions and ρ its mean squared norm on the fitting set (a Mahalanobis distance in the principal
 * subspace plus a reconstruction error). The threshold is a percentile of the scores of separate
 * calibration slices. Plain arrays; no tfjs.
 */

/** The fitted reference, as stored in models/resnet34/ood.json. */
export interface OodReference {
  readonly format: 'ich-ood/1';
  /** sha256 of the weights the features came from (model.json meta.sha256): stale for other weights. */
  readonly weightsSha256: string;
  readonly dims: number;
  readonly mean: readonly number[];
  /** k unit vectors of length `dims`. */
  readonly components: readonly (readonly number[])[];
  /** Their variances on the fitting set. */
  readonly eigenvalues: readonly number[];
  /** Mean squared norm of the residual on the fitting set. */
  readonly residualScale: number;
  /** Scores above this are flagged. */
  readonly threshold: number;
  /** Figures for the text: how the threshold was chosen and how held-out slices fare. */
  readonly calibration: {
    readonly percentile: number;
    readonly fit: { readonly phantoms: number; readonly composites: number };
    readonly calibrate: { readonly phantoms: number; readonly composites: number };
    /** Held-out test slices that pass (score ≤ threshold), and how many were scored. */
    readonly heldOut: { readonly phantoms: readonly [number, number]; readonly composites: readonly [number, number] };
  };
}

/** The fitted part of a reference (without threshold and figures). */
export type FittedSpace = Pick<OodReference, 'dims' | 'mean' | 'components' | 'eigenvalues' | 'residualScale'>;

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

/**
 * Fit mean, top-`k` principal directions (power iteration with deflation on the covariance) and the
 * residual scale to `rows` (each of length dims).
 * @throws Error with fewer than k + 2 rows or rows of unequal length
 */
export function fitSpace(rows: readonly ArrayLike<number>[], k: number, iterations = 200): FittedSpace {
  const n = rows.length;
  const dims = rows[0]?.length ?? 0;
  if (n < k + 2) throw new Error(`fitSpace: ${n} rows for ${k} components`);
  if (rows.some((r) => r.length !== dims)) throw new Error('fitSpace: rows of unequal length');
  const mean = new Float64Array(dims);
  for (const r of rows) for (let j = 0; j < dims; j++) mean[j] = (mean[j] ?? 0) + (r[j] ?? 0) / n;
  const centred = rows.map((r) => Float64Array.from({ length: dims }, (_, j) => (r[j] ?? 0) - (mean[j] ?? 0)));
  // Covariance, dims × dims.
  const cov = new Float64Array(dims * dims);
  for (const c of centred) {
    for (let i = 0; i < dims; i++) {
      const ci = c[i] ?? 0;
      if (ci === 0) continue;
      const row = i * dims;
      for (let j = 0; j < dims; j++) cov[row + j] = (cov[row + j] ?? 0) + (ci * (c[j] ?? 0)) / (n - 1);
    }
  }
  const components: number[][] = [];
  const eigenvalues: number[] = [];
  for (let c = 0; c < k; c++) {
    let v = Float64Array.from({ length: dims }, (_, j) => Math.sin(1 + j * (c + 1.618)));
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      const w = new Float64Array(dims);
      for (let i = 0; i < dims; i++) {
        let s = 0;
        const row = i * dims;
        for (let j = 0; j < dims; j++) s += (cov[row + j] ?? 0) * (v[j] ?? 0);
        w[i] = s;
      }
      const norm = Math.sqrt(dot(w, w));
      if (norm === 0) break;
      lambda = norm;
      v = w.map((x) => x / norm);
    }
    components.push(Array.from(v));
    eigenvalues.push(Math.max(lambda, 1e-12));
    // Deflate: cov -= λ v vᵀ.
    for (let i = 0; i < dims; i++) for (let j = 0; j < dims; j++) cov[i * dims + j] = (cov[i * dims + j] ?? 0) - lambda * (v[i] ?? 0) * (v[j] ?? 0);
  }
  let residual = 0;
  for (const c of centred) residual += residualNorm2(c, components) / n;
  return { dims, mean: Array.from(mean), components, eigenvalues, residualScale: Math.max(residual, 1e-12) };
}

/** ‖x − Σ (x·vᵢ) vᵢ‖² for a centred x. */
function residualNorm2(x: ArrayLike<number>, components: readonly (readonly number[])[]): number {
  let total = dot(x, x);
  for (const v of components) {
    const p = dot(x, v);
    total -= p * p;
  }
  return Math.max(0, total);
}

/** The score of one feature vector (see the file comment); about 1 on average for fitting slices. */
export function oodScore(space: FittedSpace, f: ArrayLike<number>): number {
  if (f.length !== space.dims) throw new Error(`oodScore: ${f.length} features, expected ${space.dims}`);
  const x = Float64Array.from({ length: space.dims }, (_, j) => (f[j] ?? 0) - (space.mean[j] ?? 0));
  let m = 0;
  space.components.forEach((v, i) => {
    const p = dot(x, v);
    m += (p * p) / (space.eigenvalues[i] ?? 1);
  });
  const k = Math.max(1, space.components.length);
  return 0.5 * (m / k + residualNorm2(x, space.components) / space.residualScale);
}

/** The q-quantile (0..1) of `values`, linear between order statistics. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile of nothing');
  const s = [...values].sort((a, b) => a - b);
  const pos = Math.min(1, Math.max(0, q)) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] ?? 0) + ((s[hi] ?? 0) - (s[lo] ?? 0)) * (pos - lo);
}

/** Whether `ref` was fitted on the weights with this sha256 (a prefix of at least 12 hex digits is enough). */
export function matchesWeights(ref: Pick<OodReference, 'weightsSha256'>, sha256: string): boolean {
  return sha256.length >= 12 && ref.weightsSha256.startsWith(sha256);
}
