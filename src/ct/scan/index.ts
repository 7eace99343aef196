/**
 * A list of files → the series of a whole scan, each in anatomical order, with every odd thing said by
 * file name. Pure compute (no tfjs, no DOM); pixels are decoded later, per series (decode.ts).
 *
 * - Grouped by Series Instance UID (PNG/JPEG images form one stack of their own); the largest series
 *   is the one shown first, and a note says so when there are several.
 * - Ordered along the normal of Image Orientation (Patient) by Image Position (Patient), ties by
 *   Instance Number, then file name (then frame); without positions by Instance Number; otherwise,
 *   and always for PNG/JPEG, by file name in natural order ("IM2" before "IM10"), with a note.
 * - Reported: duplicated positions, gaps in spacing, slices tilted differently, files with no position,
 *   series above the slice limit (listed, never decoded), and every skipped file (files.ts).
 */
import { readCandidates, scanNote, type Candidate } from './files';
import type { ScanIndex, ScanInputFile, ScanNote, ScanSeries, SliceOrder, SliceRef } from './types';

export * from './types';
export { fileIssue, isZip, scanNote } from './files';
export { decodeScanSlice, decodeSeries, sizeNotes, scanSliceToCtSlice } from './decode';

/** Default slice limit per series: 600 slices of 512² int16 are 300 MB of HU, the most a page should hold. */
export const DEFAULT_MAX_SLICES = 600;

/** Positions closer than this (mm) are the same position. */
const SAME_POSITION_MM = 0.01;
/** A step more than this many times the usual spacing is a gap. */
const GAP_FACTOR = 1.5;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural file-name order ("IM2" before "IM10"), then plain code-unit order so the result is total. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** Unit normal of the slice plane (row × column cosines), turned so its largest component is positive. */
export function sliceNormal(iop: readonly number[]): [number, number, number] | null {
  if (iop.length !== 6) return null;
  const [r0, r1, r2, c0, c1, c2] = iop as [number, number, number, number, number, number];
  const n: [number, number, number] = [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0];
  const len = Math.hypot(...n);
  if (!(len > 1e-6)) return null;
  const big = n.reduce((best, v, i) => (Math.abs(v) > Math.abs(n[best] as number) ? i : best), 0);
  const sign = (n[big] as number) < 0 ? -1 : 1;
  return n.map((v) => (sign * v) / len) as [number, number, number];
}

const planeOf = (n: readonly number[]): string => ['sagittal', 'coronal', 'axial'][n.reduce((b, v, i) => (Math.abs(v) > Math.abs(n[b] as number) ? i : b), 0)] as string;

const frameOf = (c: SliceRef): number => c.frame?.index ?? 0;

/** The most common orientation of a series (cosines rounded to 1e-3), and the slices that differ from it. */
function commonOrientation(slices: readonly Candidate[]): { iop: readonly number[] | null; odd: Candidate[] } {
  const key = (c: Candidate): string => (c.iop ? c.iop.map((v) => v.toFixed(3)).join('\\') : '');
  const counts = new Map<string, number>();
  for (const c of slices) if (c.iop) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
  let best = '';
  for (const [k, n] of counts) if (n > (counts.get(best) ?? 0)) best = k;
  if (!best) return { iop: null, odd: [] };
  return { iop: best.split('\\').map(Number), odd: slices.filter((c) => c.iop && key(c) !== best) };
}

