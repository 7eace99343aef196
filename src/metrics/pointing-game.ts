/**
 * Pointing game (Zhang et al. 2016, "Top-down neural attention by excitation backprop"; METHODS.md): a
 * hit when the map's maximum lies inside the ground-truth mask. Ties count as a hit when any tied
 * maximum is inside.
 */

/**
 * @param map saliency per pixel (size = mask size; for a multi-channel map pass one value per pixel)
 * @param mask non-zero inside the lesion
 * @returns 1 (hit), 0 (miss), or null when the mask is empty (nothing to point at)
 * @throws Error on different lengths
 */
export function pointingGame(map: ArrayLike<number>, mask: ArrayLike<number>): 0 | 1 | null {
  if (map.length !== mask.length) throw new Error(`pointingGame: map has ${map.length} values, mask ${mask.length}`);
  let max = -Infinity;
  let any = false;
  for (let i = 0; i < map.length; i++) {
    if (mask[i]) any = true;
    if ((map[i] as number) > max) max = map[i] as number;
  }
  if (!any) return null;
  for (let i = 0; i < map.length; i++) if (map[i] === max && mask[i]) return 1;
  return 0;
}

/**
 * Every position holding the map's maximum (the pointing game's arg-max, ties kept: "ties: any").
 * @returns row-major indices, ascending; empty for an empty map. A flat map returns every index.
 */
export function peakIndices(map: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < map.length; i++) if ((map[i] as number) > max) max = map[i] as number;
  const out: number[] = [];
  for (let i = 0; i < map.length; i++) if (map[i] === max) out.push(i);
  return out;
}
