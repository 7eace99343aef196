/**
 * Where the explorer's slices come from, on the main thread (no tfjs): a seeded phantom, or a file the
 * reader picked, decoded in the page (its bytes never leave it). Both end on the model grid.
 */
import { MODEL_SIZE, type Window } from '../ct/window';
import { generatePhantom } from '../phantom/generate';

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
}

/** A phantom generated at the model size (30-350 ms here). */
export function phantomSlice(seed: number): Slice {
  const p = generatePhantom(seed, { size: MODEL_SIZE });
  return { key: `phantom:${seed}`, hu: Float32Array.from(p.hu), masks: p.masks, labels: p.labels, seed, fileName: null };
}

/** Largest file the page accepts, in MB (a CT slice is well under 1 MB). */
export const MAX_FILE_MB = 64;
let fileCount = 0;

/**
 * Decode a file's bytes (DICOM, PNG, JPEG) and resize to the model grid.
 * @throws SliceError (from decodeSlice) with a one-line message
 */
export async function fileSlice(name: string, bytes: Uint8Array, window8bit: Window): Promise<Slice> {
  // The decoders load only when a reader first opens a file.
  const [{ decodeSlice }, { resizeToModel }] = await Promise.all([import('../ct/decode'), import('../ct/resize')]);
  const s = decodeSlice(bytes, { window8bit });
  const hu = resizeToModel(s, MODEL_SIZE);
  return { key: `file:${++fileCount}:${name}`, hu, masks: null, labels: null, seed: null, fileName: name };
}
