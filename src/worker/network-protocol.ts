/**
 * Messages for a second network in the compute worker (the article's before-and-after lesson): the page
 * loads other weights under a network id, then asks for the same slice through several networks at
 * once, each answering with its six probabilities and its Grad-CAM maps. The page's own network (the
 * one `init` loaded) is always there as `main`. Plain data and ArrayBuffers only.
 */
import type { Stage } from '../model/arch';
import type { ExplanationMap } from '../explain/run';

/** The id of the network `init` loaded; other ids name networks loaded with `network-load`. */
export const MAIN_NETWORK = 'main';

/** What the worker says about a network it holds. */
export interface NetworkInfo {
  readonly network: string;
  /** The model in one line ("ResNet34, trained 2026-11-29 (config real, uint8-channel, sha256 083eb98dd59d)"). */
  readonly modelVersion: string;
  /** `meta.sha256` of its model.json, when given (the page compares networks by it). */
  readonly sha256: string | null;
  /** Per-label decision thresholds (meta.thresholds), else 0.5 each; LABELS order. */
  readonly thresholds: readonly number[];
}

/** One network's answer for the slice of a `compare` request. */
export interface NetworkOutput {
  readonly network: string;
  readonly sha256: string | null;
  /** Raw logits and their sigmoids, LABELS order. */
  readonly logits: Float32Array;
  readonly probabilities: Float32Array;
  /** Grad-CAM of the request's label, one per requested layer, in request order (`cam`, ≥ 0, at the input size). */
  readonly maps: readonly ExplanationMap[];
}

/** Page → worker. */
export type NetworkRequest =
  /**
   * Load the weights at `modelUrl` (model.json and its shards) as network `network`, after `init`.
   * Answered by `network-progress`* then `network-ready`, or `error` ('not-ready' before init;
   * 'bad-request' for the id `main` or an id already holding other weights; 'init' when the weights
   * cannot be loaded: a missing file is an error here, never a seeded stand-in). Loading an id again
   * with the same URL answers `network-ready` at once. Runs beside the queue: the explorer is answered
   * during the download.
   */
  | { readonly type: 'network-load'; readonly id: number; readonly network: string; readonly modelUrl: string }
  /** Release network `network` (queued after earlier requests); answered by `network-unloaded`. */
  | { readonly type: 'network-unload'; readonly id: number; readonly network: string }
  /**
   * The slice (HU, row-major size×size, moved to the worker) through each of `networks` (`main` and/or
   * loaded ids): probabilities and Grad-CAM of output `label` at each of `layers`. Answered by
   * `compare-result`, or `error` 'bad-request' (unknown network, label or layer). Does not change the
   * explorer's current slice.
   */
  | {
      readonly type: 'compare';
      readonly id: number;
      readonly sliceKey: string;
      readonly size: number;
      readonly hu: Float32Array;
      readonly networks: readonly string[];
      readonly label: number;
      readonly layers: readonly Stage[];
    };

/** Worker → page. */
export type NetworkResponse =
  | { readonly type: 'network-progress'; readonly id: number; readonly loaded: number; readonly total: number }
  | ({ readonly type: 'network-ready'; readonly id: number } & NetworkInfo)
  | { readonly type: 'network-unloaded'; readonly id: number; readonly network: string; readonly released: boolean }
  | { readonly type: 'compare-result'; readonly id: number; readonly sliceKey: string; readonly outputs: readonly NetworkOutput[] };
