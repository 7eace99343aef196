/**
 * The page's promise API over the compute worker. One worker per page, shared by every island; no
 * tfjs on this side (only `import type`).
 *
 *   const client = getClient();
 *   const info = await client.init((loaded, total) => …);   // backend + model, once per page
 *   const view = client.view();                               // one per island
 *   const { probabilities } = await view.setSlice('phantom:1004', hu224);
 *   const map = await view.explain({ method: 'gradcam', label: 5, layer: 'layer4' });
 *
 * The worker holds one slice at a time; a view whose slice is not the worker's current one re-sends
 * it first, so islands on different slices take turns. Operations run one at a time. A view's
 * `setSlice` makes its older queued work reject with `StaleError`, and so does a newer `explain`
 * with `latestOnly` (the default); results for a superseded slice never reach the caller.
 */
import type { ExplainRequest } from '../explain/method';
import type { ExplanationMap } from '../explain/run';
import type { OodResult, ReadyInfo, WorkerRequest, WorkerResponse } from './protocol';
import type { LabJob, LabResult, LabSlice } from './lab-protocol';
import type { NetworkInfo, NetworkOutput } from './network-protocol';
import type { Stage } from '../model/arch';

/** The forward pass of one slice. */
export interface ForwardResult {
  /** Raw logits and sigmoid probabilities in LABELS order. */
  readonly logits: Float32Array;
  readonly probabilities: Float32Array;
  readonly forwardMs: number;
}

/** A result that was superseded before it was computed; callers ignore it. */
export class StaleError extends Error {
  override readonly name = 'StaleError';
  constructor() {
    super('superseded by a newer request');
  }
}

/** An `error` response, or a worker that could not start. */
export class WorkerError extends Error {
  override readonly name = 'WorkerError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The parts of a Worker the client uses (a real Worker, or an in-process stand-in in tests). */
export interface WorkerLike {
  postMessage(msg: WorkerRequest, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

/** Where to load the model and which backend to try first. */
export interface InitOptions {
  /** model.json URL, or null to use the seeded random network. */
  readonly modelUrl: string | null;
  /** `?backend=` value, if any (validated by the worker). */
  readonly preferredBackend?: string | undefined;
  /** `?threads=` value, if any (WebAssembly threads; validated by the worker). */
  readonly wasmThreads?: string | undefined;
}

/** One island's handle on the shared worker. */
export interface SliceView {
  /** Make `hu` (row-major size×size HU, size = √length) this view's slice and run the forward pass. */
  setSlice(key: string, hu: Float32Array): Promise<ForwardResult>;
  /**
   * One map for this view's current slice. `latestOnly` (default true): a newer call supersedes this one.
   * `together`: the other maps wanted now (the comparison grid), computed with this one in one batched
   * backward pass where the methods allow it.
   */
  explain(req: ExplainRequest, latestOnly?: boolean, together?: readonly ExplainRequest[]): Promise<ExplanationMap>;
  /** How far this view's current slice is from the training data (after its maps, in queue order). */
  ood(): Promise<OodResult>;
}

/** A running evaluation-lab job (lab-protocol.ts). */
export interface LabRun {
  /** The job's result; rejects with `StaleError` once cancelled. */
  readonly result: Promise<LabResult>;
  /** Stop the job at its next step (harmless after it ended). */
  cancel(): void;
}

export interface ComputeClient {
  /** Start the worker and load the model (once; later calls share the first). */
  init(onProgress?: (loaded: number, total: number) => void): Promise<ReadyInfo>;
  view(): SliceView;
  /**
   * Run an evaluation-lab job on `slices` (HU row-major size×size, size = √length, with masks for
   * localisation; copied) for output `label`, after `init`. Lab jobs do not wait in the islands' queue:
   * the worker interleaves them with the explorer's requests. `onProgress` gets `done` of `total` units of work;
   * `onColumn` a sanity check's strip columns as they are computed (lab-protocol.ts `lab-column`).
   */
  lab(label: number, job: LabJob, slices: readonly LabSlice[], onProgress?: (done: number, total: number) => void, onColumn?: (column: number, maps: readonly Float32Array[]) => void): LabRun;
  /**
   * Load the weights at `modelUrl` as network `network` beside the page's own (network-protocol.ts), after
   * `init`. Once per id: later calls share the first load (and its progress). A failed load may be retried.
   */
  loadNetwork(network: string, modelUrl: string, onProgress?: (loaded: number, total: number) => void): Promise<NetworkInfo>;
  /**
   * `hu` (row-major size×size, copied) through each of `networks` (`main` = the page's network, or ids
   * loaded with `loadNetwork`): six probabilities and Grad-CAM of `label` at each of `layers`, per network
   * in request order. Leaves every view's slice as it was.
   */
  compare(sliceKey: string, hu: Float32Array, networks: readonly string[], label: number, layers: readonly Stage[]): Promise<readonly NetworkOutput[]>;
}

type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void };
const MAP_CACHE = 40;

/** A client over `makeWorker()`'s worker. The worker starts on the first `init`. */
export function createClient(makeWorker: () => WorkerLike, opts: InitOptions): ComputeClient {
  let worker: WorkerLike | null = null;
  let broken: Error | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const progress = new Set<(loaded: number, total: number) => void>();
  let ready: Promise<ReadyInfo> | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let workerKey: string | null = null;
  const forwards = new Map<string, ForwardResult>();
  const maps = new Map<string, ExplanationMap>();
  const oods = new Map<string, OodResult>();
  const labProgress = new Map<number, (done: number, total: number) => void>();
  const labColumns = new Map<number, (column: number, maps: readonly Float32Array[]) => void>();
  const networkProgress = new Map<number, (loaded: number, total: number) => void>();
  const networkLoads = new Map<string, { readonly url: string; readonly ready: Promise<NetworkInfo>; readonly listeners: Set<(loaded: number, total: number) => void> }>();

  function start(): WorkerLike {
    const w = makeWorker();
    w.onmessage = (e) => {
      const msg = e.data;
      if (msg.type === 'progress') {
        for (const f of progress) f(msg.loaded, msg.total);
        return;
      }
      if (msg.type === 'lab-progress') {
        labProgress.get(msg.id)?.(msg.done, msg.total);
        return;
      }
      if (msg.type === 'network-progress') {
        networkProgress.get(msg.id)?.(msg.loaded, msg.total);
        return;
      }
      if (msg.type === 'lab-column') {
        labColumns.get(msg.id)?.(msg.column, msg.maps);
        return;
      }
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.type === 'error') p.reject(new WorkerError(msg.code, msg.message));
      else p.resolve(msg);
    };
    w.onerror = (e) => {
      broken = new WorkerError('worker', `the compute worker failed: ${e.message || 'it could not be loaded'}`);
      for (const p of pending.values()) p.reject(broken);
      pending.clear();
    };
    return w;
  }

