/**
 * Attributes that may sit at the top level of a data set or inside the functional groups of an
 * enhanced (multi-frame) image (PS3.3 C.7.6.16): the per-frame item wins over the shared one, which
 * wins over the top level.
 */
import type { DataSet } from 'dicom-parser';
import { sliceWarning, type SliceWarning } from '../slice';

const SHARED = 'x52009229';
const PER_FRAME = 'x52009230';

function firstItem(ds: DataSet | undefined, tag: string): DataSet | undefined {
  return ds?.elements[tag]?.items?.[0]?.dataSet;
}

/**
 * The data sets to look in for an attribute of macro `macroTag` (e.g. Pixel Value Transformation
 * Sequence 0028,9145), most specific first: per-frame item of `frame`, shared item, then the top level.
 */
export function scopes(ds: DataSet, frame: number, macroTag: string): DataSet[] {
  const perFrame = ds.elements[PER_FRAME]?.items?.[frame]?.dataSet;
  const shared = firstItem(ds, SHARED);
  return [firstItem(perFrame, macroTag), firstItem(shared, macroTag), ds].filter((d): d is DataSet => d !== undefined);
}

/** The first data set among `scopes` that holds `tag`. */
export function findIn(list: readonly DataSet[], tag: string): DataSet | undefined {
  return list.find((d) => d.elements[tag] !== undefined);
}

/** A decimal string (PS3.5 6.2 DS): optional sign, digits with an optional point, optional exponent. */
const DS = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** What reading a DS attribute gave: its numbers ([] when absent or unreadable) and what to tell the reader. */
export interface DecimalRead {
  readonly values: number[];
  /** 'lenient': malformed but read one unambiguous way; 'unreadable': not read at all; null: well formed or absent. */
  readonly fault: 'lenient' | 'unreadable' | null;
  /** The attribute's text as stored (for the warning). */
  readonly text: string;
}

function parseAll(parts: readonly string[]): number[] | null {
  return parts.every((p) => DS.test(p)) ? parts.map(Number) : null;
}

/**
 * A decimal string attribute of `vm` values. Well formed: values split on "\\". Malformed but unambiguous,
 * read leniently: `vm` values split on "," or ";" instead ("0.5,1.0" for Pixel Spacing), or one value with
 * a decimal comma ("1,5" for a Rescale Slope). Anything else is unreadable: the caller warns by name.
 */
export function readDecimals(ds: DataSet | undefined, tag: string, vm: number): DecimalRead {
  const text = (ds?.string(tag) ?? '').replace(/\0/g, '').trim();
  if (!text) return { values: [], fault: null, text };
  const strict = parseAll(text.split('\\').map((p) => p.trim()));
  if (strict && strict.length === vm) return { values: strict, fault: null, text };
  if (!text.includes('\\')) {
    const split = parseAll(text.split(/\s*[,;]\s*/));
    if (split && split.length === vm && vm > 1) return { values: split, fault: 'lenient', text };
    const comma = vm === 1 && /^[+-]?\d+,\d+$/.test(text) ? Number(text.replace(',', '.')) : NaN;
    if (Number.isFinite(comma)) return { values: [comma], fault: 'lenient', text };
  }
  return { values: [], fault: 'unreadable', text };
}

/** A decimal string (DS) attribute as numbers, [] when absent or unreadable (any number of values). */
export function decimals(ds: DataSet | undefined, tag: string): number[] {
  const text = ds?.string(tag);
  if (!text) return [];
  const values = text.split('\\').map((s) => Number(s.trim()));
  return values.every(Number.isFinite) ? values : [];
}

/** Names of the DS attributes the decoder reads, for warnings. */
export const DS_NAMES: Readonly<Record<string, string>> = {
  x00280030: 'Pixel Spacing (0028,0030)',
  x00200037: 'Image Orientation (Patient) (0020,0037)',
  x00281053: 'Rescale Slope (0028,1053)',
  x00281052: 'Rescale Intercept (0028,1052)',
};

/**
 * The warning a `readDecimals` fault deserves, or null.
 * @param fallback what was used instead when unreadable ('none': the attribute was ignored)
 */
export function decimalWarning(tag: string, read: DecimalRead, fallback: string): SliceWarning | null {
  const name = DS_NAMES[tag] ?? tag;
  if (read.fault === 'lenient') return sliceWarning('attribute-lenient', { name, value: read.text, read: read.values.join(' \\ ') });
  if (read.fault === 'unreadable') return sliceWarning('attribute-unreadable', { name, value: read.text, fallback });
  return null;
}
