/**
 * The explorer island: a CT slice, the network's six scores and one explanation map (or all five side
 * by side, or two views side by side), with every setting in labelled controls. This file lays the parts
 * out; each concern lives in its own file:
 *
 *   use-explorer.ts       state: settings (in the URL), slice, model start-up, forward pass, maps, files
 *   MethodChoice.tsx      the method and the label, beside the map     Controls.tsx   the other settings
 *   ExplorerMap.tsx       the map, the grid or the compare, and notes   Scores.tsx     the six scores
 *   ExplorerActions.tsx   grid toggle, export (PNG, SVG, slide), link   ModelLine.tsx  backend and timings
 *   Presentation.tsx      presentation mode, shortcuts, their list      CompareView.tsx  two views side by side
 *
 *   <Explorer client:visible lang="en" />                              main instance, state in the URL
 *   <Explorer client:visible lang="en" method="gradcam" compact />     a focused instance
 *   <Explorer client:visible lang="en" grid compact />                 the comparison grid
 *
 * Root attributes for tests: data-state (idle until hydrated | loading | computing | ready | error), data-method (the
 * method of the map on show), data-backend, data-weights, data-slice (the slice key: phantom:SEED, real:SEED or file:N:NAME),
 * data-startup (the worker's start-up: backend, weights and ready, ms since it was asked, comma-separated),
 * data-present (present while in presentation mode).
 */
import { useId, useRef, useState } from 'preact/hooks';
import { LABELS, STAGES } from '../model/arch';
import { METHOD_NAMES, type MethodName } from '../explain/method';
import { presentStrings } from '../i18n/present';
import { FileFactsNote } from './FileFactsNote';
import { Controls } from './Controls';
import { MethodChoice } from './MethodChoice';
import { SamplePicker } from './SamplePicker';
import { Scores } from './Scores';
import { MapArea, MapNotes } from './ExplorerMap';
import { ExplorerActions } from './ExplorerActions';
import { ModelLine } from './ModelLine';
import { PresentBar, usePresentation } from './Presentation';
import { BUILTIN_SEEDS, CompareControls, defaultCompare, type CompareKind, type CompareSpec } from './CompareView';
import { stepIn, stepOpacity, type ShortcutAction } from './shortcuts';
import { ScanPanel } from './scan/ScanPanel';
import { scanStrings } from './scan/scan-strings';
import { useExplorer, type ExplorerProps } from './use-explorer';
import './controls.css';
import './explorer.css';
import './present.css';

export type { ExplorerProps };

const LABEL_INDICES = LABELS.map((_, i) => i);

/** Step the open scan's slider as its own arrow keys would (ScanPanel listens to its input events). */
function stepScan(root: HTMLElement | null, by: 1 | -1): void {
  const slider = root?.querySelector<HTMLInputElement>('.scan-panel input[type=range]');
  if (!slider || slider.disabled) return;
  if (by > 0) slider.stepUp();
  else slider.stepDown();
  slider.dispatchEvent(new Event('input', { bubbles: true }));
}

