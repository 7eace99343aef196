/**
 * Pick and verify a tfjs backend: webgpu → webgl → wasm → cpu. Each candidate's package is imported
 * only when it is tried (so the browser downloads only what it uses), must register itself in this
 * environment, must initialise (`setBackend`), and must pass a probe: a small conv + relu + max-pool
 * forward and its input gradient through `tf.grad`, compared with numbers worked out by hand. Any
 * failure falls through to the next candidate.
 *
 * Call `await initBackend()` before creating any tensor: importing the wasm or webgpu package makes it
 * the default backend, and a tensor created before `await tf.setBackend(...)` then throws.
 */
import * as tf from '@tensorflow/tfjs-core';
import { isNode, registerGradients } from './tf';
import { attemptText, type AttemptWhy, type SoftwareGpu } from './backend-reasons';

export type { AttemptWhy, SoftwareGpu } from './backend-reasons';

/** Backends in preference order. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** What a probe returns: the forward output and the input gradient, flattened row-major. */
export interface ProbeResult {
  readonly forward: ArrayLike<number>;
  readonly gradient: ArrayLike<number>;
}
/** Runs on the backend just set; throws or returns numbers that `initBackend` checks against PROBE. */
export type ProbeFn = () => Promise<ProbeResult>;

/** One candidate's outcome. */
export interface BackendAttempt {
  readonly name: string;
  readonly ok: boolean;
  /** One English line; tfjs's own message when `why` is absent. */
  readonly error?: string;
  readonly why?: AttemptWhy;
}

/** A candidate's failure with its code (the loop in initBackend records both). */
class AttemptError extends Error {
  constructor(readonly why: AttemptWhy) {
    super(attemptText(why));
  }
}
/** WebAssembly threads in use, and why there is only one when that is so. */
export interface WasmThreads {
  readonly count: number;
  /** Set when more threads were asked for than run (the logical cores, or tfjs's limit of 8). */
  readonly asked?: number;
  /** A `?threads=` value that is not a whole number from 1 to 64, ignored (the default ran instead). */
  readonly ignored?: string;
  /** Set when count is 1: the reason, in one line (English; the page translates the code). */
  readonly note?: string;
  readonly reason?: 'node' | 'not-isolated' | 'asked' | 'no-support' | 'one-core';
}
/** The backend in use and every candidate tried, in order. */
export interface BackendChoice {
  readonly name: BackendName;
  readonly tried: readonly BackendAttempt[];
  /** Only for wasm. */
  readonly threads?: WasmThreads;
}

/** wasm binary locations: a folder prefix, or a map from binary name to URL (see `wasmUrls.ts`). */
export type WasmPaths = string | Partial<Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>>;

export interface InitBackendOptions {
  /** Tried first (then the rest of the order); must be one of BACKENDS. */
  readonly preferred?: string | undefined;
  /** Replaces the default probe (tests use this to force failures). */
  readonly probe?: ProbeFn;
  /**
   * Candidates in order; every name must be one of BACKENDS. Default: BACKENDS, where a GPU backend that
   * would run on a software rasteriser is skipped unless it is `preferred`.
   */
  readonly candidates?: readonly string[];
  /**
   * Where the browser fetches the wasm binaries (the site passes WASM_URLS from wasm-urls.ts). Not
   * needed in Node: the package's Node build reads them from its own dist/ folder
   * (node_modules/@tensorflow/tfjs-backend-wasm/dist/).
   */
  readonly wasmPaths?: WasmPaths;
  /**
   * WebAssembly threads (browser only, needs a cross-origin isolated page): a count from 1 up, run as
   * asked up to the logical cores and 8 (see `asTfjsCores`), or undefined for `defaultWasmThreads`.
   * `?threads=N` on the page sets it.
   */
  readonly wasmThreads?: number | undefined;
}

