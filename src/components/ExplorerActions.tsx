/**
 * The explorer's actions (main instance only): one method or the comparison grid, the figure saved as
 * PNG, SVG or a 16:9 slide (figure-spec.ts names and lays it out), and a link to the view on show.
 */
import type { RefObject } from 'preact';
import type { Lang } from '../i18n/langs';
import { exportStrings } from '../i18n/export';
import { exportFigure } from './export-figure';
import { saveFigureSvg } from './export-svg';
import { saveSlide } from './export-slide';
import { figureSpec } from './figure-spec';
import { presentBits } from './OutlineKey';
import { seedName, sliceName, sliceToken } from './slice-name';
import type { ExplorerModel } from './use-explorer';
import { emphasisOf } from './explorer-figure';

export interface ExplorerActionsProps {
  readonly x: ExplorerModel;
  readonly lang: Lang;
  /** The explorer's root: the figure is saved from its canvases. */
  readonly root: RefObject<HTMLElement>;
  /** An id for the link hint (the copy button points at it). */
  readonly uid: string;
}

export function ExplorerActions({ x, lang, root, uid }: ExplorerActionsProps) {
  const { t, state, slice, allDrawn } = x;
  const words = exportStrings(lang);

  /** Save what is on show as a captioned figure (see export-figure.ts), named by method, label and slice. */
  const saveFigure = (as: 'png' | 'svg' | 'slide' = 'png'): void => {
    if (!slice) return;
    // The view set in the controls: in a side-by-side compare, pane A (B is another view).
    const canvases = [...(root.current?.querySelectorAll<HTMLCanvasElement>('canvas.ex-canvas') ?? [])].filter((c) => !c.closest('.ex-pane-b'));
    const p = x.scores?.values[state.label];
    const thr = x.scores?.thresholds[state.label];
    const { spec, fileName } = figureSpec({
      t,
      state,
      tiles: x.methods.map((m, i) => ({ method: m, map: x.current[i] ?? null })),
      sliceName: sliceName(slice, t),
      sliceToken: sliceToken(slice),
      score: p !== undefined && thr !== undefined ? { p, threshold: thr } : null,
      outline: state.mask && slice.masks ? { present: presentBits(slice.masks), emphasis: emphasisOf(state.label) } : null,
      modelVersion: x.info?.modelVersion ?? '',
      lang,
      url: location.href,
      isFile: slice.file !== undefined,
      ood: x.ood && x.ood.score !== null && x.ood.threshold !== null ? { score: x.ood.score, threshold: x.ood.threshold } : null,
    });
    if (as === 'svg') saveFigureSvg(spec, canvases, fileName.replace(/\.png$/, '.svg'));
    else if (as === 'slide') saveSlide(spec, canvases, fileName.replace(/\.png$/, '-16x9.png'));
    else exportFigure(spec, canvases, fileName);
  };

  return (
    <div class="ex-actions">
      {/* The label names the action ("One method" / "Compare all methods"), so no aria-pressed:
          a pressed "One method" would read as the opposite of what is on show. */}
      <button type="button" class="ex-button" aria-keyshortcuts="a" onClick={() => x.update({ grid: !state.grid })}>
        {state.grid ? t.single : t.compare}
      </button>
      <button type="button" class="ex-button" disabled={!allDrawn} onClick={() => saveFigure()}>
        {t.exportPng}
      </button>
      <button type="button" class="ex-button ex-save-svg" disabled={!allDrawn} onClick={() => saveFigure('svg')}>
        {words.figureSvg}
      </button>
      <button type="button" class="ex-button ex-save-slide" disabled={!allDrawn} onClick={() => saveFigure('slide')}>
        {words.slide}
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
            () => x.setNotice(fileOnShow ? t.linkCopiedNoFile(seedName(state.seed, t)) : t.linkCopied),
            () => x.setNotice(fileOnShow ? `${t.linkNotCopied} ${t.linkNoFile(seedName(state.seed, t))}` : t.linkNotCopied),
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
  );
}
