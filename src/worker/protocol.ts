/**
 * The typed messages between the page (client.ts) and the compute worker (compute.worker.ts).
 * Every request carries an `id`; every response names the request it answers. Only plain data and
 * ArrayBuffers cross (maps travel as transferables), never tensors.
 */
import type { BackendAttempt, BackendName, SoftwareGpu, WasmThreads } from '../model/backend';
import type { ExplainRequest } from '../explain/method';
import type { ExplanationMap } from '../explain/run';
import type { LabRequest, LabResponse } from './lab-protocol';
import type { NetworkRequest, NetworkResponse } from './network-protocol';

/** Where the weights came from: trained `model.json`, or the seeded stand-in (an untrained random network). */
export type WeightsSource = 'trained' | 'untrained-random';

/** Page → worker. */
export type WorkerRequest =
  /** Choose the backend and load the model; answered by `progress`* then `ready` (or `error`). */
  | { readonly type: 'init'; readonly id: number; readonly preferredBackend?: string | undefined; readonly modelUrl: string | null; readonly wasmThreads?: string | undefined }
  /**
   * Replace the current slice: HU, row-major `size`×`size` float32 (the model grid, 224), moved to the
   * worker. Answered by `forward`. `sliceKey` names the slice so later `explain` requests can say which
   * slice they mean.
   */
  | { readonly type: 'slice'; readonly id: number; readonly sliceKey: string; readonly size: number; readonly hu: Float32Array }
  /**
   * One map for the slice `sliceKey`; answered by `map`, or `error` with code 'stale' if that slice is no
   * longer current. `together`: the other maps of this slice wanted now (the comparison grid); the
   * worker computes the gradient-type ones among them with this one in one batched backward pass
   * (ExplainSession.prefetch), so their own `explain` requests find them ready.
   */
  | {
      readonly type: 'explain';
      readonly id: number;
      readonly sliceKey: string;
      readonly request: ExplainRequest;
      readonly together?: readonly ExplainRequest[] | undefined;
    }
  /**
   * How far the slice `sliceKey` is from the training data (src/ood/feature-distance.ts, reference
   * `ood.json` beside model.json); answered by `ood`, or `error` 'stale'.
   */
  | { readonly type: 'ood'; readonly id: number; readonly sliceKey: string }
  /** The evaluation lab's jobs (lab-protocol.ts). */
  | LabRequest
  /** Other networks beside this one, and one slice through several (network-protocol.ts). */
  | NetworkRequest;

/** The answer to an `ood` request: null fields where no reference fits these weights. */
export interface OodResult {
  /** The slice's score (about 1 on average for training slices), or null without a reference. */
  readonly score: number | null;
  /** Scores above it are flagged. */
  readonly threshold: number | null;
  /** Held-out slices that pass, [passing, scored], for the text. */
  readonly heldOut: { readonly phantoms: readonly [number, number]; readonly composites: readonly [number, number] } | null;
  /** Why there is no score (no reference, other weights), when score is null. */
  readonly note?: string;
}

/** What `ready` says about the model and backend. */
export interface ReadyInfo {
  readonly backend: BackendName;
  /** Every backend tried, in order, with the reason each failed. */
  readonly tried: readonly BackendAttempt[];
  readonly weights: WeightsSource;
  /** Why the weights are what they are (e.g. "…/model.json: HTTP 404"), for the page to show. */
  readonly weightsNote: string;
  /** Per-label decision thresholds (meta.thresholds of model.json), else 0.5 each; LABELS order. */
  readonly thresholds: readonly number[];
  /**
   * Set when the backend in use is a GPU backend running on a software rasteriser (SwiftShader,
   * llvmpipe, WebGPU's fallback adapter; only when the reader forced it with ?backend=): which.
   */
  readonly software?: SoftwareGpu;
  /** The model in one line for captions (architecture, training date, precision, weights hash), when known. */
  readonly modelVersion?: string;
  /** DeconvNet feature-map targets: block names in forward order, with their channel counts. */
  readonly blocks: readonly { readonly name: string; readonly channels: number }[];
  /** WebAssembly threads, when the backend is wasm. */
  readonly threads?: WasmThreads;
  /** Milliseconds from `init` to the backend up, to the weights decoded, and to ready (the first two overlap). */
  readonly startup?: { readonly backendMs: number; readonly weightsMs: number; readonly readyMs: number };
}

/** Machine-readable reason of an `error` response. */
export type ErrorCode = 'init' | 'not-ready' | 'stale' | 'bad-request' | 'compute';

/** Worker → page. */
export type WorkerResponse =
  | { readonly type: 'progress'; readonly id: number; readonly loaded: number; readonly total: number }
  | ({ readonly type: 'ready'; readonly id: number } & ReadyInfo)
  | {
      readonly type: 'forward';
      readonly id: number;
      readonly sliceKey: string;
      /** Raw logits and their sigmoids, LABELS order. */
      readonly logits: Float32Array;
      readonly probabilities: Float32Array;
      readonly forwardMs: number;
    }
  | { readonly type: 'map'; readonly id: number; readonly sliceKey: string; readonly map: ExplanationMap }
  | ({ readonly type: 'ood'; readonly id: number; readonly sliceKey: string } & OodResult)
  | { readonly type: 'error'; readonly id: number; readonly code: ErrorCode; readonly message: string }
  | LabResponse
  | NetworkResponse;

/** Sends one response, with buffers to transfer (in a worker: `postMessage(msg, transfer)`). */
export type Post = (msg: WorkerResponse, transfer?: Transferable[]) => void;
