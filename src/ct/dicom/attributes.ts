/**
 * Attributes that may sit at the top level of a data set or inside the functional groups of an
 * enhanced (multi-frame) image (PS3.3 C.7.6.16): the per-frame item wins over the shared one, which
 * wins over the top level.
 */
import type { DataSet } from 'dicom-parser';

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

/** A decimal string (DS) attribute as numbers, [] when absent or unreadable. */
export function decimals(ds: DataSet | undefined, tag: string): number[] {
  const text = ds?.string(tag);
  if (!text) return [];
  const values = text.split('\\').map((s) => Number(s.trim()));
  return values.every(Number.isFinite) ? values : [];
}
