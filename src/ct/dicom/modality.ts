/**
 * Stored values → Hounsfield units by the standard's chain (PS3.3 C.7.6.3 Image Pixel, C.11.1 Modality
 * LUT, C.7.5.1.1.2 Pixel Padding): keep the low Bits Stored bits (higher bits may hold overlays),
 * sign-extend when Pixel Representation is 1, mark Pixel Padding Value (to its Range Limit) as outside
 * the patient, then apply the Modality LUT Sequence or Rescale Slope/Intercept — at the top level or in
 * the functional groups of an enhanced image.
 */
import type { DataSet } from 'dicom-parser';
import { decimalWarning, findIn, readDecimals, scopes } from './attributes';
import type { StoredValues } from './stored';
import type { SliceWarning } from '../slice';

/** HU given to padding pixels: the lowest CT number, i.e. air outside the reconstruction circle. */
export const PADDING_HU = -1024;

/** A Modality LUT (C.11.1.1): `data[x - first]` for stored x, clamped at both ends. */
interface LookupTable {
  readonly first: number;
  readonly data: Uint16Array;
}

/** Everything the chain needs, read once from the data set. */
export interface ModalityChain {
  readonly bitsStored: number;
  readonly signed: boolean;
  readonly slope: number;
  readonly intercept: number;
  readonly lut: LookupTable | null;
  /** Inclusive range of stored values that are padding, or null. */
  readonly padding: readonly [number, number] | null;
  /** A Rescale Slope or Intercept read leniently, or unreadable and replaced by 1 or 0 (by name). */
  readonly warnings: readonly SliceWarning[];
}

function readLut(ds: DataSet, signed: boolean): LookupTable | null {
  const item = ds.elements['x00283000']?.items?.[0]?.dataSet;
  const data = item?.elements['x00283006'];
  if (!item || !data) return null;
  const entries = item.uint16('x00283002', 0) || 65536; // 0 means 2^16 (C.11.1.1.1)
  const first = signed ? (item.int16('x00283002', 1) ?? 0) : (item.uint16('x00283002', 1) ?? 0);
  const values = new Uint16Array(Math.min(entries, data.length / 2));
  for (let i = 0; i < values.length; i++) values[i] = item.uint16('x00283006', i) ?? 0;
  return { first, data: values };
}

/** Read the chain for frame `frame` (0-based) of `ds`. */
export function modalityChain(ds: DataSet, frame: number, bitsAllocated: number): ModalityChain {
  const bitsStored = Math.min(ds.uint16('x00280101') ?? bitsAllocated, bitsAllocated);
  const signed = (ds.uint16('x00280103') ?? 0) === 1;
  const where = findIn(scopes(ds, frame, 'x00289145'), 'x00281052');
  const slopeRead = readDecimals(where, 'x00281053', 1);
  const interceptRead = readDecimals(where, 'x00281052', 1);
  const badSlope = slopeRead.values[0] === 0 ? { ...slopeRead, fault: 'unreadable' as const, values: [] } : slopeRead;
  const slope = badSlope.values[0] ?? 1;
  const intercept = interceptRead.values[0] ?? 0;
  const warnings = [decimalWarning('x00281053', badSlope, '1'), decimalWarning('x00281052', interceptRead, '0')].filter((w): w is SliceWarning => w !== null);
  // Pixel Padding Value has the VR of the pixels (US or SS): read it the way the pixels are read.
  const pad = (tag: string): number | undefined => (ds.elements[tag] ? (signed ? ds.int16(tag) : ds.uint16(tag)) : undefined);
  const lo = pad('x00280120');
  const hi = pad('x00280121') ?? lo;
  return {
    bitsStored,
    signed,
    slope: Number.isFinite(slope) && slope !== 0 ? slope : 1,
    intercept: Number.isFinite(intercept) ? intercept : 0,
    lut: readLut(ds, signed),
    padding: lo === undefined || hi === undefined ? null : [Math.min(lo, hi), Math.max(lo, hi)],
    warnings,
  };
}

/**
 * Apply the chain to one frame's stored values.
 * @returns HU (float32, same length) and how many pixels were padding
 */
export function storedToHu(raw: StoredValues, chain: ModalityChain, rawBits: number): { hu: Float32Array; padded: number } {
  const { bitsStored, signed, slope, intercept, lut, padding } = chain;
  // Arithmetic, not bitwise: JavaScript's & works on signed 32-bit numbers, and stored words reach 32 bits.
  const span = 2 ** bitsStored;
  const rawSpan = 2 ** rawBits;
  const hu = new Float32Array(raw.length);
  let padded = 0;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i] as number;
    let v = r % span;
    if (signed && v >= span / 2) v -= span;
    if (padding) {
      // Some writers put the padding value outside Bits Stored: compare the whole allocated word too.
      const whole = signed && r >= rawSpan / 2 ? r - rawSpan : r;
      if ((v >= padding[0] && v <= padding[1]) || (whole >= padding[0] && whole <= padding[1])) {
        hu[i] = PADDING_HU;
        padded++;
        continue;
      }
    }
    if (lut) {
      const k = Math.min(Math.max(v - lut.first, 0), lut.data.length - 1);
      hu[i] = lut.data[k] as number;
    } else {
      hu[i] = v * slope + intercept;
    }
  }
  return { hu, padded };
}
