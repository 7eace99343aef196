/**
 * The explorer island: a CT slice, the network's six scores and one explanation map (or all five side
 * by side), with every setting in labelled controls. Compute happens in the shared worker
 * (src/worker/client.ts); this component holds settings, asks for maps and draws plain arrays.
 *
 *   <Explorer client:visible lang="en" />                              main instance, state in the URL
 *   <Explorer client:visible lang="en" method="gradcam" compact />     a focused instance
 *   <Explorer client:visible lang="en" grid compact />                 the comparison grid
 *
 * Root attributes for tests: data-state (idle until hydrated | loading | computing | ready | error), data-method (the
 * method of the map on show), data-backend, data-weights, data-slice (the slice key: phantom:SEED, real:SEED or file:N:NAME),
 * data-startup (the worker's start-up: backend, weights and ready, ms since it was asked, comma-separated).
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/langs';
import type { Stage } from '../model/arch';
import { METHOD_NAMES, type ExplainRequest, type MethodName } from '../explain/method';
import type { ExplanationMap } from '../explain/run';
import { WINDOWS, MODEL_SIZE } from '../ct/window';
import { mapStats } from '../maps/stats';
import type { OodResult, ReadyInfo } from '../worker/protocol';
import { getClient, StaleError, type ForwardResult, type SliceView } from '../worker/client';
import { strings, type MapTime } from './strings';
import { DEFAULT_STATE, decodeState, encodeState, type ViewState } from './view-state';
import { DEFAULT_READ_OPTIONS, fileSlice, MAX_FILE_MB, seedSlice, type FileReadOptions, type Slice } from './slices';
import { FileFactsNote } from './FileFactsNote';
import { sliceErrorText, type MessageParams, type SliceErrorCode } from '../i18n/slice-messages';
import { peakText } from './peak-text';
import { Controls } from './Controls';
import { SamplePicker } from './SamplePicker';
import { MapFigure } from './MapFigure';
import { OutlineKey } from './OutlineKey';
import { Scores } from './Scores';
import type { FigureInput } from './compose';
import { exportFigure } from './export-figure';
import { seedName, sliceName, sliceToken } from './slice-name';
import { figureSpec } from './figure-spec';
import { presentBits } from './OutlineKey';
import { ScanPanel } from './scan/ScanPanel';
import { isScanDrop, type NamedFile } from './scan/scan-input';
import { scanStrings } from './scan/scan-strings';
import { checkHeadCt } from '../ood/head-ct';
import { decodeWindow8bit, encodeWindow8bit } from './window8bit';
import { carryViewToLangSwitch } from './lang-switch';
import { saveFigureSvg } from './export-svg';
import { saveSlide } from './export-slide';
import { exportStrings } from '../i18n/export';
import './controls.css';
import './explorer.css';

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

type Status = 'idle' | 'loading' | 'ready' | 'error';

function requestFor(s: ViewState, method: MethodName): ExplainRequest {
  if (method === 'deconvnet' && s.feature) return { method, label: s.label, feature: s.feature };
  if (method === 'gradcam' || method === 'guided-gradcam') return { method, label: s.label, layer: s.layer };
  return { method, label: s.label };
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A decoder's error in the reader's language (SliceError carries a code and parameters), else its text. */
function fileErrorText(e: unknown, lang: Lang): string {
  if (e instanceof Error && e.name === 'SliceError' && 'code' in e && 'params' in e) {
    return sliceErrorText(lang, e.code as SliceErrorCode, e.params as MessageParams);
  }
  return errorText(e);
}

