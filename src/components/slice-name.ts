/** A slice's name in the reader's language, for captions, exported figures and file names. */
import { SAMPLES } from '../phantom/samples';
import { realSample } from '../phantom/real-samples';
import type { ExplorerStrings } from './strings';

/** How a seed is named in the picker: a built-in phantom, a real-background sample or a random case. */
export function seedName(seed: number, t: ExplorerStrings): string {
  const s = SAMPLES.find((x) => x.seed === seed);
  if (s) return `${t.phantomPrefix}${t.sampleName(s.name, s.shows, s.seed)}`;
  const r = realSample(seed);
  if (r) return `${t.realPrefix}${t.realName(r.name, r.shows)}`;
  return t.randomCase(seed);
}

/**
 * The slice on show: a seed's name, or the reader's file. `seed` is null for a file.
 */
export function sliceName(slice: { readonly seed: number | null; readonly fileName: string | null; readonly builtIn?: true }, t: ExplorerStrings): string {
  if (slice.builtIn) return slice.fileName ?? '';
  return slice.seed !== null ? seedName(slice.seed, t) : t.uploaded(slice.fileName ?? '');
}

/**
 * A short ASCII token naming a slice for a file name: `phantom-1004`, `real-7000034`, or the file's
 * name without its extension (letters, digits, dot, dash and underscore kept; the rest become dashes).
 */
export function sliceToken(slice: { readonly key: string; readonly seed: number | null; readonly fileName: string | null }): string {
  if (slice.seed !== null) return `${slice.key.startsWith('real:') ? 'real' : 'phantom'}-${slice.seed}`;
  const base = (slice.fileName ?? 'file').replace(/\.[^.]*$/, '');
  return base.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'file';
}
