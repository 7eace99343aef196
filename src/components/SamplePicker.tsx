/** Choose the slice: a built-in phantom, a new random one, or the reader's own file (read locally). */
import { useId, useState } from 'preact/hooks';
import { SAMPLES } from '../phantom/samples';
import { REAL_SAMPLES, realSample } from '../phantom/real-samples';
import { WINDOWS, type WindowName } from '../ct/window';
import type { ExplorerStrings } from './strings';

export interface SamplePickerProps {
  readonly t: ExplorerStrings;
  /** Seed on show, or null when a file is shown. */
  readonly seed: number | null;
  readonly fileName: string | null;
  readonly onSeed: (seed: number) => void;
  /** Absent in compact instances (no upload there). */
  readonly onFile?: ((file: File, window8bit: WindowName) => void) | undefined;
}

/** A fresh phantom seed from the browser's random source (never a real sample's seed). */
function freshSeed(): number {
  const s = crypto.getRandomValues(new Uint32Array(1))[0] ?? 1;
  return realSample(s) ? s + 1 : s;
}

export function SamplePicker({ t, seed, fileName, onSeed, onFile }: SamplePickerProps) {
  const id = useId();
  const [win8, setWin8] = useState<WindowName>('brain');
  const [over, setOver] = useState(false);
  const builtIn = SAMPLES.some((s) => s.seed === seed) || (seed !== null && realSample(seed) !== undefined);
  const value = seed === null ? 'file' : builtIn ? String(seed) : 'random';
  const name = (s: (typeof SAMPLES)[number]): string => t.sampleName(s.name, s.shows, s.seed);
  return (
    <div class="ex-picker">
      <div class="ex-field">
        <label for={`${id}-s`}>{t.sample}</label>
        <select
          id={`${id}-s`}
          value={value}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (/^\d+$/.test(v)) onSeed(Number(v));
          }}
        >
          <optgroup label={t.builtIn}>
            {SAMPLES.map((s) => (
              <option value={String(s.seed)} key={s.seed}>
                {name(s)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t.realGroup}>
            {REAL_SAMPLES.map((s) => (
              <option value={String(s.seed)} key={s.seed}>
                {t.realName(s.name, s.shows)}
              </option>
            ))}
          </optgroup>
          {value === 'random' && seed !== null && <option value="random">{t.randomCase(seed)}</option>}
          {value === 'file' && <option value="file">{t.uploaded(fileName ?? '')}</option>}
        </select>
      </div>
      <button type="button" class="ex-button" onClick={() => onSeed(freshSeed())}>
        {t.random}
      </button>
      {onFile && (
        <div
          class={`ex-drop${over ? ' ex-over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            const f = e.dataTransfer?.files[0];
            if (f) onFile(f, win8);
          }}
        >
          <label for={`${id}-f`}>{t.upload}</label>
          <input
            id={`${id}-f`}
            type="file"
            accept=".dcm,.dicom,.png,.jpg,.jpeg,application/dicom,image/png,image/jpeg"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) onFile(f, win8);
              e.currentTarget.value = '';
            }}
          />
          <p class="ex-hint">{t.dropHint}</p>
          <label for={`${id}-w`}>{t.window8bit}</label>
          <select id={`${id}-w`} value={win8} onChange={(e) => setWin8(e.currentTarget.value as WindowName)}>
            {(Object.keys(WINDOWS) as WindowName[]).map((w) => (
              <option value={w} key={w}>
                {t.windows[w]} (L{WINDOWS[w].level}/W{WINDOWS[w].width})
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
