/**
 * CT windowing, live: one phantom slice with a thin subdural haematoma, re-windowed as the reader moves
 * level and width (sliders, numbers, three presets), the slice's HU histogram with the window's grey
 * ramp (d3, src/charts/hu-histogram.ts), and the three fixed windows the network receives as channels.
 * No model.
 *
 *   <WindowLevel client:visible lang="en" />
 *
 * Root attributes for tests: data-state (idle until hydrated | ready), data-level, data-width.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/langs';
import { ISLANDS } from '../i18n/islands';
import { MODEL_SIZE, MODEL_WINDOWS, WINDOWS, type Window, type WindowName } from '../ct/window';
import { windowedRgba } from '../maps/overlay';
import { generatePhantom } from '../phantom/generate';
import { huHistogramChart, type HuHistogramData } from '../charts/hu-histogram';
import { clampWindow, histogramDomain, huHistogram, LEVEL_RANGE, WIDTH_RANGE, windowRamp, WINDOWING_SEED } from './windowing';
import { paint } from './paint';
import './controls.css';
import './islands.css';

export interface WindowLevelProps {
  readonly lang: Lang;
}

/** Display size: 512 (0.45 mm pixels), so a thin subdural is several pixels thick on screen. */
const DISPLAY_SIZE = 512;
const PRESETS: readonly WindowName[] = ['brain', 'subdural', 'bone'];

/** The slice at display size and at the model size, as float HU. */
interface Slices {
  readonly display: Float32Array;
  readonly model: Float32Array;
}

function histogramData(hu: Float32Array, w: Window): HuHistogramData {
  const { lo, hi } = histogramDomain(w);
  const h = huHistogram(hu, lo, hi);
  return { domain: [lo, hi], lo: h.lo, binWidth: h.binWidth, counts: h.counts, ramp: windowRamp(w, lo, hi), black: w.level - w.width / 2, white: w.level + w.width / 2 };
}

export default function WindowLevel({ lang }: WindowLevelProps) {
  const t = ISLANDS[lang].windowing;
  const id = useId();
  const [win, setWin] = useState<Window>(WINDOWS.brain);
  const [slices, setSlices] = useState<Slices | null>(null);
  const image = useRef<HTMLCanvasElement>(null);
  const chartHost = useRef<HTMLDivElement>(null);
  const chartUpdate = useRef<((d: HuHistogramData) => void) | null>(null);
  const channels = useRef<(HTMLCanvasElement | null)[]>([]);

  // Generate after hydration (the island is visible), so page load never pays for it.
  useEffect(() => {
    const timer = setTimeout(() => {
      setSlices({
        display: Float32Array.from(generatePhantom(WINDOWING_SEED, { size: DISPLAY_SIZE }).hu),
        model: Float32Array.from(generatePhantom(WINDOWING_SEED, { size: MODEL_SIZE }).hu),
      });
    }, 0);
    return () => clearTimeout(timer);
  }, []);

  useEffect(() => {
    if (!slices) return;
    MODEL_WINDOWS.forEach((w, i) => {
      const c = channels.current[i];
      if (c) paint(c, windowedRgba(slices.model, MODEL_SIZE, MODEL_SIZE, w), MODEL_SIZE);
    });
  }, [slices]);

  const hist = useMemo(() => (slices ? histogramData(slices.display, win) : null), [slices, win]);

  useEffect(() => {
    if (!slices || !hist) return;
    if (image.current) paint(image.current, windowedRgba(slices.display, DISPLAY_SIZE, DISPLAY_SIZE, win), DISPLAY_SIZE);
    if (!chartHost.current) return;
    if (chartUpdate.current) chartUpdate.current(hist);
    else {
      // Drawing units follow the host's first width, so the text stays legible on a phone and on a desktop.
      const width = Math.round(Math.max(300, Math.min(560, chartHost.current.clientWidth || 480)));
      chartUpdate.current = huHistogramChart(chartHost.current, hist, { title: t.chartTitle, xLabel: t.chartX, yLabel: t.chartY, rampLabel: t.chartRamp, width });
    }
  }, [slices, hist]);

  const set = (patch: Partial<Window>): void => setWin((w) => clampWindow({ ...w, ...patch }));
  const num = (e: Event): number => Number((e.currentTarget as HTMLInputElement).value);
  const lo = win.level - win.width / 2;
  const hi = win.level + win.width / 2;
  const names = t.preset;

  return (
    <div class="isl-root isl-window" role="group" aria-label={t.title} data-state={slices ? 'ready' : 'idle'} data-level={win.level} data-width={win.width}>
      <div class="isl-window-controls">
        <div class="isl-slider">
          <label for={`${id}-l`}>{t.level}</label>
          <input id={`${id}-l`} type="range" min={LEVEL_RANGE.min} max={LEVEL_RANGE.max} step={1} value={win.level} onInput={(e) => set({ level: num(e) })} />
          <input type="number" aria-label={t.level} min={LEVEL_RANGE.min} max={LEVEL_RANGE.max} step={1} value={win.level} onChange={(e) => set({ level: num(e) })} />
        </div>
        <div class="isl-slider">
          <label for={`${id}-w`}>{t.width}</label>
          <input id={`${id}-w`} type="range" min={WIDTH_RANGE.min} max={WIDTH_RANGE.max} step={1} value={win.width} onInput={(e) => set({ width: num(e) })} />
          <input type="number" aria-label={t.width} min={WIDTH_RANGE.min} max={WIDTH_RANGE.max} step={1} value={win.width} onChange={(e) => set({ width: num(e) })} />
        </div>
        <div class="isl-presets" role="group" aria-label={t.presets}>
          {PRESETS.map((p) => (
            <button
              key={p}
              type="button"
              class="isl-button"
              aria-pressed={win.level === WINDOWS[p].level && win.width === WINDOWS[p].width}
              onClick={() => setWin(WINDOWS[p])}
            >
              {names[p]}
            </button>
          ))}
        </div>
        <p class="isl-range" aria-live="polite">
          {t.range(lo, hi)}
        </p>
      </div>
      <div class="isl-window-main">
        <canvas ref={image} width={DISPLAY_SIZE} height={DISPLAY_SIZE} role="img" aria-label={t.imageAlt(win.level, win.width)} class="isl-canvas isl-window-image" />
        <div class="isl-histogram" ref={chartHost} />
      </div>
      <p class="isl-subhead">
        <strong>{t.channelsHeading}</strong>
      </p>
      <p class="isl-note">{slices ? t.channelsNote : t.loading}</p>
      <ul class="isl-channels">
        {MODEL_WINDOWS.map((w, i) => {
          const name = t.windowNames[PRESETS.find((p) => WINDOWS[p] === w) ?? 'brain'];
          return (
            <li key={i}>
              <figure class="isl-tile">
                <canvas
                  ref={(el) => {
                    channels.current[i] = el;
                  }}
                  width={MODEL_SIZE}
                  height={MODEL_SIZE}
                  role="img"
                  aria-label={t.channelAlt(i + 1, name)}
                  class="isl-canvas"
                />
                <figcaption>{t.channel(i + 1, name, w.level, w.width)}</figcaption>
              </figure>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
