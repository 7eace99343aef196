/** What the worker reads from a model.json's `meta`: decision thresholds and a one-line version. */
import { LABELS } from '../model/arch';

/** Per-label thresholds from `meta.thresholds` ({ label: number }), else 0.5. */
export function thresholdsFrom(meta: Record<string, unknown>): number[] {
  const t = meta['thresholds'];
  const table = typeof t === 'object' && t !== null ? (t as Record<string, unknown>) : {};
  return LABELS.map((l) => {
    const v = table[l];
    return typeof v === 'number' && v > 0 && v < 1 ? v : 0.5;
  });
}

/** Trained weights in one line: "ResNet34, trained 2026-11-29 (config real, uint8-channel, sha256 083eb98dd59d)". */
export function versionLine(meta: Record<string, unknown>): string {
  const str = (k: string): string | null => (typeof meta[k] === 'string' ? (meta[k] as string) : null);
  const details = [str('config') && `config ${str('config')}`, str('dtype'), str('sha256') && `sha256 ${str('sha256')?.slice(0, 12)}`].filter((x) => x);
  return `ResNet34, trained ${str('date') ?? '(undated)'}${details.length ? ` (${details.join(', ')})` : ''}`;
}
