/**
 * The explorer's state (Explorer.tsx): the settings (ViewState, in the URL for the main instance), the
 * slice on show, the model's start-up, and for the slice on show its forward pass, maps and caution; the
 * reader's files and how they are read. Compute happens in the shared worker (src/worker/client.ts); this
 * hook holds plain data and the callbacks that change it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/langs';
import type { Stage } from '../model/arch';
import { METHOD_NAMES, type MethodName } from '../explain/method';
import type { ExplanationMap } from '../explain/run';
import { MODEL_SIZE } from '../ct/window';
import { mapStats } from '../maps/stats';
import type { OodResult, ReadyInfo } from '../worker/protocol';
import { getClient, StaleError, type ForwardResult, type SliceView } from '../worker/client';
import { strings, type ExplorerStrings, type MapTime } from './strings';
import { DEFAULT_STATE, decodeState, encodeState, type ViewState } from './view-state';
import { DEFAULT_READ_OPTIONS, fileSlice, MAX_FILE_MB, seedSlice, type FileReadOptions, type Slice } from './slices';
import { sliceErrorText, type MessageParams, type SliceErrorCode } from '../i18n/slice-messages';
import { peakText } from './peak-text';
import type { FigureInput } from './compose';
import { figureInput, requestFor } from './explorer-figure';
import { isScanDrop, type NamedFile } from './scan/scan-input';
import { checkHeadCt, type HeadCtCheck } from '../ood/head-ct';
import { decodeWindow8bit, encodeWindow8bit } from './window8bit';
import { carryViewToLangSwitch } from './lang-switch';
import type { ScoresData } from '../charts/scores';

export interface ExplorerProps {
  readonly lang: Lang;
  /** Start with this method (a focused instance in a method's section). */
  readonly method?: MethodName;
  readonly label?: number;
  readonly layer?: Stage;
  readonly seed?: number;
  /** Fewer controls: no upload, no display settings, no method switch, no URL state. */
  readonly compact?: boolean;
  /** Start in the comparison grid. */
  readonly grid?: boolean;
}

export type Status = 'idle' | 'loading' | 'ready' | 'error';

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A decoder's error in the reader's language (SliceError carries a code and parameters), else its text. */
function fileErrorText(e: unknown, lang: Lang): string {
  if (e instanceof Error && e.name === 'SliceError' && 'code' in e && 'params' in e) {
    return sliceErrorText(lang, e.code as SliceErrorCode, e.params as MessageParams);
  }
  return errorText(e);
}

/** Everything the explorer's parts read and call. */
export interface ExplorerModel {
  readonly t: ExplorerStrings;
  readonly state: ViewState;
  readonly update: (patch: Partial<ViewState>) => void;
  readonly slice: Slice | null;
  readonly setSlice: (s: Slice) => void;
  readonly status: Status;
  readonly progress: number | null;
  readonly info: ReadyInfo | null;
  readonly fileError: string | null;
  readonly notice: string;
  readonly setNotice: (s: string) => void;
  readonly forward: { readonly key: string; readonly r: ForwardResult } | null;
  readonly latency: Partial<Record<MethodName, MapTime>>;
  /** The caution's feature distance for the slice on show (null while it computes). */
  readonly ood: OodResult | null;
  readonly head: HeadCtCheck | null;
  readonly readOptions: FileReadOptions;
  /** The scan in the scan panel: the reader's files, or the built-in scan (fetched only when asked for). */
  readonly scanFiles: NamedFile[] | 'builtin' | null;
  readonly setScanFiles: (f: NamedFile[] | 'builtin' | null) => void;
  /** The methods on show (five in the grid) and their maps for the slice on show (null while computing). */
  readonly methods: readonly MethodName[];
  readonly current: readonly (ExplanationMap | null)[];
  readonly main: ExplanationMap | null;
  readonly allDrawn: boolean;
  /** The root's data-state. */
  readonly dataState: string;
  readonly scores: ScoresData | null;
  readonly labelName: string;
  /** The peak's sentence for the single map. */
  readonly summary: string;
  readonly statusText: string;
  readonly figure: (m: ExplanationMap | null) => FigureInput | null;
  readonly choosePhantom: (seed: number) => void;
  readonly chooseFile: (file: File) => Promise<void>;
  readonly chooseFiles: (fs: NamedFile[]) => Promise<void>;
  readonly changeReadOptions: (o: FileReadOptions) => void;
}