export default function Explorer(props: ExplorerProps) {
  const x = useExplorer(props);
  const { t, state, update, slice } = x;
  const p = presentStrings(props.lang);
  const root = useRef<HTMLDivElement>(null);
  const uid = useId();
  const [compare, setCompare] = useState<CompareSpec | null>(null);
  const lastKind = useRef<CompareKind>('label');
  const chooseCompare = (c: CompareSpec | null): void => {
    if (c) lastKind.current = c.kind;
    setCompare(c);
  };

  const act = (a: ShortcutAction): void => {
    if (a.do === 'method-n' || a.do === 'method') {
      const m: MethodName | undefined = a.do === 'method-n' ? METHOD_NAMES[a.n] : stepIn<MethodName>(METHOD_NAMES, state.method, a.by);
      if (m) update({ method: m, grid: false });
    } else if (a.do === 'label') update({ label: stepIn(LABEL_INDICES, state.label, a.by) });
    else if (a.do === 'layer') update({ layer: stepIn(STAGES, state.layer, a.by) });
    else if (a.do === 'opacity') update({ opacity: stepOpacity(state.opacity, a.by) });
    else if (a.do === 'slice') {
      if (x.scanFiles) stepScan(root.current, a.by);
      else x.choosePhantom(stepIn(BUILTIN_SEEDS, state.seed, a.by));
    } else if (a.do === 'grid') update({ grid: !state.grid });
    else if (a.do === 'outline') update({ mask: !state.mask });
    else if (a.do === 'compare') {
      chooseCompare(compare && !state.grid ? null : defaultCompare(lastKind.current, state));
      if (state.grid) update({ grid: false });
    }
  };
  const present = usePresentation(root, !props.compact, act);
  const comparing = state.grid ? null : compare;

  return (
    <div
      ref={root}
      role="group"
      class={`ex-root${props.compact ? ' ex-compact' : ''}${present.on ? ' ex-present' : ''}${state.grid ? ' ex-grid-on' : ''}${comparing ? ' ex-compare-on' : ''}`}
      aria-label={t.explorer}
      data-state={x.dataState}
      data-method={!state.grid && x.main ? x.main.request.method : state.grid && x.allDrawn ? 'grid' : ''}
      data-backend={x.info?.backend ?? ''}
      data-weights={x.info?.weights ?? ''}
      data-slice={slice?.key ?? ''}
      data-startup={x.info?.startup ? `${Math.round(x.info.startup.backendMs)},${Math.round(x.info.startup.weightsMs)},${Math.round(x.info.startup.readyMs)}` : undefined}
      data-present={present.on ? '' : undefined}
    >
      {!props.compact && <PresentBar p={p} present={present} methodNames={METHOD_NAMES.map((m) => t.methods[m])} />}
      <SamplePicker
        t={t}
        seed={slice ? slice.seed : state.seed}
        fileName={slice?.fileName ?? null}
        fileIsBuiltIn={slice?.builtIn === true}
        onBuiltinScan={props.compact ? undefined : () => x.setScanFiles('builtin')}
        builtinScanText={scanStrings(props.lang).builtinButton}
        onSeed={x.choosePhantom}
        onFile={props.compact ? undefined : (f) => void x.chooseFile(f)}
        onFiles={props.compact ? undefined : (fs) => void x.chooseFiles(fs)}
        folderText={scanStrings(props.lang).folder}
        readOptions={x.readOptions}
        lang={props.lang}
        onReadOptions={props.compact ? undefined : x.changeReadOptions}
        frameCount={slice?.file?.frame?.count}
      />
      {slice?.file && <FileFactsNote t={t} lang={props.lang} facts={slice.file} />}
      {x.scanFiles && (
        <ScanPanel
          key={x.scanFiles === 'builtin' ? 'builtin' : 'files'}
          lang={props.lang}
          files={x.scanFiles === 'builtin' ? [] : x.scanFiles}
          builtin={x.scanFiles === 'builtin'}
          readOptions={x.readOptions}
          labels={t.labels}
          thresholds={x.info?.thresholds ?? null}
          onSlice={x.setSlice}
          wheelTarget={root.current?.querySelector<HTMLElement>('.ex-figures') ?? null}
        />
      )}
      <p class="ex-error" role="alert">
        {x.fileError}
      </p>
      {/* Three columns where the width allows (map | method, label and scores | settings); on a phone one,
          in the order map, method, scores, notes, settings (explorer.css): the map, the method choice and
          the scores fit on one screen. */}
      <div class="ex-body">
        <div class="ex-col ex-col-map">
          <div class="ex-figures">
            <MapArea x={x} lang={props.lang} p={p} compare={comparing} />
          </div>
          <MapNotes x={x} />
        </div>
        <div class="ex-col ex-col-choose">
          <MethodChoice t={t} state={state} update={update} methods={!props.compact} />
          <Scores data={x.scores} t={t} ood={x.ood} lang={props.lang} head={x.head} warnings={slice?.file?.warnings} />
        </div>
        <div class="ex-col ex-side">
          <Controls
            t={t}
            state={state}
            update={update}
            blocks={x.info?.blocks ?? []}
            show={{ method: !props.compact, display: !props.compact }}
            hasMask={slice ? slice.masks !== null : true}
          />
          {!props.compact && <CompareControls x={x} p={p} spec={comparing} onSpec={chooseCompare} />}
          {!props.compact && <ExplorerActions x={x} lang={props.lang} root={root} uid={uid} />}
        </div>
      </div>
      <div class="ex-status" role="status" aria-live="polite">
        {x.status === 'loading' && x.progress !== null && <progress class="ex-progress" max={100} value={x.progress} aria-label={t.loadingModel(x.progress)} />}
        {x.statusText} {x.notice}
      </div>
      <ModelLine x={x} />
    </div>
  );
}
