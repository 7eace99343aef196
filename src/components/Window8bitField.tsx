/** How an 8-bit upload is read: its window estimated, a preset, or the reader's own level and width. */
import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../i18n/langs';
import { WINDOWS, type WindowName } from '../ct/window';
import type { ExplorerStrings } from './strings';
import { validWindow, window8bitChoice, window8bitStrings, type Window8bit } from './window8bit';
import './window8bit.css';

export interface Window8bitFieldProps {
  readonly id: string;
  readonly t: ExplorerStrings;
  readonly lang: Lang;
  readonly value: Window8bit;
  readonly onChange: (w: Window8bit) => void;
}

export function Window8bitField({ id, t, lang, value, onChange }: Window8bitFieldProps) {
  const s = window8bitStrings(lang);
  const choice = window8bitChoice(value);
  // The typed numbers, kept while they do not (yet) make a valid window.
  const [typed, setTyped] = useState(() => (value === 'auto' ? { level: '40', width: '120' } : { level: String(value.level), width: String(value.width) }));
  const [custom, setCustom] = useState(choice === 'custom');
  useEffect(() => {
    if (value !== 'auto' && window8bitChoice(value) === 'custom') {
      setCustom(true);
      setTyped({ level: String(value.level), width: String(value.width) });
    }
  }, [value === 'auto' ? 'auto' : `${value.level},${value.width}`]);
  const apply = (next: { level: string; width: string }): void => {
    setTyped(next);
    const w = { level: Number(next.level), width: Number(next.width) };
    if (next.level.trim() !== '' && next.width.trim() !== '' && validWindow(w)) onChange(w);
  };
  return (
    <>
      <label for={`${id}-w`}>{t.window8bit}</label>
      <select
        id={`${id}-w`}
        value={custom ? 'custom' : choice}
        onChange={(e) => {
          const v = e.currentTarget.value as 'auto' | WindowName | 'custom';
          setCustom(v === 'custom');
          if (v === 'custom') apply(typed);
          else onChange(v === 'auto' ? 'auto' : WINDOWS[v]);
        }}
      >
        <option value="auto">{t.windowAuto}</option>
        {(Object.keys(WINDOWS) as WindowName[]).map((w) => (
          <option value={w} key={w}>
            {t.windows[w]} (L{WINDOWS[w].level}/W{WINDOWS[w].width})
          </option>
        ))}
        <option value="custom">{s.custom}</option>
      </select>
      {custom && (
        <span class="ex-w8-custom" title={s.hint}>
          <label for={`${id}-wl`}>{s.level}</label>
          <input id={`${id}-wl`} type="number" step={1} min={-1024} max={3071} value={typed.level} onChange={(e) => apply({ ...typed, level: e.currentTarget.value })} />
          <label for={`${id}-ww`}>{s.width}</label>
          <input id={`${id}-ww`} type="number" step={1} min={1} max={4096} value={typed.width} onChange={(e) => apply({ ...typed, width: e.currentTarget.value })} />
        </span>
      )}
    </>
  );
}
