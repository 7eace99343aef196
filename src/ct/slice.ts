/**
 * The common CT slice type every decoder returns, and the one error type they throw.
 * Browser- and Node-safe: no `node:` imports anywhere in src/ct (file reading belongs to the caller).
 */
import type { Window } from './window';

/** Where a slice came from. */
export type SliceSource = 'dicom' | 'png' | 'jpeg' | 'phantom';

/** One CT slice in Hounsfield units. */
export interface CtSlice {
  /** HU values, row-major, length width*height, float32 (about -1024..3071 for CT; air ≈ -1000). */
  readonly hu: Float32Array;
  readonly width: number;
  readonly height: number;
  readonly source: SliceSource;
  /** For 8-bit images (PNG/JPEG): the window that produced them, used to recover approximate HU. */
  readonly windowUsed?: Window;
  /** Millimetres between pixel centres, [row spacing, column spacing] as in DICOM (0028,0030). */
  readonly pixelSpacing?: readonly [number, number];
}

/** Why a file could not become a slice. */
export type SliceErrorCode =
  | 'empty'
  | 'unknown-format'
  | 'truncated'
  | 'compressed-dicom'
  | 'bit-depth'
  | 'too-large'
  | 'corrupt';

/** A decoding failure with a machine-readable `code` and a one-line human `message`. */
export class SliceError extends Error {
  override readonly name = 'SliceError';
  constructor(
    readonly code: SliceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Options shared by the decoders. */
export interface DecodeOptions {
  /** The window an 8-bit PNG/JPEG was exported with (default brain L40/W80). Ignored for DICOM. */
  readonly window8bit?: Window;
  /** Largest accepted width*height (default 4096*4096); checked from the header before decoding. */
  readonly maxPixels?: number;
}

/** Default for `DecodeOptions.maxPixels`. */
export const DEFAULT_MAX_PIXELS = 4096 * 4096;

/** Throw 'too-large' when width*height exceeds the limit. */
export function checkSize(width: number, height: number, opts: DecodeOptions, what: string): void {
  const max = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (width * height > max) {
    throw new SliceError(
      'too-large',
      `${what} is ${width}x${height} pixels, more than the limit of ${max} pixels; downsize it first`,
    );
  }
  if (!(width > 0 && height > 0)) throw new SliceError('corrupt', `${what} declares a size of ${width}x${height}`);
}
