/**
 * The plain data of a whole scan as loaded from many files (src/ct/scan/): what came in, which series
 * were found, the slices of each in anatomical order, and what was odd, each by file name.
 * No tfjs, no DOM: shared by the CLI and the site.
 */
import type { MessageParams, SliceSource, SliceWarning } from '../slice';
import type { Window } from '../window';
import type { ScanFileCode, ScanNoteCode } from '../../i18n/scan-messages';

export type { ScanFileCode, ScanNoteCode } from '../../i18n/scan-messages';

/** One input: a name (a path, or a folder-relative name in the browser) and its bytes (not copied, not changed). */
export interface ScanInputFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A file that is not a slice of any series, with why (English `message`; views translate by `code`). */
export interface ScanFileIssue {
  /** The file's name; a file inside a ZIP is `archive.zip/inner/path`. */
  readonly file: string;
  readonly code: ScanFileCode;
  readonly params: MessageParams;
  readonly message: string;
}

/** Something about a series or the whole load, naming the files it is about (may be empty). */
export interface ScanNote {
  readonly code: ScanNoteCode;
  readonly params: MessageParams;
  readonly files: readonly string[];
  readonly message: string;
}

/** One slice of a series before decoding: where its pixels are and where it sits. */
export interface SliceRef {
  /** The file's name (see ScanFileIssue.file). */
  readonly file: string;
  /** The file's bytes (shared with the input; a ZIP entry's own bytes). */
  readonly bytes: Uint8Array;
  readonly format: 'dicom' | 'png' | 'jpeg';
  /** For a multi-frame DICOM: this frame (0-based) and the file's frame count. */
  readonly frame?: { readonly index: number; readonly count: number };
  /** Image Position (Patient) (0020,0032), mm, LPS; absent when the file has none. */
  readonly ipp?: readonly [number, number, number];
  /** Image Orientation (Patient) (0020,0037), six direction cosines; absent when the file has none. */
  readonly iop?: readonly number[];
  /** Instance Number (0020,0013). */
  readonly instance?: number;
  /** Rows × columns from the DICOM header (absent for PNG/JPEG until decoded). */
  readonly rows?: number;
  readonly columns?: number;
  /** Position along the series normal, mm (ascending = base to vertex for axial); set once ordered. */
  readonly positionMm?: number;
}

/** How a series' slices were put in order. */
export type SliceOrder = 'position' | 'instance' | 'name';

/** One series: its slices in anatomical order, and what was odd about it. */
export interface ScanSeries {
  /** Stable within one load: the Series Instance UID, `no-uid`, or `images` for a PNG/JPEG stack. */
  readonly key: string;
  readonly uid: string | null;
  readonly number?: number;
  readonly description?: string;
  readonly modality?: string;
  readonly kind: 'dicom' | 'raster';
  readonly order: SliceOrder;
  /** The unit normal positions are measured along (LPS), when ordered by position. */
  readonly normal?: readonly [number, number, number];
  /** Median distance between neighbouring distinct positions, mm. */
  readonly spacingMm?: number;
  readonly slices: readonly SliceRef[];
  /** Order, duplicates, gaps, mixed orientation; mixed sizes are added once decoded (decodeSeries). */
  readonly notes: readonly ScanNote[];
  /** Set when the series has more slices than the limit: it is listed, never decoded. */
  readonly refused?: ScanNote;
}

/** What `indexScan` found in a list of files. Every input file is in a series or in `skipped`. */
export interface ScanIndex {
  /** Largest first (then by Series Number, then UID). */
  readonly series: readonly ScanSeries[];
  /** Index into `series` of the one to show first (the largest not refused), -1 when none can load. */
  readonly chosen: number;
  readonly skipped: readonly ScanFileIssue[];
  /** About the load as a whole (several series, nothing to load). */
  readonly notes: readonly ScanNote[];
  /** How many files were read, counting each file inside a ZIP (not the ZIP itself). */
  readonly fileCount: number;
  /** The slice limit per series that applied. */
  readonly maxSlices: number;
}

/** One decoded slice: HU kept compactly as int16 (rounded to the nearest HU, clamped to int16). */
export interface ScanSlice {
  readonly ref: Omit<SliceRef, 'bytes'>;
  /** HU, row-major, width×height, int16, display orientation (anterior up, patient's right on the left). */
  readonly hu: Int16Array;
  readonly width: number;
  readonly height: number;
  readonly source: SliceSource;
  readonly pixelSpacing?: readonly [number, number];
  readonly windowUsed?: Window;
  readonly windowEstimated?: boolean;
  readonly warnings: readonly SliceWarning[];
}

/** A decoded series: its slices in order (those that decoded), and the files that failed, by name. */
export interface DecodedSeries {
  readonly series: ScanSeries;
  readonly slices: readonly ScanSlice[];
  readonly failed: readonly ScanFileIssue[];
  /** The series' notes plus `mixed-sizes` when the decoded sizes differ. */
  readonly notes: readonly ScanNote[];
}
