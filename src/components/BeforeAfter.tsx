/**
 * The before-and-after island: one built-in slice with a bleed through two networks side by side, the
 * earlier network (models/resnet34-before/, downloaded only when the reader presses the button) and this
 * page's network, each with its own Grad-CAM of "any", its probability of "any" and its pointing game on
 * that slice (before-after-slice.ts). Both run in the shared compute worker (network-protocol.ts).
 *
 *   <BeforeAfter client:visible lang="en" />
 *
 * Root attributes for tests: data-state (idle | loading | computing | done | error), data-before
 * (idle | loading | ready | error | unavailable), data-slice, data-same ("1" when both networks hold the
 * same weights hash).
 */
import { useId, useState } from 'preact/hooks';
import type { Lang } from '../i18n/langs';
import { beforeAfterStrings } from '../i18n/before-after';
import type { Stage } from '../model/arch';
import { MAIN_NETWORK } from '../worker/network-protocol';
import { strings } from './strings';
import { BLEEDING_PHANTOMS, BLEEDING_REAL } from './LabBar';
import { DEFAULT_BEFORE_AFTER_SEED } from './before-after-slice';
import { BEFORE_AFTER_LAYERS, BEFORE_NETWORK, beforeModel, useBeforeAfter } from './before-after-state';
import { BeforeAfterPanel } from './BeforeAfterPanel';
import './controls.css';
import './islands.css';
import './lab.css';
import './before-after.css';

export default function BeforeAfter({ lang }: { readonly lang: Lang }) {
  const t = beforeAfterStrings(lang);
  const ex = strings(lang);
  const id = useId();
  const s = useBeforeAfter(DEFAULT_BEFORE_AFTER_SEED);
  const [layer, setLayer] = useState<Stage>(BEFORE_AFTER_LAYERS[0] as Stage);
  const shipped = beforeModel();
  const mib = (shipped.bytes / 2 ** 20).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const { main, before, panels } = s;
  const beforeState = shipped.available ? before.status : 'unavailable';
  const done = panels.main !== undefined && (before.status !== 'ready' || panels.before !== undefined);
  const state = !s.hydrated ? 'idle' : s.error || main.status === 'error' ? 'error' : main.status === 'loading' || !s.slice ? 'loading' : done && !s.computing ? 'done' : 'computing';
  const beforeSha = before.status === 'ready' ? before.info.sha256 : null;
  const same = beforeSha !== null && panels.main !== undefined && panels.main.sha256 === beforeSha;
  const status =
    main.status === 'loading'
      ? t.loadingModel(main.pct)
      : main.status === 'error'
        ? t.failed(main.error)
        : s.error
          ? t.failed(s.error)
          : state === 'computing'
            ? t.computing
            : '';

  return (
    <div class="isl-root lab-root ba-root" role="group" aria-label={t.title} data-state={state} data-before={beforeState} data-slice={s.slice?.key ?? ''} data-same={same ? '1' : '0'}>
      <p class="isl-note">{t.intro}</p>
      <div class="lab-controls">
        <div class="lab-field">
          <label for={`${id}-s`}>{ex.sample}</label>
          <select id={`${id}-s`} value={String(s.seed)} onChange={(e) => s.choose(Number(e.currentTarget.value))}>
            <optgroup label={ex.builtIn}>
              {BLEEDING_PHANTOMS.map((x) => (
                <option key={x.seed} value={String(x.seed)}>
                  {ex.sampleName(x.name, x.shows, x.seed)}
                </option>
              ))}
            </optgroup>
            <optgroup label={ex.realGroup}>
              {BLEEDING_REAL.map((x) => (
                <option key={x.seed} value={String(x.seed)}>
                  {ex.realName(x.name, x.shows)}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        {BEFORE_AFTER_LAYERS.length > 1 && (
          <div class="lab-field">
            <label for={`${id}-l`}>{t.layer}</label>
            <select id={`${id}-l`} value={layer} onChange={(e) => setLayer(e.currentTarget.value as Stage)}>
              {BEFORE_AFTER_LAYERS.map((l) => (
                <option key={l} value={l}>
                  {t.layerName(l)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div class="ba-panels">
        <BeforeAfterPanel lang={lang} t={t} network={BEFORE_NETWORK} title={t.before} sub={t.beforeSub} slice={s.slice} result={panels.before} layer={layer} version={before.status === 'ready' ? before.info.modelVersion : ''}>
          {!shipped.available ? (
            <p class="isl-note">{t.unavailable}</p>
          ) : before.status === 'idle' || before.status === 'error' ? (
            <>
              <button type="button" class="isl-button ba-load" disabled={main.status !== 'ready'} onClick={s.loadBefore}>
                {t.load(mib)}
              </button>
              <p class="isl-note">{before.status === 'error' ? t.loadFailed(before.message) : t.loadNote}</p>
            </>
          ) : before.status === 'loading' ? (
            <>
              <progress class="lab-progress" max={100} value={before.pct ?? undefined} aria-label={t.loading(before.pct)} />
              <p class="isl-note">{t.loading(before.pct)}</p>
            </>
          ) : (
            <p class="isl-note">{t.computing}</p>
          )}
        </BeforeAfterPanel>
        <BeforeAfterPanel lang={lang} t={t} network={MAIN_NETWORK} title={t.after} sub={t.afterSub} slice={s.slice} result={panels.main} layer={layer} version={main.info?.modelVersion ?? ''}>
          <p class="isl-note">{main.status === 'ready' ? t.computing : status}</p>
        </BeforeAfterPanel>
      </div>
      <div class="lab-status" role="status" aria-live="polite">
        {status}
      </div>
      {same && <p class="isl-note ba-same">{t.same}</p>}
      {main.info?.weights === 'untrained-random' && <p class="lab-warning">{t.untrained}</p>}
    </div>
  );
}
