/** Choose the slice: a built-in phantom, a new random one, or the reader's own file (read locally). */
import { useId, useRef, useState } from 'preact/hooks';
import { SAMPLES } from '../phantom/samples';
import { REAL_SAMPLES, realSample } from '../phantom/real-samples';
import type { Lang } from '../i18n/langs';
import { Window8bitField } from './Window8bitField';
import type { ExplorerStrings } from './strings';
import type { FileReadOptions } from './slices';
import { namedFromDrop, namedFromList, type NamedFile } from './scan/scan-input';

export interface SamplePickerProps {
  readonly t: ExplorerStrings;
  /** Seed on show, or null when a file is shown. */
  readonly seed: number | null;
  readonly fileName: string | null;
  /** The slice on show is one of the built-in scan's: `fileName` is its name, not the reader's file. */
  readonly fileIsBuiltIn?: boolean | undefined;
  /** Load the built-in whole scan (absent in compact instances), and the button's text. */
  readonly onBuiltinScan?: (() => void) | undefined;
  readonly builtinScanText?: string | undefined;
  readonly onSeed: (seed: number) => void;
  /** Absent in compact instances (no upload there). */
  readonly onFile?: ((file: File) => void) | undefined;
  /** Several files, a picked or dropped folder (a scan); when given, it receives every pick and drop. */
  readonly onFiles?: ((files: NamedFile[]) => void) | undefined;
  /** The folder button's text (with onFiles). */
  readonly folderText?: string | undefined;
  /** How files are read; a change re-reads the file on show at once. */
  readonly readOptions: FileReadOptions;
  readonly onReadOptions?: ((o: FileReadOptions) => void) | undefined;
  /** Frames in the file on show (a frame picker appears when more than one). */
  readonly frameCount?: number | undefined;
  /** The reader's language (the 8-bit window field's own words). */
  readonly lang?: Lang;
}

/** A fresh phantom seed from the browser's random source (never a real sample's seed). */
function freshSeed(): number {
  const s = crypto.getRandomValues(new Uint32Array(1))[0] ?? 1;
  return realSample(s) ? s + 1 : s;
}

export function SamplePicker({ t, seed, fileName, fileIsBuiltIn, onBuiltinScan, builtinScanText, onSeed, onFile, onFiles, folderText, readOptions, onReadOptions, frameCount, lang }: SamplePickerProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const set = (patch: Partial<FileReadOptions>): void => onReadOptions?.({ ...readOptions, ...patch });
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
          {value === 'file' && <option value="file">{fileIsBuiltIn ? fileName : t.uploaded(fileName ?? '')}</option>}
        </select>
      </div>
      <button type="button" class="ex-button" onClick={() => onSeed(freshSeed())}>
        {t.random}
      </button>
      {onBuiltinScan && (
        <button type="button" class="ex-button scan-builtin" onClick={onBuiltinScan}>
          {builtinScanText}
        </button>
      )}
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
            const dt = e.dataTransfer;
            if (onFiles && dt) void namedFromDrop(dt).then((fs) => fs.length > 0 && onFiles(fs));
            else if (dt?.files[0]) onFile(dt.files[0]);
          }}
        >
          <label for={`${id}-f`}>{t.upload}</label>
          <input
            id={`${id}-f`}
            ref={input}
            type="file"
            multiple={onFiles !== undefined}
            accept=".dcm,.dicom,.png,.jpg,.jpeg,.zip,application/dicom,image/png,image/jpeg,application/zip"
            onChange={(e) => {
              const list = e.currentTarget.files;
              if (onFiles && list && list.length > 0) onFiles(namedFromList(list));
              else if (list?.[0]) onFile(list[0]);
              e.currentTarget.value = '';
              e.currentTarget.removeAttribute('webkitdirectory');
            }}
          />
          {onFiles && (
            // One file input (tests and assistive tools find one): the folder button turns it into a folder picker for one pick.
            <button
              type="button"
              class="ex-button scan-folder"
              onClick={() => {
                input.current?.setAttribute('webkitdirectory', '');
                input.current?.click();
              }}
            >
              {folderText}
            </button>
          )}
          <p class="ex-hint">{t.dropHint}</p>
          <div class="ex-read">
            <Window8bitField id={id} t={t} lang={lang ?? 'en'} value={readOptions.window8bit} onChange={(w) => set({ window8bit: w })} />
            <label for={`${id}-o`}>{t.huOffset16}</label>
            <input
              id={`${id}-o`}
              type="number"
              step={1}
              value={readOptions.huOffset16}
              onChange={(e) => {
                const v = Number(e.currentTarget.value);
                if (Number.isFinite(v)) set({ huOffset16: v });
              }}
            />
            {frameCount !== undefined && frameCount > 1 && (
              <>
                <label for={`${id}-fr`}>{t.frame}</label>
                <input
                  id={`${id}-fr`}
                  type="number"
                  min={1}
                  max={frameCount}
                  step={1}
                  value={(readOptions.frame ?? Math.floor(frameCount / 2)) + 1}
                  onChange={(e) => {
                    const v = Math.round(Number(e.currentTarget.value));
                    if (v >= 1 && v <= frameCount) set({ frame: v - 1 });
                  }}
                />
              </>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
