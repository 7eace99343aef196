/**
 * A whole scan in the explorer: the series found (largest first, chosen by default), every note and
 * every file left out by name, a slider (and the wheel over the image, and arrow keys) to scroll, and
 * the six scores along the scan (src/charts/scan-strip.ts) with the per-scan maximum. The slice on show
 * goes to the explorer through `onSlice`, which explains it as any slice. Scores come from the shared
 * worker through a view of this panel's own: the slice on show first, then the rest in order; a new
 * load or series cancels the queue between slices.
 *
 * With `builtin`, the panel shows the built-in whole scan instead of files (builtin-scan.ts): fetched when
 * the panel mounts, its ground-truth masks go to the explorer with each slice and shade the strip.
 *
 * Each scored slice also gets the explorer's out-of-distribution caution (decoder warnings, the brain-level
 * head-CT check, the feature distance: src/ood/caution.ts); flagged slices are marked on the strip.
 *
 * Root attributes for tests: data-scan-state (reading | decoding | ready | error), data-series (count),
 * data-slices, data-current (0-based), data-scored (slices scored so far), data-cautioned (slices flagged).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang } from '../../i18n/langs';
import { decodeSeries, indexScan, type DecodedSeries, type ScanIndex, type ScanSeries, type ScanSlice } from '../../ct/scan/index';
import { scanFileText, scanNoteText } from '../../i18n/scan-messages';
import { MIN_SLICE_SIDE } from '../../ct/slice';
import { scanStripChart, stripWidth } from '../../charts/scan-strip';
import { getClient } from '../../worker/client';
import type { FileReadOptions, Slice } from '../slices';
import { readNamed, scanSliceView, type NamedFile } from './scan-input';
import { builtinSliceView, loadBuiltinScan } from './builtin-scan';
import type { BuiltinScan } from '../../phantom/builtin-scan';
import { labelsFromMasks } from '../../phantom/generate';
import { scanStrings } from './scan-strings';
import { checkHeadCt } from '../../ood/head-ct';
import { combineCaution } from '../../ood/caution';
import { MODEL_SIZE } from '../../ct/window';
import './scan.css';

export interface ScanPanelProps {
  readonly lang: Lang;
  /** The reader's files; a new array is a new load. */
  readonly files: readonly NamedFile[];
  /** Show the built-in whole scan instead (`files` is then ignored). */
  readonly builtin?: boolean;
  readonly readOptions: FileReadOptions;
  /** Label names (the explorer's words) and thresholds (LABELS order; null until the model is ready). */
  readonly labels: readonly string[];
  readonly thresholds: readonly number[] | null;
  /** Show this slice in the explorer. */
  readonly onSlice: (slice: Slice) => void;
  /** The element the wheel scrolls the scan over (the explorer's figures). */
  readonly wheelTarget: HTMLElement | null;
}

type State = 'reading' | 'decoding' | 'ready' | 'error';

let loads = 0;

