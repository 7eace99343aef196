/**
 * Where the explorer's slices come from, on the main thread (no tfjs): a seeded phantom, or a file the
 * reader picked, decoded in the page (its bytes never leave it). Both end on the model grid.
 */
import { MODEL_SIZE, type Window } from '../ct/window';
import type { CtSlice, SliceWarning } from '../ct/slice';
import { cropToHead, cropMasksToGrid, sliceToModel, squareSize } from '../ct/head-crop';
import { generatePhantom, labelsFromMasks } from '../phantom/generate';
import { parseRealSample, realSample, realSampleFile, REAL_SAMPLE_SIZE } from '../phantom/real-samples';

/** One slice on the model grid. */
export interface Slice {
  /** Names the slice for the worker and the map cache: `phantom:<seed>` or `file:<n>:<name>`. */
  readonly key: string;
  /** HU, MODEL_SIZE² row-major float32. */
  readonly hu: Float32Array;
  /** Phantom masks on the same grid (bit k = SUBTYPES[k]), null for files. */
  readonly masks: Uint8Array | null;
  /** Phantom labels (LABELS order) or null. */
  readonly labels: readonly number[] | null;
  readonly seed: number | null;
  readonly fileName: string | null;
  /** For a file: how it was read (format, window of an 8-bit image, frame) and what looked wrong. */
  readonly file?: FileFacts;
  /** A slice of the built-in whole scan: `fileName` is its name as shown, not a file of the reader's. */
  readonly builtIn?: true;
}

/** What the reader is told about a file they loaded. */
export interface FileFacts {
  readonly source: CtSlice['source'];
  /** Decoded size in pixels, [width, height], as displayed (after EXIF or DICOM orientation). */
  readonly size: readonly [number, number];
  /** Size after resampling to square physical pixels (equal to `size` without Pixel Spacing). */
  readonly squareSize: readonly [number, number];
  /** Lowest and highest HU decoded. */
  readonly huRange: readonly [number, number];
  readonly windowUsed?: Window;
  readonly windowEstimated?: boolean;
  readonly frame?: { readonly index: number; readonly count: number };
  readonly warnings: readonly SliceWarning[];
}

/** How the reader asked files to be read (the picker's settings), passed to decodeSlice. */
export interface FileReadOptions {
  /** Window of an 8-bit image, or 'auto' to estimate it from the histogram. */
  readonly window8bit: Window | 'auto';
  /** HU = stored + offset for a 16-bit greyscale PNG. */
  readonly huOffset16: number;
  /** Frame of a multi-frame DICOM (0-based), or undefined for the middle one. */
  readonly frame?: number | undefined;
}

export const DEFAULT_READ_OPTIONS: FileReadOptions = { window8bit: 'auto', huOffset16: -1024 };

/** A phantom generated at the model size (30-350 ms here), cropped to its head like every input. */
export function phantomSlice(seed: number): Slice {
  const p = generatePhantom(seed, { size: MODEL_SIZE });
  const g = onModelGrid(Float32Array.from(p.hu), p.masks, MODEL_SIZE);
  return { key: `phantom:${seed}`, hu: g.hu, masks: g.masks, labels: p.labels, seed, fileName: null };
}

/** Crop a square HU slice and its mask bits to the head, as every model input is. */
function onModelGrid(hu: Float32Array, masks: Uint8Array, size: number): { hu: Float32Array; masks: Uint8Array } {
  const g = cropToHead(hu, size, size);
  return { hu: g.hu, masks: g.box ? cropMasksToGrid(masks, size, size, g.box) : masks };
}

/**
 * A slice by seed: a built-in real-background sample (fetched from public/samples/real-background/,
 * about 150 kB) when the seed is one of REAL_SAMPLES, else a phantom.
 * @throws Error when a real sample's file cannot be fetched or has the wrong length
 */
export async function seedSlice(seed: number): Promise<Slice> {
  const real = realSample(seed);
  if (!real) return phantomSlice(seed);
  const url = new URL(`${import.meta.env.BASE_URL}samples/real-background/${realSampleFile(real)}`, location.href);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.pathname}: HTTP ${res.status}`);
  const s = parseRealSample(new Uint8Array(await res.arrayBuffer()));
  const g = onModelGrid(Float32Array.from(s.hu), s.masks, REAL_SAMPLE_SIZE);
  return { key: `real:${seed}`, hu: g.hu, masks: g.masks, labels: labelsFromMasks(s.masks), seed, fileName: null };
}

/** Largest file the page accepts, in MB (a CT slice is well under 1 MB). */
export const MAX_FILE_MB = 64;
let fileCount = 0;

/**
 * Decode a file's bytes (DICOM, PNG, JPEG), make its pixels square, crop to the head and resample to the
 * model grid. Called again with new options when the reader changes how the file on show is read.
 * @throws SliceError (from decodeSlice) with a code, parameters and an English one-line message
 */
export async function fileSlice(name: string, bytes: Uint8Array, opts: FileReadOptions): Promise<Slice> {
  // The decoders load only when a reader first opens a file; the codecs only for a compressed DICOM.
  const { decodeSlice } = await import('../ct/decode');
  const { MIN_SLICE_SIDE } = await import('../ct/slice');
  const read = { window8bit: opts.window8bit, huOffset16: opts.huOffset16, minSide: MIN_SLICE_SIDE };
  const s = await decodeSlice(bytes, { ...read, ...(opts.frame !== undefined ? { frame: opts.frame } : {}) });
  const hu = sliceToModel(s, MODEL_SIZE).hu;
  const sq = squareSize(s);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of s.hu) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const file: FileFacts = {
    source: s.source,
    size: [s.width, s.height],
    squareSize: [sq.width, sq.height],
    huRange: [lo, hi],
    warnings: s.warnings ?? [],
    ...(s.windowUsed ? { windowUsed: s.windowUsed } : {}),
    ...(s.windowEstimated !== undefined ? { windowEstimated: s.windowEstimated } : {}),
    ...(s.frame ? { frame: s.frame } : {}),
  };
  return { key: `file:${++fileCount}:${name}`, hu, masks: null, labels: null, seed: null, fileName: name, file };
}
