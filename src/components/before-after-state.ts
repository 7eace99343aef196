/**
 * The before-and-after island's state (no tfjs): the page's network from the shared worker, the earlier
 * network loaded only when the reader asks (models/resnet34-before/, about 22 MB), the slice on show,
 * and each network's answer for it (the `any` probability and Grad-CAM of `any` at each layer, with its
 * pointing game). Each network's answer is kept per slice, so loading the earlier network computes only
 * its own half, and a result is shown only for the slice it was computed on.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Stage } from '../model/arch';
import type { ReadyInfo } from '../worker/protocol';
import { MAIN_NETWORK, type NetworkInfo, type NetworkOutput } from '../worker/network-protocol';
import { getClient } from '../worker/client';
import { DEFAULT_STATE } from './view-state';
import { comparisonSlice, pointingOn, type ComparisonSlice, type Pointing } from './before-after-slice';

/** The earlier network's id in the worker. */
export const BEFORE_NETWORK = 'before';
/** Grad-CAM at layer4 (= CAM for this network) and at the explorer's default layer, when that is another. */
export const BEFORE_AFTER_LAYERS: readonly Stage[] = [...new Set<Stage>(['layer4', DEFAULT_STATE.layer])];
/** The label explained: 0, "any". */
const ANY = 0;

declare const __ICH_BEFORE_MODEL__: { readonly available: boolean; readonly bytes: number } | undefined;

/** Whether this build ships the earlier network, and its download in bytes (model.json and shards). */
export function beforeModel(): { readonly available: boolean; readonly bytes: number } {
  return typeof __ICH_BEFORE_MODEL__ !== 'undefined' ? __ICH_BEFORE_MODEL__ : { available: false, bytes: 0 };
}

/** One network's answer for one slice. */
export interface PanelResult {
  readonly network: string;
  readonly sha256: string | null;
  /** P(any), [0, 1], and the network's own threshold for it. */
  readonly any: number;
  readonly threshold: number;
  /** Per layer of BEFORE_AFTER_LAYERS: the map (MODEL_SIZE², ≥ 0) and its pointing game on the slice. */
  readonly maps: readonly { readonly layer: Stage; readonly data: Float32Array; readonly pointing: Pointing }[];
}

export type LoadState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly pct: number | null }
  | { readonly status: 'ready'; readonly info: NetworkInfo }
  | { readonly status: 'error'; readonly message: string };

export interface BeforeAfter {
  readonly hydrated: boolean;
  readonly seed: number;
  choose(seed: number): void;
  readonly slice: ComparisonSlice | null;
  readonly main: { readonly status: 'loading' | 'ready' | 'error'; readonly pct: number | null; readonly info: ReadyInfo | null; readonly error: string };
  readonly before: LoadState;
  /** Download the earlier network (only ever on the reader's request). */
  loadBefore(): void;
  /** Answers for the slice on show, by network (`main`, `before`); absent until computed. */
  readonly panels: { readonly main?: PanelResult; readonly before?: PanelResult };
  readonly computing: boolean;
  /** A failure to make the slice or compute a map. */
  readonly error: string;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function panelOf(o: NetworkOutput, slice: ComparisonSlice, threshold: number): PanelResult {
  return {
    network: o.network,
    sha256: o.sha256,
    any: o.probabilities[ANY] ?? NaN,
    threshold,
    maps: o.maps.map((m, i) => ({ layer: BEFORE_AFTER_LAYERS[i] as Stage, data: m.data, pointing: pointingOn(m.data, slice) })),
  };
}

export function useBeforeAfter(initialSeed: number): BeforeAfter {
  const [hydrated, setHydrated] = useState(false);
  const [seed, setSeed] = useState(initialSeed);
  const [slice, setSlice] = useState<ComparisonSlice | null>(null);
  const [main, setMain] = useState<BeforeAfter['main']>({ status: 'loading', pct: null, info: null, error: '' });
  const [before, setBefore] = useState<LoadState>({ status: 'idle' });
  const [results, setResults] = useState<ReadonlyMap<string, PanelResult>>(new Map());
  const [computing, setComputing] = useState(false);
  const [error, setError] = useState('');
  /** `network|sliceKey` being computed, so an effect re-run does not ask twice. */
  const asked = useRef(new Set<string>());

  useEffect(() => {
    setHydrated(true);
    getClient()
      .init((loaded, total) => setMain((m) => ({ ...m, pct: total > 0 ? Math.round((100 * loaded) / total) : null })))
      .then(
        (info) => setMain({ status: 'ready', pct: 100, info, error: '' }),
        (e: unknown) => setMain({ status: 'error', pct: null, info: null, error: errorText(e) }),
      );
  }, []);

  useEffect(() => {
    let alive = true;
    setSlice(null);
    setError('');
    comparisonSlice(seed).then(
      (s) => alive && setSlice(s),
      (e: unknown) => alive && setError(errorText(e)),
    );
    return () => {
      alive = false;
    };
  }, [seed]);

  const loadBefore = useCallback(() => {
    if (!beforeModel().available) return;
    setBefore({ status: 'loading', pct: null });
    const url = new URL(`${import.meta.env.BASE_URL}models/resnet34-before/model.json`, location.href).href;
    getClient()
      .loadNetwork(BEFORE_NETWORK, url, (loaded, total) => setBefore({ status: 'loading', pct: total > 0 ? Math.round((100 * loaded) / total) : null }))
      .then(
        (info) => setBefore({ status: 'ready', info }),
        (e: unknown) => setBefore({ status: 'error', message: errorText(e) }),
      );
  }, []);

  // Whatever is missing for the slice on show: the page's network's half, and the earlier one's once loaded.
  useEffect(() => {
    if (!slice || main.status !== 'ready' || !main.info) return;
    const want = [MAIN_NETWORK, ...(before.status === 'ready' ? [BEFORE_NETWORK] : [])].filter((n) => !results.has(`${n}|${slice.key}`) && !asked.current.has(`${n}|${slice.key}`));
    if (want.length === 0) return;
    want.forEach((n) => asked.current.add(`${n}|${slice.key}`));
    const thresholds: Record<string, number> = {
      [MAIN_NETWORK]: main.info.thresholds[ANY] ?? 0.5,
      [BEFORE_NETWORK]: before.status === 'ready' ? (before.info.thresholds[ANY] ?? 0.5) : 0.5,
    };
    setComputing(true);
    getClient()
      .compare(slice.key, slice.hu, want, ANY, BEFORE_AFTER_LAYERS)
      .then(
        (outputs) => setResults((old) => new Map([...old, ...outputs.map((o) => [`${o.network}|${slice.key}`, panelOf(o, slice, thresholds[o.network] ?? 0.5)] as const)])),
        (e: unknown) => setError(errorText(e)),
      )
      .finally(() => {
        want.forEach((n) => asked.current.delete(`${n}|${slice.key}`));
        setComputing(asked.current.size > 0);
      });
  }, [slice, main.status, main.info, before, results]);

  const choose = useCallback((s: number) => {
    setSlice(null); // in the same render: no result of the old slice is shown for the new one
    setSeed(s);
  }, []);

  const key = slice?.key;
  const panels = key ? { main: results.get(`${MAIN_NETWORK}|${key}`), before: results.get(`${BEFORE_NETWORK}|${key}`) } : {};
  return { hydrated, seed, choose, slice, main, before, loadBefore, panels: panels as BeforeAfter['panels'], computing, error };
}
