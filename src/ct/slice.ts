/**
 * The common CT slice type every decoder returns, and the one error type they throw.
 * Browser- and Node-safe: no `node:` imports anywhere in src/ct (file reading belongs to the caller).
 */
import type { Window } from './window';
import { sliceErrorText, sliceWarningText, type MessageParams, type SliceErrorCode, type SliceWarningCode } from '../i18n/slice-messages';

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
  /** For 8-bit images: true when `windowUsed` was estimated from the histogram rather than given. */
  readonly windowEstimated?: boolean;
  /** For multi-frame DICOM: the frame decoded (0-based) and how many the file holds. */
  readonly frame?: { readonly index: number; readonly count: number };
  /** Odd things found while decoding (implausible HU, non-axial plane, ...); empty when none. */
  readonly warnings?: readonly SliceWarning[];
}

export type { SliceErrorCode, SliceWarningCode, MessageParams } from '../i18n/slice-messages';

/** A decoding failure with a machine-readable `code`, its `params`, and a one-line English `message`. */
export class SliceError extends Error {
  override readonly name = 'SliceError';
  constructor(
    readonly code: SliceErrorCode,
    readonly params: MessageParams = {},
  ) {
    super(sliceErrorText('en', code, params));
  }
}

/** Something odd about a slice that still decoded: a code, its parameters and the English text. */
export interface SliceWarning {
  readonly code: SliceWarningCode;
  readonly params: MessageParams;
  readonly message: string;
}

/** Build a warning (English `message` for the CLI; islands translate by code). */
export function sliceWarning(code: SliceWarningCode, params: MessageParams = {}): SliceWarning {
  return { code, params, message: sliceWarningText('en', code, params) };
}

/** Options shared by the decoders. */
export interface DecodeOptions {
  /**
   * The window an 8-bit PNG/JPEG was exported with, or 'auto' to estimate it from the histogram
   * (src/ct/window-estimate.ts). Default 'auto'. Ignored for DICOM and 16-bit PNG.
   */
  readonly window8bit?: Window | 'auto';
  /** HU = stored + offset for a 16-bit greyscale PNG (default −1024, the common "HU + 1024" export). */
  readonly huOffset16?: number;
  /** Frame of a multi-frame DICOM, 0-based (default: the middle one, floor(count / 2)). */
  readonly frame?: number;
  /** Largest accepted width*height (default 4096*4096); checked from the header before decoding. */
  readonly maxPixels?: number;
  /**
   * Smallest accepted width and height (default 1): the CLI and the site pass MIN_SLICE_SIDE, so a 1×1
   * or 20000×1 picture is refused ('too-small') from its header, before any pixel is decoded.
   */
  readonly minSide?: number;
}

/** The smallest side the CLI and the site accept (1×1, 20000×1 are refused; a 4×8 slice with 0.5 × 1.0 mm pixels is a square 4 mm block and still read). */
export const MIN_SLICE_SIDE = 4;

/** Default for `DecodeOptions.maxPixels`. */
export const DEFAULT_MAX_PIXELS = 4096 * 4096;

/** Throw 'too-large' when width*height exceeds the limit, 'too-small' when a side is below `minSide`. */
export function checkSize(width: number, height: number, opts: DecodeOptions, format: string): void {
  const max = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (width * height > max) {
    throw new SliceError('too-large', { format, width, height, max });
  }
  if (!(width > 0 && height > 0)) throw new SliceError('bad-size', { format, width, height });
  const min = opts.minSide ?? 1;
  if (width < min || height < min) throw new SliceError('too-small', { format, width, height, min });
}
