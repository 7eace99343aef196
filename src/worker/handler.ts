/**
 * The compute worker's logic as a plain object, so Node tests drive it directly (no browser, no
 * Worker): `createHandler(deps).handle(request, post)`. compute.worker.ts only wires it to
 * `self.onmessage`/`postMessage`.
 *
 * Requests run one at a time in arrival order (a promise chain): the single open session is never
 * disposed while another request still reads from it. Every failure becomes an `error` response; the
 * handler itself never throws, so the worker never dies.
 */
import { STAGES, type ResNetSpec } from '../model/arch';
import { initBackend, parseThreads, softwareGpu, type InitBackendOptions } from '../model/backend';
import { createResNet, type ResNet } from '../model/resnet34';
import { disposeWeights, loadWeightsFromUrl, seededWeights, type ProgressFn } from '../model/weights';
import { huToModelInput } from '../ct/window';
import { METHOD_NAMES } from '../explain/method';
import { openSession, type ExplainSession } from '../explain/run';
import type { ErrorCode, OodResult, Post, ReadyInfo, WeightsSource, WorkerRequest } from './protocol';
import { matchesWeights, oodScore, type OodReference } from '../ood/feature-distance';
import type * as tf from '@tensorflow/tfjs-core';
import { createLabHandler } from './lab-handler';
import { thresholdsFrom, versionLine } from './model-meta';
import { createNetworkHandler } from './network-handler';
import type { NetworkRequest } from './network-protocol';
import type { LabRequest } from './lab-protocol';

export { thresholdsFrom } from './model-meta';

/** What the handler needs from its surroundings. */
export interface HandlerDeps {
  /** Passed to `initBackend` with the request's `preferredBackend` (wasm paths in the browser, candidates in tests). */
  readonly backend: Omit<InitBackendOptions, 'preferred'>;
  /** The network built from seeded weights (seed 0) when no trained `model.json` is served. */
  readonly fallbackSpec: ResNetSpec;
  /** Network access for the weights (default: global fetch). */
  readonly fetch?: typeof fetch;
  /**
   * Make the backward kernels while no request waits (one convolution per macrotask, so a request that
   * arrives waits for one at most): the worker does; tests that count tensors between requests do not.
   */
  readonly prepareWhenIdle?: boolean;
}

/** Weights ready to build a network. The caller disposes `weights`. */
interface Weights {
  readonly spec: ResNetSpec;
  readonly weights: tf.NamedTensorMap;
  readonly meta: Record<string, unknown>;
  readonly source: WeightsSource;
  readonly note: string;
}

/**
 * Trained weights from `modelUrl`, or — only when there is no URL or the server answers 404 for
 * model.json — the seeded random network. The bytes are fetched while `backendReady` (the backend's
 * start) is pending; tensors are made only after it resolves. Any other failure (bad JSON, a missing shard) throws:
 * a broken trained model must not pass silently for an untrained one.
 */
export async function loadOrSeed(
  modelUrl: string | null,
  fallbackSpec: ResNetSpec,
  onProgress: ProgressFn,
  fetchFn: typeof fetch = fetch,
  backendReady: Promise<unknown> = Promise.resolve(),
): Promise<Weights> {
  const seeded = async (why: string): Promise<Weights> => {
    await backendReady; // the weights are tensors: the backend must be up
    return { spec: fallbackSpec, weights: seededWeights(fallbackSpec, 0), meta: { seeded: 0 }, source: 'untrained-random', note: why };
  };
  if (modelUrl === null) return seeded('no trained weights were built into this site');
  let manifestStatus = 0;
  const recording: typeof fetch = async (input, init) => {
    const res = await fetchFn(input, init);
    if (manifestStatus === 0) manifestStatus = res.status; // the first request is model.json itself
    return res;
  };
  try {
    // The Cache API keeps the shards for return visits (absent in insecure contexts and in Node).
    const cache = (globalThis as { caches?: CacheStorage }).caches;
    const loaded = await loadWeightsFromUrl(modelUrl, { onProgress, fetch: recording, beforeDecode: backendReady, ...(cache ? { cache } : {}) });
    return { ...loaded, source: 'trained', note: modelUrl };
  } catch (e) {
    if (manifestStatus === 404) return seeded(`${modelUrl}: HTTP 404`);
    throw e;
  }
}

