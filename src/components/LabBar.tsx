/**
 * The lab islands' shared controls: the slice (built-in samples with a bleed, which have a ground-truth
 * mask), the run and stop buttons (absent for an island that runs by itself), and one status line with
 * a progress bar while the worker computes. Plain props, no state of its own.
 */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { Lang } from '../i18n/langs';
import { labStrings } from '../i18n/lab';
import { SAMPLES } from '../phantom/samples';
import { REAL_SAMPLES } from '../phantom/real-samples';
import { strings } from './strings';
import { sliceName } from './slice-name';
import type { LabIsland } from './use-lab-job';

/** The built-in phantoms and real-background composites with a bleed (they have ground-truth masks). */
export const BLEEDING_PHANTOMS = SAMPLES.filter((s) => s.shows !== 'normal');
export const BLEEDING_REAL = REAL_SAMPLES.filter((s) => s.shows !== 'normal');

/** The default slice: the subdural haematoma phantom. */
export const DEFAULT_LAB_SEED = 1004;

export interface LabBarProps {
  readonly lang: Lang;
  readonly lab: LabIsland;
  /** What a unit of progress is ("maps", "forward passes"). */
  readonly unit: string;
  /** Run the island's job; absent when the island runs by itself. */
  readonly onRun?: (() => void) | undefined;
  /** More controls beside the slice (e.g. the number of steps). */
  readonly children?: ComponentChildren;
  /** A line under the controls (e.g. what a run will cost). */
  readonly note?: ComponentChildren;
}

export function LabBar({ lang, lab, unit, onRun, children, note }: LabBarProps) {
  const id = useId();
  const t = labStrings(lang).common;
  const ex = strings(lang);
  const running = lab.job.phase === 'running';
  const job = lab.job;
  const status =
    lab.model.status === 'loading'
      ? t.loadingModel(lab.model.pct)
      : lab.model.status === 'error'
        ? t.failed(lab.model.error)
        : job.phase === 'running'
          ? job.total > 0
            ? t.progress(job.done, job.total, unit)
            : t.waiting
          : job.phase === 'stopped'
            ? t.stopped
            : job.phase === 'error'
              ? t.failed(job.message)
              : job.phase === 'done'
                ? `${t.took(job.seconds, lab.model.info?.backend ?? '')} ${lab.slice ? t.resultFor(sliceName(lab.slice, ex)) : ''}`
                : onRun
                  ? t.idle
                  : '';
  return (
    <div class="lab-bar">
      <div class="lab-controls">
        <div class="lab-field">
          <label for={`${id}-s`}>{ex.sample}</label>
          <select id={`${id}-s`} value={String(lab.seed)} onChange={(e) => lab.chooseSeed(Number(e.currentTarget.value))}>
            <optgroup label={ex.builtIn}>
              {BLEEDING_PHANTOMS.map((s) => (
                <option key={s.seed} value={String(s.seed)}>
                  {ex.sampleName(s.name, s.shows, s.seed)}
                </option>
              ))}
            </optgroup>
            <optgroup label={ex.realGroup}>
              {BLEEDING_REAL.map((s) => (
                <option key={s.seed} value={String(s.seed)}>
                  {ex.realName(s.name, s.shows)}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        {children}
        {onRun && (
          <div class="lab-buttons">
            <button type="button" class="isl-button lab-run" disabled={running || lab.model.status !== 'ready' || !lab.slice} onClick={onRun}>
              {job.phase === 'done' ? t.rerun : t.run}
            </button>
            <button type="button" class="isl-button lab-stop" disabled={!running} onClick={lab.stop}>
              {t.stop}
            </button>
          </div>
        )}
      </div>
      {note}
      <div class="lab-status" role="status" aria-live="polite">
        {(running || lab.model.status === 'loading') && (
          <progress
            class="lab-progress"
            max={running ? Math.max(1, job.phase === 'running' ? job.total : 1) : 100}
            value={running ? (job.phase === 'running' ? job.done : 0) : (lab.model.pct ?? undefined)}
            aria-label={t.progressLabel}
          />
        )}
        {status}
      </div>
      {lab.model.info?.weights === 'untrained-random' && <p class="lab-warning">{t.untrained}</p>}
    </div>
  );
}