/** Order one group of candidates and describe the order, duplicates and gaps. */
function orderSeries(key: string, group: readonly Candidate[]): ScanSeries {
  const first = group[0] as Candidate;
  const kind = first.format === 'dicom' ? 'dicom' : 'raster';
  const notes: ScanNote[] = [];
  const byName = (a: SliceRef, b: SliceRef): number => compareNames(a.file, b.file) || frameOf(a) - frameOf(b);
  const byInstance = (a: SliceRef, b: SliceRef): number => (a.instance ?? 0) - (b.instance ?? 0) || byName(a, b);
  const { iop, odd } = commonOrientation(group);
  const normal = iop ? sliceNormal(iop) : null;
  const positioned = normal !== null && group.every((c) => c.ipp);

  let order: SliceOrder;
  let slices: SliceRef[];
  let spacingMm: number | undefined;
  if (kind === 'dicom' && positioned && normal) {
    order = 'position';
    const at = (c: Candidate): number => round((c.ipp ?? [0, 0, 0]).reduce((s: number, v: number, i: number) => s + v * (normal[i] as number), 0), 4);
    slices = group.map((c) => ({ ...c, positionMm: at(c) })).sort((a, b) => (a.positionMm as number) - (b.positionMm as number) || byInstance(a, b));
    notes.push(scanNote('order-position', { plane: planeOf(normal) }));
    if (odd.length > 0) notes.push(scanNote('mixed-orientation', { count: odd.length }, odd.map((c) => c.file)));
    const geometry = spacingNotes(slices);
    spacingMm = geometry.spacingMm;
    notes.push(...geometry.notes);
  } else if (kind === 'dicom' && group.every((c) => c.instance !== undefined)) {
    order = 'instance';
    slices = [...group].sort(byInstance);
    const missing = group.filter((c) => !c.ipp);
    notes.push(scanNote('order-instance'));
    if (missing.length > 0 && missing.length < group.length) notes.push(scanNote('no-position', { count: missing.length }, missing.map((c) => c.file)));
  } else {
    order = 'name';
    slices = [...group].sort(byName);
    if (group.length > 1) notes.push(scanNote('order-name', { why: kind === 'raster' ? 'raster' : 'no-position' }));
  }
  // Keep only the slice facts (the series facts live on the series).
  const plain = slices.map(({ seriesUid: _u, seriesNumber: _n, seriesDescription: _d, modality: _m, ...ref }: SliceRef & Partial<Candidate>) => ref);
  return {
    key,
    uid: first.seriesUid,
    ...(first.seriesNumber !== undefined ? { number: first.seriesNumber } : {}),
    ...(first.seriesDescription ? { description: first.seriesDescription } : {}),
    ...(first.modality ? { modality: first.modality } : {}),
    kind,
    order,
    ...(order === 'position' && normal ? { normal } : {}),
    ...(spacingMm !== undefined ? { spacingMm } : {}),
    slices: plain,
    notes,
  };
}

/** Usual spacing (median step between distinct positions), duplicated positions and gaps, by file. */
export function spacingNotes(slices: readonly SliceRef[]): { spacingMm?: number; notes: ScanNote[] } {
  const notes: ScanNote[] = [];
  const pos = slices.map((s) => s.positionMm as number);
  // Runs of equal positions.
  for (let i = 0; i < pos.length; ) {
    let j = i + 1;
    while (j < pos.length && (pos[j] as number) - (pos[i] as number) < SAME_POSITION_MM) j++;
    if (j - i > 1) notes.push(scanNote('duplicate-position', { count: j - i, position: round(pos[i] as number) }, slices.slice(i, j).map((s) => s.file)));
    i = j;
  }
  const steps: { step: number; from: number }[] = [];
  for (let i = 1; i < pos.length; i++) {
    const step = (pos[i] as number) - (pos[i - 1] as number);
    if (step >= SAME_POSITION_MM) steps.push({ step, from: i - 1 });
  }
  if (steps.length === 0) return { notes };
  const sorted = steps.map((s) => s.step).sort((a, b) => a - b);
  const spacing = sorted[Math.floor((sorted.length - 1) / 2)] as number;
  if (steps.length >= 2) {
    for (const s of steps) {
      if (s.step > GAP_FACTOR * spacing) {
        notes.push(scanNote('gap', { gap: round(s.step), spacing: round(spacing) }, [slices[s.from]?.file as string, slices[s.from + 1]?.file as string]));
      }
    }
  }
  return { spacingMm: round(spacing, 4), notes };
}

/**
 * Index a list of files as a scan: open ZIPs, read headers, group into series, order each.
 * @param files names and bytes (bytes are referenced by the result, not copied)
 * @param opts `maxSlices` (default DEFAULT_MAX_SLICES): a series with more is listed but refused
 * @returns series largest first, which one to show, skipped files and notes; pixels are not decoded
 */
export function indexScan(files: readonly ScanInputFile[], opts: { maxSlices?: number } = {}): ScanIndex {
  const maxSlices = opts.maxSlices ?? DEFAULT_MAX_SLICES;
  const { candidates, skipped, fileCount } = readCandidates(files);
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = c.format !== 'dicom' ? 'images' : (c.seriesUid ?? 'no-uid');
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  const series = [...groups].map(([key, group]) => {
    const s = orderSeries(key, group);
    return s.slices.length > maxSlices ? { ...s, refused: scanNote('too-many-slices', { count: s.slices.length, limit: maxSlices }) } : s;
  });
  series.sort((a, b) => b.slices.length - a.slices.length || (a.number ?? Infinity) - (b.number ?? Infinity) || compareNames(a.key, b.key));
  const chosen = series.findIndex((s) => !s.refused);
  const notes: ScanNote[] = [];
  if (series.length > 1 && chosen >= 0) notes.push(scanNote('several-series', { count: series.length, slices: series[chosen]?.slices.length ?? 0 }));
  if (chosen < 0) notes.push(scanNote('nothing-to-load'));
  return { series, chosen, skipped, notes, fileCount, maxSlices };
}
