/**
 * What the map explains: the method (radio buttons, where the reader may switch) and the label. Beside the
 * map and above the scores, so that the three fit on one screen (#23 item 2).
 */
import { useId } from 'preact/hooks';
import { LABELS } from '../model/arch';
import { METHOD_NAMES } from '../explain/method';
import type { ExplorerStrings } from './strings';
import type { ViewState } from './view-state';

export interface MethodChoiceProps {
  readonly t: ExplorerStrings;
  readonly state: ViewState;
  readonly update: (patch: Partial<ViewState>) => void;
  /** Offer the method switch (the main instance, one map at a time). */
  readonly methods: boolean;
}

export function MethodChoice({ t, state, update, methods }: MethodChoiceProps) {
  const id = useId();
  return (
    <div class="ex-choose">
      {methods && !state.grid && (
        <fieldset class="ex-methods">
          <legend>{t.method}</legend>
          {METHOD_NAMES.map((m) => (
            <label key={m} class="ex-radio">
              <input type="radio" name={`${id}-m`} value={m} checked={state.method === m} onChange={() => update({ method: m })} />
              {t.methods[m]}
            </label>
          ))}
        </fieldset>
      )}
      <div class="ex-field">
        <label for={`${id}-l`}>{t.label}</label>
        <select id={`${id}-l`} value={String(state.label)} onChange={(e) => update({ label: Number(e.currentTarget.value) })}>
          {LABELS.map((_, i) => (
            <option value={String(i)} key={i}>
              {t.labels[i]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