/**
 * The probe, by hand. Input x 5x5 (one channel), kernel 2x2x1x2 (HWIO), bias b, stride 1 'valid' → 4x4x2;
 * relu; max-pool 2x2 stride 2 → 2x2x2; loss = Σ pooled · lossWeights. Every pool window has one
 * positive maximum (no ties, so every backend must route the gradient the same way).
 * Example: channel 0's kernel is [[1, 0], [-1, 2]] with bias -1, so the pre-activation at (0,1) is
 * 3·1 + 2·0 + (-4)·(-1) + (-2)·2 - 1 = 2, and forward[0] = max relu(-8, 2, -12, -4) = 2; its loss
 * weight 1 sends the kernel back onto x rows 0-1, columns 1-2. The test recomputes every number with
 * plain loops.
 */
export const PROBE: Readonly<Record<'input' | 'kernel' | 'bias' | 'lossWeights' | 'forward' | 'gradient', readonly number[]>> = {
  input: [-2, 3, 2, 4, 2, -3, -4, -2, 4, -3, 2, -3, -1, 3, -1, -3, -1, 3, 2, 2, 2, 4, -3, 2, 3],
  kernel: [1, -1, 0, 2, -1, 1, 2, 0],
  bias: [-1, 0.5],
  lossWeights: [1, 2, 3, 4, 5, 6, 7, 8],
  forward: [2, 5.5, 11, 9.5, 3, 11.5, 9, 10.5],
  gradient: [-2, 5, 3, 0, 0, 2, -1, -5, 14, 0, 0, 5, -4, 16, 0, 0, -11, 37, 0, 0, 0, 6, -7, 14, 0],
};

/** Tolerance of the probe check: loose enough for float16 GPU textures, tight enough to catch wrong routing. */
const PROBE_TOLERANCE = 1e-2;

/** The default probe on the current backend. Leaves no tensors behind. */
export async function runProbe(input: readonly number[] = PROBE.input): Promise<ProbeResult> {
  const [out, grad] = tf.tidy(() => {
    const x = tf.tensor4d(Float32Array.from(input), [1, 5, 5, 1]);
    const k = tf.tensor4d(Float32Array.from(PROBE.kernel), [2, 2, 1, 2]);
    const b = tf.tensor1d(Float32Array.from(PROBE.bias));
    const w = tf.tensor4d(Float32Array.from(PROBE.lossWeights), [1, 2, 2, 2]);
    const f = (a: tf.Tensor): tf.Tensor4D =>
      tf.maxPool(tf.relu(tf.add(tf.conv2d(a as tf.Tensor4D, k, 1, 'valid'), b)) as tf.Tensor4D, 2, 2, 'valid');
    const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(f(a), w)))(x);
    return [f(x), g];
  });
  try {
    return { forward: await out.data(), gradient: await grad.data() };
  } finally {
    out.dispose();
    grad.dispose();
  }
}

/** Compare a probe result with PROBE; returns a one-line reason or null when it matches. */
export function checkProbe(r: ProbeResult): string | null {
  for (const [what, got, want] of [
    ['forward', r.forward, PROBE.forward],
    ['gradient', r.gradient, PROBE.gradient],
  ] as const) {
    if (got.length !== want.length) return `probe ${what}: ${got.length} values, expected ${want.length}`;
    for (let i = 0; i < want.length; i++) {
      const g = got[i] as number;
      const e = want[i] as number;
      if (!(Math.abs(g - e) <= PROBE_TOLERANCE * Math.max(1, Math.abs(e)))) return `probe ${what}[${i}] = ${g}, expected ${e}`;
    }
  }
  return null;
}

function isBackendName(s: string): s is BackendName {
  return (BACKENDS as readonly string[]).includes(s);
}

function unknownBackend(name: string, where: string): Error {
  return new Error(`Unknown backend "${name}"${where}; use one of ${BACKENDS.join(', ')}`);
}

/**
 * `?backend=webgpu|webgl|wasm|cpu` from a location.search string; undefined when absent.
 * @throws Error with a clear message on an unknown name
 */
