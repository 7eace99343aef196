/**
 * Decode the slices of one series with the project's decoders (src/ct/decode.ts) and keep them compactly:
 * HU as int16 (a CT number is an integer; rescaled values are rounded to the nearest HU).
 */
import { decodeSlice } from '../decode';
import { SliceError, type CtSlice, type DecodeOptions } from '../slice';
import { fileIssue, scanNote } from './files';
import type { DecodedSeries, ScanFileIssue, ScanNote, ScanSeries, ScanSlice, SliceRef } from './types';

/** Float HU → int16, rounded and clamped. */
function toInt16(hu: Float32Array): Int16Array {
  const out = new Int16Array(hu.length);
  for (let i = 0; i < hu.length; i++) {
    const v = Math.round(hu[i] as number);
    out[i] = v < -32768 ? -32768 : v > 32767 ? 32767 : v;
  }
  return out;
}

/**
 * Decode one slice of a series.
 * @param opts the decoders' options (window of 8-bit images, 16-bit PNG offset); the frame comes from `ref`
 * @throws SliceError from the decoder
 */
export async function decodeScanSlice(ref: SliceRef, opts: Omit<DecodeOptions, 'frame'> = {}): Promise<ScanSlice> {
  const slice = await decodeSlice(ref.bytes, { ...opts, ...(ref.frame ? { frame: ref.frame.index } : {}) });
  const { bytes: _bytes, ...plain } = ref;
  return {
    ref: plain,
    hu: toInt16(slice.hu),
    width: slice.width,
    height: slice.height,
    source: slice.source,
    ...(slice.pixelSpacing ? { pixelSpacing: slice.pixelSpacing } : {}),
    ...(slice.windowUsed ? { windowUsed: slice.windowUsed } : {}),
    ...(slice.windowEstimated !== undefined ? { windowEstimated: slice.windowEstimated } : {}),
    warnings: slice.warnings ?? [],
  };
}

/** A decoded slice as the decoders' CtSlice (float32 HU), for sliceToModel and the views. */
export function scanSliceToCtSlice(s: ScanSlice): CtSlice {
  return {
    hu: Float32Array.from(s.hu),
    width: s.width,
    height: s.height,
    source: s.source,
    ...(s.pixelSpacing ? { pixelSpacing: s.pixelSpacing } : {}),
    ...(s.windowUsed ? { windowUsed: s.windowUsed } : {}),
    ...(s.windowEstimated !== undefined ? { windowEstimated: s.windowEstimated } : {}),
    ...(s.ref.frame ? { frame: s.ref.frame } : {}),
    warnings: s.warnings,
  };
}

/** `mixed-sizes` when decoded slices differ in size: the slices not of the most common size, by file. */
export function sizeNotes(slices: readonly { readonly file: string; readonly width: number; readonly height: number }[]): ScanNote[] {
  const size = (s: { width: number; height: number }): string => `${s.width}x${s.height}`;
  const counts = new Map<string, number>();
  for (const s of slices) counts.set(size(s), (counts.get(size(s)) ?? 0) + 1);
  if (counts.size < 2) return [];
  const common = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
  const odd = slices.filter((s) => size(s) !== common);
  const sizes = [...new Set(odd.map(size))].join(', ');
  return [scanNote('mixed-sizes', { count: odd.length, size: common, sizes }, [...new Set(odd.map((s) => s.file))])];
}

/**
 * Decode every slice of a series in order. A slice that fails is reported in `failed` by name and the
 * rest go on; a refused series (above the slice limit) decodes nothing.
 * @param onSlice called after each slice (for progress), with the count done and the total
 * @param signal stops between slices when aborted (the slices so far are returned)
 */
export async function decodeSeries(
  series: ScanSeries,
  opts: Omit<DecodeOptions, 'frame'> & { onSlice?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<DecodedSeries> {
  if (series.refused) return { series, slices: [], failed: [], notes: [...series.notes, series.refused] };
  const { onSlice, signal, ...decodeOpts } = opts;
  const slices: ScanSlice[] = [];
  const failed: ScanFileIssue[] = [];
  for (const [i, ref] of series.slices.entries()) {
    if (signal?.aborted) break;
    try {
      slices.push(await decodeScanSlice(ref, decodeOpts));
    } catch (e) {
      if (!(e instanceof SliceError)) throw e;
      const name = ref.frame ? `${ref.file} (frame ${ref.frame.index})` : ref.file;
      failed.push(fileIssue(name, 'decode-failed', { code: e.code, message: e.message }));
    }
    onSlice?.(i + 1, series.slices.length);
  }
  const notes = [...series.notes, ...sizeNotes(slices.map((s) => ({ file: s.ref.file, width: s.width, height: s.height })))];
  return { series, slices, failed, notes };
}