export function ScanPanel(props: ScanPanelProps) {
  const s = scanStrings(props.lang);
  const [state, setState] = useState<State>('reading');
  const [error, setError] = useState('');
  const [index, setIndex] = useState<ScanIndex | null>(null);
  const [seriesNo, setSeriesNo] = useState(-1);
  const [decoded, setDecoded] = useState<DecodedSeries | null>(null);
  const [progress, setProgress] = useState<[number, number]>([0, 0]);
  const [pos, setPos] = useState(0);
  const [scores, setScores] = useState<(number[] | null)[]>([]);
  // Per slice: whether the out-of-distribution caution flags it (null until its checks are made).
  const [cautions, setCautions] = useState<(boolean | null)[]>([]);
  const load = useRef(0);
  const chart = useRef<HTMLDivElement>(null);
  const update = useRef<((d: Parameters<typeof scanStripChart>[1]) => void) | null>(null);
  const posRef = useRef(0);
  posRef.current = pos;
  const builtin = useRef<BuiltinScan | null>(null);
  const [truth, setTruth] = useState<(number[] | null)[] | undefined>(undefined);

  // A new set of files: read and index them, then choose the largest series.
  useEffect(() => {
    const my = ++loads;
    load.current = my;
    setState('reading');
    setIndex(null);
    setDecoded(null);
    setError('');
    if (props.builtin) {
      loadBuiltinScan((l, t) => load.current === my && setProgress([l, t]))
        .then((scan) => {
          if (load.current !== my) return;
          builtin.current = scan;
          const d = builtinDecoded(scan, (k) => s.builtinSliceName(k, scan.count));
          const area = scan.masks.map((m) => m.reduce((a, v) => a + (v ? 1 : 0), 0));
          setTruth(scan.masks.map((m) => labelsFromMasks(m)));
          setDecoded(d);
          setScores(d.slices.map(() => null));
          setCautions(d.slices.map(() => null));
          // Open on the slice where the painted bleed is largest.
          setPos(area.indexOf(Math.max(...area)));
          setState('ready');
        })
        .catch((e: unknown) => {
          if (load.current !== my) return;
          setError(s.builtinFailed(e instanceof Error ? e.message : String(e)));
          setState('error');
        });
      return;
    }
    readNamed(props.files)
      .then((files) => {
        if (load.current !== my) return;
        const idx = indexScan(files);
        setIndex(idx);
        setSeriesNo(idx.chosen);
        if (idx.chosen < 0) setState('error');
      })
      .catch((e: unknown) => {
        if (load.current !== my) return;
        setError(s.readFailed(e instanceof Error ? e.message : String(e)));
        setState('error');
      });
  }, [props.builtin ? null : props.files]); // the built-in scan loads once per mount (its `files` is a new empty array each render)

  // A series chosen: decode it (int16 HU), show its middle slice, restart the scores.
  useEffect(() => {
    const series = index?.series[seriesNo];
    if (!series || series.refused) return;
    const my = ++loads;
    load.current = my;
    setState('decoding');
    setScores([]);
    setCautions([]);
    const ro = props.readOptions;
    decodeSeries(series, { window8bit: ro.window8bit, huOffset16: ro.huOffset16, minSide: MIN_SLICE_SIDE, onSlice: (d, n) => load.current === my && setProgress([d, n]) })
      .then((d) => {
        if (load.current !== my) return;
        setDecoded(d);
        setScores(d.slices.map(() => null));
        setCautions(d.slices.map(() => null));
        setPos(Math.floor(d.slices.length / 2));
        setState('ready');
      })
      .catch((e: unknown) => {
        if (load.current !== my) return;
        setError(s.readFailed(e instanceof Error ? e.message : String(e)));
        setState('error');
      });
  }, [index, seriesNo]);

  const views = useMemo(() => new Map<number, Slice>(), [decoded]);
  const viewOf = (k: number): Slice | null => {
    const sl = decoded?.slices[k];
    if (!sl) return null;
    let v = views.get(k);
    if (!v) {
      v = builtin.current ? builtinSliceView(builtin.current, k, sl.ref.file) : scanSliceView(sl, `scan:${load.current}:${k}:${sl.ref.file}`);
      views.set(k, v);
    }
    return v;
  };

  // The slice on show goes to the explorer.
  useEffect(() => {
    const v = viewOf(pos);
    if (v) props.onSlice(v);
  }, [decoded, pos]);

  // Scores: the slice on show first, then the rest in order, one at a time; stops on a new load.
  useEffect(() => {
    if (!decoded || !props.thresholds) return;
    const my = load.current;
    const view = getClient().view();
    const done = new Set<number>();
    let stopped = false;
    void (async () => {
      while (!stopped && load.current === my && done.size < decoded.slices.length) {
        const k = done.has(posRef.current) ? [...decoded.slices.keys()].find((i) => !done.has(i)) : posRef.current;
        if (k === undefined) break;
        done.add(k);
        const v = viewOf(k);
        if (!v) continue;
        try {
          const r = await view.setSlice(v.key, v.hu); // the explorer's key: the slice on show is not passed twice
          if (stopped || load.current !== my) break;
          setScores((old) => old.map((x, i) => (i === k ? Array.from(r.probabilities) : x)));
          // The explorer's caution for this slice (the same three checks), right after its forward pass.
          const o = await view.ood().catch(() => null);
          if (stopped || load.current !== my) break;
          const features = o && o.score !== null && o.threshold !== null ? { score: o.score, threshold: o.threshold } : null;
          const c = combineCaution({ warnings: decoded.slices[k]?.warnings ?? [], head: checkHeadCt(v.hu, MODEL_SIZE, v.file?.windowUsed), features });
          setCautions((old) => old.map((x, i) => (i === k ? c.state === 'far' : x)));
        } catch {
          // A failed or superseded pass leaves the slice unscored; the queue goes on.
        }
      }
    })();
    return () => {
      stopped = true;
    };
  }, [decoded, props.thresholds !== null]);

  // The wheel over the image scrolls the scan.
  useEffect(() => {
    const el = props.wheelTarget;
    const n = decoded?.slices.length ?? 0;
    if (!el || n < 2) return;
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      setPos((p) => Math.max(0, Math.min(n - 1, p + (e.deltaY > 0 ? 1 : -1))));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [props.wheelTarget, decoded]);

  const positions = decoded?.slices.map((x) => x.ref.positionMm ?? null) ?? [];
  const marked = decoded?.slices.flatMap((x, i) => (x.warnings.length > 0 ? [i] : [])) ?? [];
  const cautioned = cautions.flatMap((c, i) => (c ? [i] : []));
  const thresholds = props.thresholds ?? props.labels.map(() => 0.5);
  const stripData = { labels: props.labels, scores, positions, thresholds, current: pos, marked, cautioned, ...(truth ? { truth } : {}) };
  useEffect(() => {
    if (!chart.current || !decoded) return;
    if (!update.current) update.current = scanStripChart(chart.current, stripData, { title: s.stripTitle, xLabelMm: props.builtin ? s.builtinXMm : s.xMm, xLabelIndex: s.xIndex, onPick: setPos, width: stripWidth(chart.current) });
    else update.current(stripData);
  });
  useEffect(() => () => void (update.current = null), [decoded]);

  const n = decoded?.slices.length ?? 0;
  const scored = scores.filter((x) => x !== null).length;
  const current = decoded?.slices[pos];
  const issues = [...(index?.skipped ?? []), ...(decoded?.failed ?? [])];
  const notes = [...(index?.notes ?? []), ...(decoded?.notes ?? (index?.series[seriesNo]?.refused ? [index.series[seriesNo].refused] : []))];

  return (
    <section class="scan-panel" aria-label={s.title} data-scan-state={state} data-series={index?.series.length ?? 0} data-slices={n} data-current={pos} data-scored={scored} data-cautioned={cautioned.length}>
      <h3 class="scan-title">{props.builtin ? s.builtinTitle : s.title}</h3>
      {props.builtin && <p class="scan-about">{s.builtinAbout}</p>}
      {index && index.series.length > 1 && (
        <div class="ex-field">
          <label for="scan-series">{s.series}</label>
          <select id="scan-series" value={String(seriesNo)} onChange={(e) => setSeriesNo(Number(e.currentTarget.value))}>
            {index.series.map((x, i) => (
              <option value={String(i)} key={x.key} disabled={x.refused !== undefined}>
                {s.seriesOption(i, x.slices.length, x.description ?? null, x.refused !== undefined)}
              </option>
            ))}
          </select>
        </div>
      )}
      {notes.length > 0 && (
        <ul class="scan-notes">
          {notes.map((x, i) => (
            <li key={i}>
              {scanNoteText(props.lang, x.code, x.params)}
              {x.files.length > 0 && `: ${x.files.join(', ')}`}
            </li>
          ))}
        </ul>
      )}
      {issues.length > 0 && (
        <details class="scan-skipped" open={issues.length <= 5}>
          <summary>{s.skipped(issues.length)}</summary>
          <ul>
            {issues.map((x) => (
              <li key={x.file} data-file={x.file} data-code={x.code}>
                <code>{x.file}</code>: {scanFileText(props.lang, x.code, x.params)}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p class="ex-error" role="alert">
        {error}
      </p>
      {state === 'reading' && <p role="status">{props.builtin ? s.builtinLoading(progress[0], progress[1]) : s.reading(props.files.length)}</p>}
      {state === 'decoding' && <p role="status">{s.decoding(progress[0], progress[1])}</p>}
      {decoded && n > 0 && (
        <>
          <div class="scan-scroll">
            <label for="scan-slider">{s.slider}</label>
            <input id="scan-slider" type="range" min={0} max={n - 1} step={1} value={pos} onInput={(e) => setPos(Number(e.currentTarget.value))} aria-valuetext={`${s.sliceOf(pos, n)}${current?.ref.positionMm !== undefined ? `, ${s.position(current.ref.positionMm)}` : ''}`} />
            <span class="scan-where">
              {s.sliceOf(pos, n)}
              {current?.ref.positionMm !== undefined && ` · ${s.position(current.ref.positionMm)}`}
              {!props.builtin && (
                <>
                  {' · '}
                  <code class="scan-file">{current?.ref.file}</code>
                </>
              )}
            </span>
          </div>
          <p class="ex-hint">{s.scrollHint}</p>
          <div class="scan-strip-host" ref={chart} />
          <p class="ex-hint">{[truth ? s.truthShaded : '', marked.length > 0 ? s.marked : '', cautioned.length > 0 ? s.cautioned(cautioned.length) : ''].filter((x) => x).join(' ')}</p>
          <p role="status" class="scan-progress">
            {scored < n ? s.scored(scored, n) : s.scoredAll(n)}
          </p>
          {scored > 0 && (
            <div class="scan-level">
              <p>{s.scanLevel}</p>
              <ul>
                {props.labels.map((l, k) => {
                  let best = -1;
                  scores.forEach((x, i) => {
                    if (x && (best < 0 || (x[k] ?? 0) > (scores[best]?.[k] ?? 0))) best = i;
                  });
                  const above = scores.filter((x) => x && (x[k] ?? 0) >= (thresholds[k] ?? 0.5)).length;
                  return <li key={l}>{s.max(l, (scores[best]?.[k] ?? 0).toFixed(2), best, above)}</li>;
                })}
              </ul>
              <p class="ex-hint">{s.scanLevelNote}</p>
            </div>
          )}
          <details class="scan-order">
            <summary>{s.order(n)}</summary>
            <ol>
              {decoded.slices.map((x, i) => (
                <li key={i}>{x.ref.frame ? `${x.ref.file} (${x.ref.frame.index})` : x.ref.file}</li>
              ))}
            </ol>
          </details>
        </>
      )}
    </section>
  );
}

/** The built-in scan as a decoded series, for the panel's list, slider and strip (its pixels are read through builtinSliceView). */
function builtinDecoded(scan: BuiltinScan, name: (k: number) => string): DecodedSeries {
  const series: ScanSeries = { key: 'builtin', uid: null, kind: 'raster', order: 'position', slices: [], notes: [] };
  const slices: ScanSlice[] = scan.hu.map((hu, k) => ({
    // Not read from a file: `format` is unused for these slices; the position is above the lowest slice.
    ref: { file: name(k), format: 'dicom', ...(scan.spacingMm !== null ? { positionMm: k * scan.spacingMm } : {}) },
    hu,
    width: scan.size,
    height: scan.size,
    source: 'phantom',
    warnings: [],
  }));
  return { series, slices, failed: [], notes: [] };
}