export function backendFromUrl(search: string): BackendName | undefined {
  const value = new URLSearchParams(search).get('backend');
  if (value === null || value === '') return undefined;
  const name = value.toLowerCase();
  if (!isBackendName(name)) throw unknownBackend(value, ' in ?backend=');
  return name;
}

let wasmPathsSet = false;

/** Import a backend's package (it registers itself where it can run). */
async function importBackend(name: BackendName, wasmPaths: WasmPaths | undefined, wasmThreads: number | undefined): Promise<void> {
  switch (name) {
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // setWasmPaths must precede the backend's first initialisation and cannot change afterwards.
      if (wasmPaths !== undefined && !wasmPathsSet && !isNode()) {
        wasm.setWasmPaths(wasmPaths);
        wasmPathsSet = true;
      }
      // Threads: tfjs turns them on where SharedArrayBuffer can be posted (a cross-origin isolated page);
      // the bundled threaded build works thanks to src/build/tfjs-wasm-threads.ts. Must precede init.
      // Without a count tfjs would run half the logical cores; initBackend always passes one in a browser.
      if (wasmThreads !== undefined) wasm.setThreadsCount(wasmThreads);
      return;
    }
  }
}

/**
 * The page's `?threads=N` value: a whole number from 1 to 64; undefined when absent or empty.
 * @throws Error with a clear message on anything else
 */
export function parseThreads(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`?threads=${value}: use a whole number from 1 to 64`);
  return n;
}

/**
 * The thread count when none is asked: half the logical cores, as tfjs does (it assumes two hyperthreads
 * per core), at most 8, but two wherever there are two logical cores. On this project's 2-vCPU machine
 * tfjs's own choice, one thread, ran the forward pass 1.6–2.0× slower than two (`npm run bench --
 * browser`, BENCH_THREADS=1 against 2); a 2-core laptop or Chromebook would lose the same.
 * @param logicalCores navigator.hardwareConcurrency (0 or missing counts as 1)
 * @returns 1..8
 */
export function defaultWasmThreads(logicalCores: number): number {
  const cores = Math.max(1, Math.floor(logicalCores) || 1);
  return Math.min(8, Math.max(Math.min(2, cores), Math.floor(cores / 2)));
}

/**
 * The logical-core count to show tfjs while its wasm module starts, so that an asked thread count runs.
 * tfjs-backend-wasm (backend.cc, `init_with_threads_count`) caps threads at half of
 * `navigator.hardwareConcurrency`, assuming two hyperthreads per core; on a machine whose logical cores
 * are real cores (a 2-vCPU VM) that forbids the second thread. So for an asked count N it is shown 2·N,
 * with N lowered to the real logical cores and to 8 (tfjs's own limit). undefined: leave tfjs's default.
 */
export function asTfjsCores(asked: number | undefined, logicalCores: number): number | undefined {
  if (asked === undefined) return undefined;
  const cores = Math.max(1, Math.floor(logicalCores) || 1);
  const n = Math.min(asked, 8, cores);
  return n > Math.floor(cores / 2) ? 2 * n : undefined;
}