  function send(req: WorkerRequest, transfer: Transferable[] = []): Promise<WorkerResponse> {
    if (broken) return Promise.reject(broken);
    worker ??= start();
    const w = worker;
    return new Promise((resolve, reject) => {
      pending.set(req.id, { resolve, reject });
      w.postMessage(req, transfer);
    });
  }

  /** Run `op` after every earlier operation has settled. */
  function enqueue<T>(op: () => Promise<T>): Promise<T> {
    const next = chain.then(op, op);
    chain = next.catch(() => undefined);
    return next;
  }

  async function ensureSlice(key: string, hu: Float32Array): Promise<ForwardResult> {
    const known = forwards.get(key);
    if (workerKey === key && known) return known;
    workerKey = null;
    const copy = hu.slice(); // transferred; the view keeps its own for later re-sends
    const size = Math.round(Math.sqrt(hu.length));
    const r = await send({ type: 'slice', id: nextId++, sliceKey: key, size, hu: copy }, [copy.buffer]);
    if (r.type !== 'forward') throw new WorkerError('protocol', `expected forward, got ${r.type}`);
    workerKey = key;
    const result = { logits: r.logits, probabilities: r.probabilities, forwardMs: r.forwardMs };
    forwards.set(key, result);
    return result;
  }

  return {
    init(onProgress) {
      if (onProgress) progress.add(onProgress);
      ready ??= send({ type: 'init', id: nextId++, preferredBackend: opts.preferredBackend, modelUrl: opts.modelUrl, wasmThreads: opts.wasmThreads }).then((r) => {
        if (r.type !== 'ready') throw new WorkerError('protocol', `expected ready, got ${r.type}`);
        const { type: _t, id: _i, ...info } = r;
        return info;
      });
      return ready;
    },
    lab(label, job, slices, onProgress, onColumn) {
      const id = nextId++;
      let ended = false;
      if (onProgress) labProgress.set(id, onProgress);
      if (onColumn) labColumns.set(id, onColumn);
      // Copies, transferred: the caller keeps its own.
      const copies = slices.map((s) => ({ hu: s.hu.slice(), ...(s.mask ? { mask: s.mask.slice() } : {}) }));
      const buffers = copies.flatMap((s) => [s.hu.buffer, ...(s.mask ? [s.mask.buffer] : [])]);
      const result = send({ type: 'lab', id, label, job, slices: copies }, buffers)
        .then(
          (r) => {
            if (r.type !== 'lab-result') throw new WorkerError('protocol', `expected lab-result, got ${r.type}`);
            return r.result;
          },
          (e: unknown) => {
            throw e instanceof WorkerError && e.code === 'stale' ? new StaleError() : e;
          },
        )
        .finally(() => {
          ended = true;
          labProgress.delete(id);
          labColumns.delete(id);
        });
      return {
        result,
        cancel() {
          if (!ended && worker) worker.postMessage({ type: 'lab-cancel', id: nextId++, target: id }, []);
        },
      };
    },
    loadNetwork(network, modelUrl, onProgress) {
      let load = networkLoads.get(network);
      if (!load || load.url !== modelUrl) {
        const id = nextId++;
        const listeners = new Set<(loaded: number, total: number) => void>();
        networkProgress.set(id, (loaded, total) => listeners.forEach((f) => f(loaded, total)));
        const done = (ready ?? Promise.reject(new WorkerError('not-ready', 'loadNetwork: call init first')))
          .then(() => send({ type: 'network-load', id, network, modelUrl }))
          .then((r) => {
            if (r.type !== 'network-ready') throw new WorkerError('protocol', `expected network-ready, got ${r.type}`);
            const { type: _t, id: _i, ...info } = r;
            return info;
          })
          .finally(() => networkProgress.delete(id));
        const entry = { url: modelUrl, ready: done, listeners };
        networkLoads.set(network, entry);
        done.catch(() => networkLoads.get(network) === entry && networkLoads.delete(network)); // a failed load may be retried
        load = entry;
      }
      if (onProgress) load.listeners.add(onProgress);
      return load.ready;
    },
    async compare(sliceKey, hu, networks, label, layers) {
      const copy = hu.slice(); // transferred
      const size = Math.round(Math.sqrt(hu.length));
      const r = await send({ type: 'compare', id: nextId++, sliceKey, size, hu: copy, networks, label, layers }, [copy.buffer]);
      if (r.type !== 'compare-result') throw new WorkerError('protocol', `expected compare-result, got ${r.type}`);
      return r.outputs;
    },
    view() {
      let gen = 0; // bumps on setSlice
      let explainGen = 0; // bumps on each latestOnly explain
      let key: string | null = null;
      let hu: Float32Array | null = null;
      return {
        setSlice(k, h) {
          const g = ++gen;
          key = k;
          hu = h;
          return enqueue(async () => {
            if (g !== gen) throw new StaleError();
            return ensureSlice(k, h);
          });
        },
        explain(req, latestOnly = true, together) {
          const g = gen;
          const e = latestOnly ? ++explainGen : explainGen;
          const k = key;
          const h = hu;
          if (k === null || h === null) return Promise.reject(new Error('explain: no slice set'));
          const cacheKey = `${k}|${JSON.stringify(req)}`;
          const hit = maps.get(cacheKey);
          if (hit) return Promise.resolve({ ...hit, ms: 0 });
          return enqueue(async () => {
            if (g !== gen || (latestOnly && e !== explainGen)) throw new StaleError();
            await ensureSlice(k, h);
            const others = together?.filter((o) => !maps.has(`${k}|${JSON.stringify(o)}`));
            const r = await send({ type: 'explain', id: nextId++, sliceKey: k, request: req, ...(others?.length ? { together: others } : {}) });
            if (r.type !== 'map') throw new WorkerError('protocol', `expected map, got ${r.type}`);
            maps.set(cacheKey, r.map);
            if (maps.size > MAP_CACHE) maps.delete(maps.keys().next().value as string);
            if (g !== gen) throw new StaleError();
            return r.map;
          });
        },
        ood() {
          const g = gen;
          const k = key;
          const h = hu;
          if (k === null || h === null) return Promise.reject(new Error('ood: no slice set'));
          const hit = oods.get(k);
          if (hit) return Promise.resolve(hit);
          return enqueue(async () => {
            if (g !== gen) throw new StaleError();
            await ensureSlice(k, h);
            const r = await send({ type: 'ood', id: nextId++, sliceKey: k });
            if (r.type !== 'ood') throw new WorkerError('protocol', `expected ood, got ${r.type}`);
            const { type: _t, id: _i, sliceKey: _k, ...result } = r;
            oods.set(k, result);
            if (g !== gen) throw new StaleError();
            return result;
          });
        },
      };
    },
  };
}

declare const __ICH_MODEL_AVAILABLE__: boolean | undefined;

let shared: ComputeClient | null = null;

/**
 * The page's one client (browser only): a module worker from compute.worker.ts, the `?backend=` of
 * the page, and the served model when the build found models/resnet34/model.json.
 */
export function getClient(): ComputeClient {
  const available = typeof __ICH_MODEL_AVAILABLE__ !== 'undefined' && __ICH_MODEL_AVAILABLE__;
  shared ??= createClient(
    () => new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike,
    {
      modelUrl: available ? new URL(`${import.meta.env.BASE_URL}models/resnet34/model.json`, location.href).href : null,
      preferredBackend: new URLSearchParams(location.search).get('backend')?.toLowerCase() || undefined,
      wasmThreads: new URLSearchParams(location.search).get('threads') ?? undefined,
    },
  );
  return shared;
}