/** The weights in one line: "ResNet34, trained 2026-11-29 (config real, uint8-channel, sha256 083eb98dd59d)". */
function modelVersion(w: Weights): string {
  return w.source === 'trained' ? versionLine(w.meta) : 'ResNet34, untrained random weights (seed 0)';
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The compute worker's state machine. */
export interface Handler {
  /** Queue one request; resolves when its responses have been posted. Never rejects. */
  handle(req: WorkerRequest, post: Post): Promise<void>;
  /** Release the session, network and weights (tests; a worker simply ends). */
  dispose(): void;
}

/** Make a handler. Nothing happens until an `init` request arrives. */
export function createHandler(deps: HandlerDeps): Handler {
  let model: { net: ResNet; weights: tf.NamedTensorMap; info: ReadyInfo } | null = null;
  let session: { key: string; s: ExplainSession } | null = null;
  /** The OOD reference beside model.json, fetched on the first `ood` request (null: none for these weights). */
  let oodRef: Promise<{ ref: OodReference | null; note: string }> | null = null;
  let modelUrl: string | null = null;
  let weightsSha = '';
  let queue: Promise<void> = Promise.resolve();
  /** Requests queued or running; backward kernels are made only while it is 0. */
  let busy = 0;
  let preparing = false;
  function prepareWhenIdle(): void {
    if (!deps.prepareWhenIdle || preparing || !model) return;
    preparing = true;
    const step = (): void => {
      if (!model || busy > 0) {
        preparing = false; // resumed when the queue drains
        return;
      }
      if (model.net.prepareBackward()) setTimeout(step, 0);
      else preparing = false;
    };
    setTimeout(step, 0);
  }
  // The evaluation lab's long jobs run in their own queue, on the same trained network (lab-handler.ts).
  const lab = createLabHandler(() => model && { net: model.net, weights: model.weights, spec: model.net.spec });
  // Other networks (the before-and-after lesson), compared with this one on the same slice (network-handler.ts).
  const networks = createNetworkHandler(() => model && { net: model.net, sha256: weightsSha || null }, deps.fetch);

  const fail = (post: Post, id: number, code: ErrorCode, message: string): void => post({ type: 'error', id, code, message });

  async function init(req: Extract<WorkerRequest, { type: 'init' }>, post: Post): Promise<void> {
    if (model) {
      post({ type: 'ready', id: req.id, ...model.info });
      return;
    }
    const t0 = performance.now();
    // The backend starts (wasm compile, GPU adapter) while the weights download or come from the cache.
    // A bad ?threads= value must not cost the reader the model: the default runs, and the page says why.
    let wasmThreads: number | undefined;
    let ignored: string | undefined;
    try {
      wasmThreads = parseThreads(req.wasmThreads);
    } catch {
      ignored = req.wasmThreads;
    }
    const backend = initBackend({ ...deps.backend, preferred: req.preferredBackend, wasmThreads });
    const backendMs = backend.then(() => performance.now() - t0);
    backendMs.catch(() => undefined); // a failure is reported once, through `choice` below
    const w = await loadOrSeed(req.modelUrl, deps.fallbackSpec, (loaded, total) => post({ type: 'progress', id: req.id, loaded, total }), deps.fetch, backend).catch(async (e: unknown) => {
      await backend; // a backend failure is the cause to report, not the weights' "no backend" that follows from it
      throw e;
    });
    const choice = await backend;
    const weightsMs = performance.now() - t0;
    let net: ResNet;
    try {
      net = createResNet(w.weights, w.spec);
    } catch (e) {
      disposeWeights(w.weights);
      throw e;
    }
    const blocks = net.blockNames.map((name) => ({ name, channels: w.spec.widths[STAGES.indexOf(name.split('.')[0] as (typeof STAGES)[number])] ?? 0 }));
    // A forced GPU backend may run in software (the automatic order skips those): say so.
    const software = await softwareGpu(choice.name).catch(() => null);
    const info: ReadyInfo = {
      backend: choice.name,
      tried: choice.tried,
      ...(software ? { software } : {}),
      ...(choice.threads ? { threads: ignored === undefined ? choice.threads : { ...choice.threads, ignored } } : {}),
      modelVersion: modelVersion(w),
      weights: w.source,
      weightsNote: w.note,
      thresholds: thresholdsFrom(w.meta),
      blocks,
      startup: { backendMs: await backendMs, weightsMs, readyMs: performance.now() - t0 },
    };
    model = { net, weights: w.weights, info };
    modelUrl = w.source === 'trained' ? req.modelUrl : null;
    weightsSha = typeof w.meta['sha256'] === 'string' ? (w.meta['sha256'] as string) : '';
    post({ type: 'ready', id: req.id, ...info });
  }

  async function slice(req: Extract<WorkerRequest, { type: 'slice' }>, post: Post, net: ResNet): Promise<void> {
    const input = huToModelInput(req.hu, req.size); // throws on a wrong length
    session?.s.dispose();
    session = null;
    const s = await openSession(net, input, req.size);
    session = { key: req.sliceKey, s };
    const logits = s.logits.slice();
    const probabilities = s.probabilities.slice();
    post({ type: 'forward', id: req.id, sliceKey: req.sliceKey, logits, probabilities, forwardMs: s.forwardMs }, [logits.buffer, probabilities.buffer]);
  }

  async function explain(req: Extract<WorkerRequest, { type: 'explain' }>, post: Post): Promise<void> {
    if (!session || session.key !== req.sliceKey) {
      fail(post, req.id, 'stale', `slice "${req.sliceKey}" is not the current slice`);
      return;
    }
    const unknown = [req.request, ...(req.together ?? [])].find((r) => !(METHOD_NAMES as readonly string[]).includes(r.method));
    if (unknown) {
      fail(post, req.id, 'bad-request', `unknown method "${unknown.method}"`);
      return;
    }
    // The grid's maps: the gradient-type ones in one batched backward pass, cached for their own requests.
    if (req.together?.length) await session.s.prefetch([req.request, ...req.together]);
    const m = await session.s.explain(req.request);
    // A copy: the session keeps its cached tensor, and some backends hand out their own storage.
    const data = m.data.slice();
    post({ type: 'map', id: req.id, sliceKey: req.sliceKey, map: { ...m, data } }, [data.buffer]);
  }

  async function loadOodReference(): Promise<{ ref: OodReference | null; note: string }> {
    if (modelUrl === null) return { ref: null, note: 'no trained weights' };
    const url = new URL('ood.json', modelUrl).href;
    const res = await (deps.fetch ?? fetch)(url);
    if (!res.ok) return { ref: null, note: `${url}: HTTP ${res.status}` };
    const ref = (await res.json()) as OodReference;
    if (ref.format !== 'ich-ood/1' || !matchesWeights(ref, weightsSha)) return { ref: null, note: `${url} was fitted on other weights` };
    return { ref, note: '' };
  }

  /** Penultimate features of the session's slice (from its forward pass) and their OOD score. */
  async function ood(req: Extract<WorkerRequest, { type: 'ood' }>, post: Post): Promise<void> {
    if (!session || session.key !== req.sliceKey) {
      fail(post, req.id, 'stale', `slice "${req.sliceKey}" is not the current slice`);
      return;
    }
    oodRef ??= loadOodReference().catch((e: unknown) => ({ ref: null, note: errorText(e) }));
    const { ref, note } = await oodRef;
    let result: OodResult = { score: null, threshold: null, heldOut: null, note };
    if (ref) {
      // The session's own forward pass already holds layer4: no second pass.
      const features = await session.s.features();
      result = { score: oodScore(ref, features), threshold: ref.threshold, heldOut: ref.calibration.heldOut };
    }
    post({ type: 'ood', id: req.id, sliceKey: req.sliceKey, ...result });
  }

  async function run(req: Exclude<WorkerRequest, LabRequest | Extract<NetworkRequest, { type: 'network-load' }>>, post: Post): Promise<void> {
    try {
      if (req.type === 'init') return await init(req, post);
      if (!model) return fail(post, req.id, 'not-ready', 'the model is not loaded yet');
      if (req.type === 'compare' || req.type === 'network-unload') return await networks.run(req, post);
      if (req.type === 'slice') return await slice(req, post, model.net);
      if (req.type === 'ood') return await ood(req, post);
      return await explain(req, post);
    } catch (e) {
      fail(post, req.id, req.type === 'init' ? 'init' : 'compute', errorText(e));
    }
  }

  return {
    handle(req, post) {
      if (req.type === 'lab' || req.type === 'lab-cancel') return lab.handle(req, post);
      if (req.type === 'network-load') return networks.load(req, post); // the download does not hold up the queue
      busy++;
      const next = queue.then(() => run(req, post));
      queue = next.finally(() => {
        if (--busy === 0) prepareWhenIdle();
      });
      return next;
    },
    dispose() {
      networks.dispose();
      session?.s.dispose();
      session = null;
      if (model) {
        model.net.dispose();
        disposeWeights(model.weights);
        model = null;
      }
    },
  };
}
