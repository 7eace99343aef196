/** A one-sentence description of where a map peaks, for screen readers and the caption. */
import { SUBTYPES } from '../phantom/bleeds';
import type { ExplorerStrings } from './strings';

/**
 * @param peak the peak pixel (column x, row y) and its magnitude (from mapStats)
 * @param size the map's side in pixels (square)
 * @param masks phantom mask bytes (bit k = SUBTYPES[k]) on the same grid, or null for uploaded slices
 * @param labelNames display names in LABELS order (index k+1 for SUBTYPES[k])
 */
export function peakText(
  peak: { readonly x: number; readonly y: number; readonly value: number },
  size: number,
  masks: Uint8Array | null,
  t: ExplorerStrings,
): string {
  if (!(peak.value > 0)) return t.flatMap;
  const third = (v: number): number => Math.min(2, Math.floor((v / size) * 3));
  const where = t.where(third(peak.y), third(peak.x));
  if (masks === null) return t.peak(where, '');
  const bits = masks[peak.y * size + peak.x] ?? 0;
  const names = SUBTYPES.map((_, k) => k).filter((k) => (bits >> k) & 1).map((k) => t.labels[k + 1] ?? '');
  const anyMask = masks.some((b) => b !== 0);
  return t.peak(where, names.length > 0 ? t.insideMask(names.join(' + ')) : anyMask ? t.outsideMask : '');
}
