/** The key to the ground-truth outlines: each subtype present in the slice's masks, in its colour; the explained label's marked. */
import { SUBTYPES } from '../phantom/bleeds';
import { subtypeColour } from './compose';
import type { ExplorerStrings } from './strings';

export interface OutlineKeyProps {
  readonly t: ExplorerStrings;
  /** The slice's mask bytes (bit k = SUBTYPES[k]). */
  readonly masks: Uint8Array;
  /** Emphasised subtypes (bits), those of the label being explained. */
  readonly emphasis: number;
}

/** Mask bits present anywhere in `masks`. */
export function presentBits(masks: Uint8Array): number {
  let present = 0;
  for (const b of masks) present |= b;
  return present;
}

export function OutlineKey({ t, masks, emphasis }: OutlineKeyProps) {
  const present = presentBits(masks);
  const ks = SUBTYPES.map((_, k) => k).filter((k) => (present >> k) & 1);
  return (
    <div class="ex-outline-key" data-subtypes={ks.map((k) => SUBTYPES[k]).join(',')}>
      <span class="ex-outline-title">{t.outlineKey}</span>
      {ks.length === 0 ? (
        <span> {t.outlineNone}</span>
      ) : (
        <ul>
          {ks.map((k) => {
            const strong = ((emphasis >> k) & 1) === 1;
            return (
              <li key={k} data-subtype={SUBTYPES[k]} data-emphasis={String(strong)} class={strong ? 'ex-outline-strong' : ''}>
                <svg width="22" height="12" aria-hidden="true">
                  <line x1="1" x2="21" y1="6" y2="6" stroke={subtypeColour(k)} stroke-width={strong ? 4 : 2} stroke-dasharray={strong ? undefined : '4 2'} />
                </svg>
                {t.labels[k + 1]}
                {strong && <> ({t.outlineExplained})</>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