/** Run `fn` while `navigator.hardwareConcurrency` reads `cores` (undefined: as it is), then restore it. */
async function withLogicalCores<T>(cores: number | undefined, fn: () => Promise<T>): Promise<T> {
  if (cores === undefined) return fn();
  // An own property shadows the prototype's getter; deleting it brings the real value back.
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: cores, configurable: true });
  try {
    return await fn();
  } finally {
    delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/** The wasm backend's thread count, once it is initialised, with the reason when it is one. */
async function wasmThreadsInUse(asked: number | undefined): Promise<WasmThreads> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const count = wasm.getThreadsCount();
  if (count > 1) return asked !== undefined && asked > count ? { count, asked } : { count };
  if (isNode()) return { count, reason: 'node', note: 'tfjs runs WebAssembly on one thread in Node' };
  if (!globalThis.crossOriginIsolated) {
    return { count, reason: 'not-isolated', note: 'the page is not cross-origin isolated (its host sends no COOP/COEP headers), so WebAssembly threads are off' };
  }
  if (asked === 1) return { count, reason: 'asked', note: 'one thread asked for (?threads=1)' };
  if (!(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'))) {
    return { count, reason: 'no-support', note: 'this browser cannot share WebAssembly memory between threads here' };
  }
  return { count, reason: 'one-core', note: 'this browser reports one logical core' };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Whether a GPU backend would run on a software rasteriser (SwiftShader, llvmpipe, WebGPU's fallback
 * adapter). There the network is many times slower than wasm (ARCHITECTURE.md: forward pass 7-25 s
 * against 0.3 s), so the automatic order skips it; naming it (`?backend=webgl`) still runs it.
 */
export async function softwareGpu(name: BackendName): Promise<SoftwareGpu | null> {
  if (isNode()) return null;
  if (name === 'webgpu') {
    const gpu = (navigator as { gpu?: { requestAdapter(): Promise<{ isFallbackAdapter?: boolean; info?: { isFallbackAdapter?: boolean } } | null> } }).gpu;
    const adapter = await gpu?.requestAdapter();
    return adapter && (adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter) ? { api: 'webgpu' } : null;
  }
  if (name === 'webgl') {
    const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    const renderer = gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : '';
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|software/i.test(renderer) ? { api: 'webgl', renderer } : null;
  }
  return null;
}


/**
 * Choose the first candidate that registers, initialises and passes the probe, and make it the
 * tfjs backend. Also registers gradients (see tf.ts).
 * @returns the backend in use and every attempt (name, ok, error)
 * @throws Error on an unknown name in `preferred`/`candidates`, or when every candidate fails
 */
export async function initBackend(opts: InitBackendOptions = {}): Promise<BackendChoice> {
  let candidates: BackendName[] = [];
  for (const c of opts.candidates ?? BACKENDS) {
    if (!isBackendName(c)) throw unknownBackend(c, ' in candidates');
    candidates.push(c);
  }
  const preferred = opts.preferred;
  if (preferred !== undefined) {
    if (!isBackendName(preferred)) throw unknownBackend(preferred, '');
    candidates = [preferred, ...candidates.filter((c) => c !== preferred)];
  }
  await registerGradients();
  // wasm threads: none in Node (tfjs keeps it on one there), else as asked or our default.
  const threads = isNode() ? undefined : (opts.wasmThreads ?? defaultWasmThreads(navigator.hardwareConcurrency));
  const probe = opts.probe ?? ((): Promise<ProbeResult> => runProbe());
  const tried: BackendAttempt[] = [];
  const automatic = opts.candidates === undefined;
  for (const name of candidates) {
    try {
      if (automatic && name !== preferred) {
        const slow = await softwareGpu(name);
        if (slow !== null) throw new AttemptError({ code: 'software', gpu: slow });
      }
      await importBackend(name, opts.wasmPaths, threads);
      if (tf.findBackendFactory(name) === null) throw new AttemptError({ code: 'unavailable' });
      const set = (): Promise<boolean> => tf.setBackend(name);
      if (!(await (name === 'wasm' ? withLogicalCores(threads === undefined ? undefined : asTfjsCores(threads, navigator.hardwareConcurrency), set) : set()))) throw new AttemptError({ code: 'init-failed' });
      const wrong = checkProbe(await probe());
      if (wrong !== null) throw new AttemptError({ code: 'probe', detail: wrong });
      tried.push({ name, ok: true });
      return name === 'wasm' ? { name, tried, threads: await wasmThreadsInUse(opts.wasmThreads) } : { name, tried };
    } catch (e) {
      tried.push(e instanceof AttemptError ? { name, ok: false, error: e.message, why: e.why } : { name, ok: false, error: message(e) });
    }
  }
  const reasons = tried.map((t) => `${t.name}: ${t.error ?? 'failed'}`).join('; ');
  throw new Error(`No tfjs backend works here (${reasons})`);
}
