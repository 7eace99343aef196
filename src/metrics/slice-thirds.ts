/**
 * Figures by level in the head, for sets of whole scans: each slice's rank among its scan's slices
 * (ordered by slice number, bottom of the scan first) puts it in the lower, middle or upper third,
 * third = floor(3 · rank / count). With 10 slices: ranks 0-3 lower, 4-6 middle, 7-9 upper. The lower
 * third holds the skull base and posterior fossa, where beam hardening and bone mimic blood.
 */
import { aucFigures, type AucFigures } from './class-figures';

export const THIRDS = ['lower', 'middle', 'upper'] as const;
export type Third = (typeof THIRDS)[number];

/** One slice: its scan, its slice number (larger = higher in the head), label and probability. */
export interface LevelSlice {
  readonly scan: string;
  readonly slice: number;
  readonly label: number;
  readonly probability: number;
}

/**
 * @returns the third of each row (same order); ties in slice number keep input order
 * @throws Error on a slice number that is not finite
 */
export function sliceThirds(rows: readonly Pick<LevelSlice, 'scan' | 'slice'>[]): Third[] {
  const byScan = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (!Number.isFinite(r.slice)) throw new Error(`sliceThirds: slice number "${r.slice}" of scan ${r.scan}`);
    const list = byScan.get(r.scan) ?? [];
    list.push(i);
    byScan.set(r.scan, list);
  });
  const out = new Array<Third>(rows.length);
  for (const idx of byScan.values()) {
    const sorted = [...idx].sort((a, b) => (rows[a] as LevelSlice).slice - (rows[b] as LevelSlice).slice || a - b);
    sorted.forEach((i, rank) => {
      out[i] = THIRDS[Math.floor((3 * rank) / sorted.length)] as Third;
    });
  }
  return out;
}

/**
 * ROC AUC (`any`) with its interval by scan, and the operating point (specificity above all) at the UI
 * threshold, within each third.
 */
export function thirdsFigures(rows: readonly LevelSlice[], threshold: number | undefined, boot = 2000): Record<Third, AucFigures> {
  const third = sliceThirds(rows);
  const pick = (t: Third): AucFigures => {
    const idx = rows.flatMap((_, i) => (third[i] === t ? [i] : []));
    const at = (i: number): LevelSlice => rows[i] as LevelSlice;
    return aucFigures(idx.map((i) => at(i).label), idx.map((i) => at(i).probability), idx.map((i) => at(i).scan), threshold, boot);
  };
  return { lower: pick('lower'), middle: pick('middle'), upper: pick('upper') };
}