export default function Explorer(props: ExplorerProps) {
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
  /** The scan in the scan panel: the reader's files, or the built-in scan (fetched only when asked for). */
  const [scanFiles, setScanFiles] = useState<NamedFile[] | 'builtin' | null>(null);
  /** The reader's file, kept so that a change of how it is read re-reads it at once. */
  const fileBytes = useRef<{ name: string; bytes: Uint8Array } | null>(null);
  const view = useRef<SliceView | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const uid = useId();

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
  const headCheck = useMemo(() => (slice ? checkHeadCt(slice.hu, MODEL_SIZE, slice.file?.windowUsed) : null), [slice]);
  const win = typeof state.window === 'string' ? WINDOWS[state.window] : state.window;
  // "any" emphasises every subtype; a subtype label its own outline.
  const emphasis = state.label === 0 ? 0x1f : 1 << (state.label - 1);
  const figure = (m: ExplanationMap | null): FigureInput | null =>
    slice && {
      hu: slice.hu,
      size: MODEL_SIZE,
      window: win,
      map: m,
      view: state.view,
      colormap: state.colormap,
      opacity: state.opacity,
      outline: state.mask && slice.masks ? { masks: slice.masks, emphasis } : null,
    };
  const current = slice ? requests.map((_, i) => maps[mapKey(slice.key, reqKeys[i] ?? '')] ?? null) : [];
  const allDrawn = current.length > 0 && current.every((m) => m !== null) && forward?.key === slice?.key && ood?.key === slice?.key;
  const dataState = status === 'ready' ? (allDrawn ? 'ready' : 'computing') : status;
  const main = current[0] ?? null;
  const labelName = t.labels[state.label] ?? '';
  const summary = main && slice ? peakText(mapStats(main).peak, MODEL_SIZE, slice.masks, t) : '';

  const scores = forward && forward.key === slice?.key && info
    ? { labels: [...t.labels], values: Array.from(forward.r.probabilities), thresholds: [...info.thresholds], logits: Array.from(forward.r.logits) }
    : null;

  /** Save what is on show as a captioned figure (see export-figure.ts), named by method, label and slice. */
  const saveFigure = (as: 'png' | 'svg' | 'slide' = 'png'): void => {
    if (!slice) return;
    const canvases = [...(root.current?.querySelectorAll<HTMLCanvasElement>('canvas.ex-canvas') ?? [])];
    const p = scores?.values[state.label];
    const thr = scores?.thresholds[state.label];
    const { spec, fileName } = figureSpec({
      t,
      state,
      tiles: methods.map((m, i) => ({ method: m, map: current[i] ?? null })),
      sliceName: sliceName(slice, t),
      sliceToken: sliceToken(slice),
      score: p !== undefined && thr !== undefined ? { p, threshold: thr } : null,
      outline: state.mask && slice.masks ? { present: presentBits(slice.masks), emphasis } : null,
      modelVersion: info?.modelVersion ?? '',
      lang: props.lang,
      url: location.href,
      isFile: slice.file !== undefined,
      ood: ood && ood.key === slice.key && ood.r.score !== null && ood.r.threshold !== null ? { score: ood.r.score, threshold: ood.r.threshold } : null,
    });
    if (as === 'svg') saveFigureSvg(spec, canvases, fileName.replace(/\.png$/, '.svg'));
    else if (as === 'slide') saveSlide(spec, canvases, fileName.replace(/\.png$/, '-16x9.png'));
    else exportFigure(spec, canvases, fileName);
  };

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

  return (
    <div
      ref={root}
      role="group"
      class={`ex-root${props.compact ? ' ex-compact' : ''}`}
      aria-label={t.explorer}
      data-state={dataState}
      data-method={!state.grid && main ? main.request.method : state.grid && allDrawn ? 'grid' : ''}
      data-backend={info?.backend ?? ''}
      data-weights={info?.weights ?? ''}
      data-slice={slice?.key ?? ''}
      data-startup={info?.startup ? `${Math.round(info.startup.backendMs)},${Math.round(info.startup.weightsMs)},${Math.round(info.startup.readyMs)}` : undefined}
    >
      <SamplePicker
        t={t}
        seed={slice ? slice.seed : state.seed}
        fileName={slice?.fileName ?? null}
        fileIsBuiltIn={slice?.builtIn === true}
        onBuiltinScan={props.compact ? undefined : () => setScanFiles('builtin')}
        builtinScanText={scanStrings(props.lang).builtinButton}
        onSeed={choosePhantom}
        onFile={props.compact ? undefined : (f) => void chooseFile(f)}
        onFiles={props.compact ? undefined : (fs) => void chooseFiles(fs)}
        folderText={scanStrings(props.lang).folder}
        readOptions={readOptions}
        lang={props.lang}
        onReadOptions={props.compact ? undefined : changeReadOptions}
        frameCount={slice?.file?.frame?.count}
      />
      {slice?.file && <FileFactsNote t={t} lang={props.lang} facts={slice.file} />}
      {scanFiles && <ScanPanel key={scanFiles === 'builtin' ? 'builtin' : 'files'} lang={props.lang} files={scanFiles === 'builtin' ? [] : scanFiles} builtin={scanFiles === 'builtin'} readOptions={readOptions} labels={t.labels} thresholds={info?.thresholds ?? null} onSlice={setSlice} wheelTarget={root.current?.querySelector<HTMLElement>('.ex-figures') ?? null} />}
      <p class="ex-error" role="alert">
        {fileError}
      </p>
      <div class="ex-body">
        <div class="ex-figures">
          {state.grid ? (
            <>
              <p class="ex-grid-title">{t.gridTitle(METHOD_NAMES.length, labelName)}</p>
              <div class="ex-grid">
                {METHOD_NAMES.map((m, i) => (
                  <MapFigure key={m} small input={figure(current[i] ?? null)} method={current[i] ? m : ''} alt={t.mapAlt(t.methods[m], labelName)} legend={null}>
                    {t.methods[m]}
                    {latency[m] !== undefined && <span class="ex-ms"> · {t.mapTime(latency[m])}</span>}
                  </MapFigure>
                ))}
              </div>
            </>
          ) : (
            <MapFigure
              input={figure(main)}
              method={main?.request.method ?? ''}
              alt={t.mapAlt(t.methods[state.method], labelName)}
              legend={{ maxText: t.legendMax, p99Text: t.legendP99, clippedText: t.legendClipped, camText: t.legendCam }}
            >
              {t.methods[state.method]} · {labelName}
            </MapFigure>
          )}
          {state.mask && slice?.masks && <OutlineKey t={t} masks={slice.masks} emphasis={emphasis} />}
          <p class={`ex-summary${state.grid ? ' ex-summary-grid' : ''}`} aria-live="polite">
            {state.grid ? '' : summary}
          </p>
        </div>
        <div class="ex-side">
          <Controls
            t={t}
            state={state}
            update={update}
            blocks={info?.blocks ?? []}
            show={{ method: !props.compact, display: !props.compact }}
            hasMask={slice ? slice.masks !== null : true}
          />
          {!props.compact && (
            <div class="ex-actions">
              {/* The label names the action ("One method" / "Compare all methods"), so no aria-pressed:
                  a pressed "One method" would read as the opposite of what is on show. */}
              <button type="button" class="ex-button" onClick={() => update({ grid: !state.grid })}>
                {state.grid ? t.single : t.compare}
              </button>
              <button
                type="button"
                class="ex-button"
                disabled={!allDrawn}
                onClick={() => saveFigure()}
              >
                {t.exportPng}
              </button>
              <button type="button" class="ex-button ex-save-svg" disabled={!allDrawn} onClick={() => saveFigure('svg')}>
                {exportStrings(props.lang).figureSvg}
              </button>
              <button type="button" class="ex-button ex-save-slide" disabled={!allDrawn} onClick={() => saveFigure('slide')}>
                {exportStrings(props.lang).slide}
              </button>
              <button
                type="button"
                class="ex-button"
                aria-describedby={slice?.file ? `${uid}-link` : undefined}
                onClick={() => {
                  // A local file cannot travel in a link: the URL holds the settings and the last
                  // built-in seed. Say so every time, never swap the slice silently.
                  const fileOnShow = slice?.file !== undefined;
                  // No clipboard (an insecure origin) or a refusal: say where the link is instead.
                  const done = navigator.clipboard?.writeText(location.href) ?? Promise.reject(new Error('no clipboard'));
                  done.then(
                    () => setNotice(fileOnShow ? t.linkCopiedNoFile(seedName(state.seed, t)) : t.linkCopied),
                    () => setNotice(fileOnShow ? `${t.linkNotCopied} ${t.linkNoFile(seedName(state.seed, t))}` : t.linkNotCopied),
                  );
                }}
              >
                {t.copyLink}
              </button>
              {slice?.file && (
                <p class="ex-hint ex-link-hint" id={`${uid}-link`}>
                  {t.linkNoFile(seedName(state.seed, t))}
                </p>
              )}
            </div>
          )}
        </div>
      </div>
      <Scores data={scores} t={t} ood={ood && ood.key === slice?.key ? ood.r : null} lang={props.lang} head={headCheck} warnings={slice?.file?.warnings} />
      <div class="ex-status" role="status" aria-live="polite">
        {status === 'loading' && progress !== null && <progress class="ex-progress" max={100} value={progress} aria-label={t.loadingModel(progress)} />}
        {statusText} {notice}
      </div>
      {info && (
        <p class="ex-model">
          <span class="ex-backend">
            {t.backend}: <strong>{info.backend}</strong>
            {info.threads && (
              <span class="ex-threads" data-threads={info.threads.count}>
                {' '}(
                {[
                  `${t.threads(info.threads.count)}${info.threads.reason ? `: ${t.oneThreadWhy[info.threads.reason]}` : info.threads.asked ? `: ${t.threadsLowered(info.threads.asked)}` : ''}`,
                  info.threads.ignored !== undefined ? t.threadsIgnored(info.threads.ignored) : '',
                ]
                  .filter((x) => x)
                  .join('; ')}
                )
              </span>
            )}
            {info.software && <span class="ex-software"> ({t.softwareBackend(t.softwareGpu(info.software))})</span>}
            {info.tried.filter((a) => !a.ok).length > 0 && <> ({t.tried}: {info.tried.filter((a) => !a.ok).map((a) => `${a.name} — ${t.attemptWhy(a.why, a.error ?? '')}`).join('; ')})</>}
          </span>
          {/* Timings on a line of their own, as one text: only the method on show (the grid's tiles carry
              their own), so a method switch rewrites this line and moves nothing. */}
          <span class="ex-timings">
            {[
              forward ? `${t.forward} ${t.latency(forward.r.forwardMs)}` : '',
              !state.grid && latency[state.method] ? `${t.methods[state.method]} ${t.mapTime(latency[state.method])}` : '',
            ]
              .filter((x) => x)
              .join(' · ')}
          </span>
          <span class={info.weights === 'trained' ? 'ex-trained' : 'ex-untrained'}>{info.weights === 'trained' ? t.trained : t.untrained}</span>
        </p>
      )}
    </div>
  );
}