export function useExplorer(props: ExplorerProps): ExplorerModel {
  const t = strings(props.lang);
  const syncUrl = !props.compact;
  const [state, setState] = useState<ViewState>(() => ({
    ...DEFAULT_STATE,
    ...(props.method ? { method: props.method } : {}),
    ...(props.label !== undefined ? { label: props.label } : {}),
    ...(props.layer ? { layer: props.layer } : {}),
    ...(props.seed !== undefined ? { seed: props.seed } : {}),
    grid: props.grid ?? false,
  }));
  const update = useCallback((patch: Partial<ViewState>) => setState((s) => ({ ...s, ...patch })), []);
  const [slice, setSlice] = useState<Slice | null>(null);
  const [status, setStatus] = useState<Status>('idle');
  const [progress, setProgress] = useState<number | null>(null);
  const [info, setInfo] = useState<ReadyInfo | null>(null);
  const [modelError, setModelError] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [forward, setForward] = useState<{ key: string; r: ForwardResult } | null>(null);
  const [maps, setMaps] = useState<Record<string, ExplanationMap>>({});
  const [latency, setLatency] = useState<Partial<Record<MethodName, MapTime>>>({});
  const [notice, setNotice] = useState('');
  const [ood, setOod] = useState<{ key: string; r: OodResult } | null>(null);
  const [readOptions, setReadOptions] = useState<FileReadOptions>(DEFAULT_READ_OPTIONS);
  const [scanFiles, setScanFiles] = useState<NamedFile[] | 'builtin' | null>(null);
  /** The reader's file, kept so that a change of how it is read re-reads it at once. */
  const fileBytes = useRef<{ name: string; bytes: Uint8Array } | null>(null);
  const view = useRef<SliceView | null>(null);

  // Mount (browser only): URL state, the first slice, then the model.
  useEffect(() => {
    let initial = state;
    if (syncUrl) {
      initial = decodeState(location.search, state);
      setReadOptions((o) => ({ ...o, window8bit: decodeWindow8bit(location.search, o.window8bit) }));
      setState(initial);
    }
    // The model first: its start-up (worker, backend, weights) is the longer path, and making the
    // first phantom takes the main thread for about 0.1 s, which would otherwise delay the worker.
    const client = getClient();
    view.current = client.view();
    setStatus('loading');
    client
      .init((loaded, total) => setProgress(total > 0 ? Math.round((100 * loaded) / total) : null))
      .then((i) => {
        setInfo(i);
        setStatus('ready');
      })
      .catch((e: unknown) => {
        setModelError(errorText(e));
        setStatus('error');
      });
    seedSlice(initial.seed).then(setSlice, (e: unknown) => setFileError(t.fileFailed(errorText(e))));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, []);

  useEffect(() => {
    if (!syncUrl || status === 'idle') return;
    history.replaceState(history.state, '', `${location.pathname}${encodeWindow8bit(readOptions.window8bit, encodeState(state, location.search))}${location.hash}`);
    carryViewToLangSwitch(location.search);
  }, [state, status, syncUrl, readOptions.window8bit]);

  const methods: readonly MethodName[] = state.grid ? METHOD_NAMES : [state.method];
  const requests = useMemo(() => methods.map((m) => requestFor(state, m)), [methods.join(), state.label, state.layer, state.feature?.block, state.feature?.channel]);
  const reqKeys = requests.map((r) => JSON.stringify(r));
  const mapKey = (sliceKey: string, r: string): string => `${sliceKey}|${r}`;

  // Forward pass and maps whenever the slice or the requests change.
  useEffect(() => {
    const v = view.current;
    if (status !== 'ready' || !slice || !v) return;
    let alive = true;
    const fail = (e: unknown): void => {
      if (!alive || e instanceof StaleError) return;
      setModelError(errorText(e));
    };
    v.setSlice(slice.key, slice.hu).then((r) => alive && setForward({ key: slice.key, r }), fail);
    for (const [i, req] of requests.entries()) {
      // The grid asks for its maps together: the gradient-type ones come from one batched backward pass.
      v.explain(req, !state.grid, state.grid ? requests : undefined).then((m) => {
        if (!alive) return;
        setMaps((old) => ({ ...old, [mapKey(slice.key, reqKeys[i] ?? '')]: m }));
        setLatency((old) => ({ ...old, [req.method]: { ms: m.ms, ...(m.shared ? { shared: m.shared } : {}) } }));
      }, fail);
    }
    // After the maps in the worker's queue: how far this slice is from the training data (cached per slice).
    v.ood().then(
      (r) => alive && setOod({ key: slice.key, r }),
      (e: unknown) => {
        // No caution is better than no explorer: a failed measurement leaves the line empty.
        if (alive && !(e instanceof StaleError)) setOod({ key: slice.key, r: { score: null, threshold: null, heldOut: null, note: errorText(e) } });
      },
    );
    return () => {
      alive = false;
    };
  }, [status, slice, reqKeys.join('#')]);

  // A notice (e.g. about a copied link) speaks of the slice it was given for.
  useEffect(() => setNotice(''), [slice?.key]);

  const choosePhantom = useCallback((seed: number) => {
    setFileError(null);
    setScanFiles(null);
    update({ seed });
    seedSlice(seed).then(setSlice, (e: unknown) => setFileError(t.fileFailed(errorText(e))));
  }, [t]);

  /** Read a file with the given options; on failure keep the slice on show and say why. */
  const readFile = useCallback(async (name: string, bytes: Uint8Array, opts: FileReadOptions): Promise<boolean> => {
    try {
      const s = await fileSlice(name, bytes, opts);
      setFileError(null);
      setSlice(s);
      return true;
    } catch (e) {
      setFileError(t.fileFailed(fileErrorText(e, props.lang)));
      return false;
    }
  }, [t, props.lang]);

  const chooseFile = useCallback(async (file: File) => {
    if (file.size > MAX_FILE_MB * 2 ** 20) {
      setFileError(t.fileFailed(t.tooBig(file.size / 2 ** 20, MAX_FILE_MB)));
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    // A new file starts at its middle frame.
    const opts = { ...readOptions, frame: undefined };
    setReadOptions(opts);
    if (await readFile(file.name, bytes, opts)) fileBytes.current = { name: file.name, bytes };
  }, [t, readOptions, readFile]);

  // Several files, a folder or a ZIP are a scan (ScanPanel); one slice file is read as before.
  const chooseFiles = useCallback(async (fs: NamedFile[]) => {
    const scan = await isScanDrop(fs);
    setScanFiles(scan ? fs : null);
    if (!scan && fs[0]) void chooseFile(fs[0].file);
  }, [chooseFile]);

  const changeReadOptions = useCallback((opts: FileReadOptions) => {
    setReadOptions(opts);
    // Only while the reader's file is on show: its view changes with how it is read.
    if (fileBytes.current && slice?.file) void readFile(fileBytes.current.name, fileBytes.current.bytes, opts);
  }, [slice, readFile]);

  // The caution's check that this is a brain-level axial head-CT slice (a few ms on the model grid).
  const head = useMemo(() => (slice ? checkHeadCt(slice.hu, MODEL_SIZE, slice.file?.windowUsed) : null), [slice]);
  const current = slice ? requests.map((_, i) => maps[mapKey(slice.key, reqKeys[i] ?? '')] ?? null) : [];
  const allDrawn = current.length > 0 && current.every((m) => m !== null) && forward?.key === slice?.key && ood?.key === slice?.key;
  const main = current[0] ?? null;
  const scores =
    forward && forward.key === slice?.key && info
      ? { labels: [...t.labels], values: Array.from(forward.r.probabilities), thresholds: [...info.thresholds], logits: Array.from(forward.r.logits) }
      : null;
  const statusText =
    status === 'loading'
      ? progress !== null
        ? t.loadingModel(progress)
        : t.loadingTf
      : status === 'error'
        ? t.modelFailed(modelError ?? '')
        : status === 'ready' && !allDrawn
          ? t.computing
          : '';

  return {
    t,
    state,
    update,
    slice,
    setSlice,
    status,
    progress,
    info,
    fileError,
    notice,
    setNotice,
    forward,
    latency,
    ood: ood && ood.key === slice?.key ? ood.r : null,
    head,
    readOptions,
    scanFiles,
    setScanFiles,
    methods,
    current,
    main,
    allDrawn,
    dataState: status === 'ready' ? (allDrawn ? 'ready' : 'computing') : status,
    scores,
    labelName: t.labels[state.label] ?? '',
    summary: main && slice ? peakText(mapStats(main).peak, MODEL_SIZE, slice.masks, t) : '',
    statusText,
    figure: (m) => slice && figureInput(slice, state, m),
    choosePhantom,
    chooseFile,
    chooseFiles,
    changeReadOptions,
  };
}
