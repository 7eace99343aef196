/**
 * The compute worker's other networks (network-protocol.ts): weights loaded on request under an id,
 * and the same slice through several networks at once. handler.ts routes `network-load` here directly
 * (a download must not hold up the explorer) and runs `compare` and `network-unload` in its queue, so a
 * network is never released while a comparison reads it.
 *
 * Every tensor is released: a comparison's sessions when it ends (or fails), a network's weights when it
 * is unloaded or the handler is disposed; a load that fails leaves nothing behind.
 */
import { LABELS, STAGES, type Stage } from '../model/arch';
import { createResNet, type ResNet } from '../model/resnet34';
import { disposeWeights, loadWeightsFromUrl } from '../model/weights';
import { huToModelInput } from '../ct/window';
import { openSession } from '../explain/run';
import type { ErrorCode, Post } from './protocol';
import { MAIN_NETWORK, type NetworkInfo, type NetworkOutput, type NetworkRequest } from './network-protocol';
import { thresholdsFrom, versionLine } from './model-meta';
import type * as tf from '@tensorflow/tfjs-core';

/** The page's own network, once `init` has loaded it (null before). */
export interface MainNetwork {
  readonly net: ResNet;
  readonly sha256: string | null;
}

/** At most this many networks in one comparison (each costs a forward and a backward pass). */
export const MAX_COMPARED = 4;

interface Held {
  readonly url: string;
  readonly net: ResNet;
  readonly weights: tf.NamedTensorMap;
  readonly info: NetworkInfo;
}

export interface NetworkHandler {
  /** `network-load` (not queued: resolves when ready or failed). */
  load(req: Extract<NetworkRequest, { type: 'network-load' }>, post: Post): Promise<void>;
  /** `network-unload` and `compare` (the caller queues them). Throws on a compute failure. */
  run(req: Exclude<NetworkRequest, { type: 'network-load' }>, post: Post): Promise<void>;
  /** The ids loaded now, `main` excluded (tests). */
  loaded(): string[];
  /** Release every loaded network. */
  dispose(): void;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * @param main the page's network, or null before `init`
 * @param fetchFn network access (default: global fetch); other networks skip the Cache API on purpose:
 *        it keeps one model's shards at a time and would evict the page's own network
 */
export function createNetworkHandler(main: () => MainNetwork | null, fetchFn?: typeof fetch): NetworkHandler {
  const held = new Map<string, Held>();
  const loading = new Map<string, { url: string; done: Promise<Held> }>();
  let disposed = false;
  const fail = (post: Post, id: number, code: ErrorCode, message: string): void => post({ type: 'error', id, code, message });

  async function fetchNetwork(url: string, network: string, onProgress: (loaded: number, total: number) => void): Promise<Held> {
    const w = await loadWeightsFromUrl(url, { onProgress, ...(fetchFn ? { fetch: fetchFn } : {}) });
    try {
      const net = createResNet(w.weights, w.spec);
      const sha = typeof w.meta['sha256'] === 'string' ? (w.meta['sha256'] as string) : null;
      return { url, net, weights: w.weights, info: { network, modelVersion: versionLine(w.meta), sha256: sha, thresholds: thresholdsFrom(w.meta) } };
    } catch (e) {
      disposeWeights(w.weights);
      throw e;
    }
  }

  async function load(req: Extract<NetworkRequest, { type: 'network-load' }>, post: Post): Promise<void> {
    if (!main()) return fail(post, req.id, 'not-ready', 'the model is not loaded yet');
    if (req.network === MAIN_NETWORK || req.network === '') return fail(post, req.id, 'bad-request', `"${req.network}" is not a name for another network`);
    const known = held.get(req.network)?.url ?? loading.get(req.network)?.url;
    if (known !== undefined && known !== req.modelUrl) return fail(post, req.id, 'bad-request', `network "${req.network}" already holds ${known}; unload it first`);
    let pending = loading.get(req.network);
    const have = held.get(req.network);
    if (!have && !pending) {
      pending = { url: req.modelUrl, done: fetchNetwork(req.modelUrl, req.network, (loaded, total) => post({ type: 'network-progress', id: req.id, loaded, total })) };
      loading.set(req.network, pending);
      const p = pending;
      p.done.then(
        (h) => {
          if (loading.get(req.network) === p) loading.delete(req.network);
          if (disposed) {
            h.net.dispose();
            disposeWeights(h.weights);
          } else held.set(req.network, h);
        },
        () => loading.get(req.network) === p && loading.delete(req.network),
      );
    }
    try {
      const h = have ?? (await (pending as { done: Promise<Held> }).done);
      post({ type: 'network-ready', id: req.id, ...h.info });
    } catch (e) {
      fail(post, req.id, 'init', errorText(e));
    }
  }

  function unload(network: string): boolean {
    const h = held.get(network);
    if (!h) return false;
    held.delete(network);
    h.net.dispose();
    disposeWeights(h.weights);
    return true;
  }

  async function compare(req: Extract<NetworkRequest, { type: 'compare' }>, post: Post): Promise<void> {
    const m = main();
    if (!m) return fail(post, req.id, 'not-ready', 'the model is not loaded yet');
    const bad =
      req.networks.length === 0 || req.networks.length > MAX_COMPARED || new Set(req.networks).size !== req.networks.length
        ? `compare: 1 to ${MAX_COMPARED} different networks, got [${req.networks.join(', ')}]`
        : req.networks.find((n) => n !== MAIN_NETWORK && !held.has(n)) !== undefined
          ? `network "${req.networks.find((n) => n !== MAIN_NETWORK && !held.has(n))}" is not loaded`
          : !(Number.isInteger(req.label) && req.label >= 0 && req.label < LABELS.length)
            ? `label ${req.label} is not one of 0..${LABELS.length - 1}`
            : req.layers.length === 0 || req.layers.some((l) => !(STAGES as readonly string[]).includes(l))
              ? `layers [${req.layers.join(', ')}]: each must be one of ${STAGES.join(', ')}`
              : null;
    if (bad) return fail(post, req.id, 'bad-request', bad);
    const input = huToModelInput(req.hu, req.size); // throws on a wrong length
    const requests = req.layers.map((layer: Stage) => ({ method: 'gradcam' as const, label: req.label, layer }));
    const outputs: NetworkOutput[] = [];
    for (const network of req.networks) {
      const h = network === MAIN_NETWORK ? null : (held.get(network) as Held);
      const s = await openSession(h ? h.net : m.net, input, req.size);
      try {
        // Grad-CAM at every layer from one backward pass (ExplainSession.prefetch).
        const maps = await s.explainMany(requests);
        outputs.push({
          network,
          sha256: h ? h.info.sha256 : m.sha256,
          logits: s.logits.slice(),
          probabilities: s.probabilities.slice(),
          // Copies: the session's storage goes with it.
          maps: maps.map((x) => ({ ...x, data: x.data.slice() })),
        });
      } finally {
        s.dispose();
      }
    }
    const transfer = outputs.flatMap((o) => [o.logits.buffer, o.probabilities.buffer, ...o.maps.map((x) => x.data.buffer)]);
    post({ type: 'compare-result', id: req.id, sliceKey: req.sliceKey, outputs }, transfer);
  }

  return {
    load,
    async run(req, post) {
      if (req.type === 'network-unload') return post({ type: 'network-unloaded', id: req.id, network: req.network, released: unload(req.network) });
      return compare(req, post);
    },
    loaded: () => [...held.keys()],
    dispose() {
      disposed = true;
      for (const n of [...held.keys()]) unload(n);
    },
  };
}
