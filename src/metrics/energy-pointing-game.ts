/**
 * Energy-based pointing game (Wang et al. 2020, Score-CAM, arXiv:1910.01279; METHODS.md): the share of
 * the map's positive mass that lies inside the ground-truth mask.
 */

/**
 * @param map saliency per pixel (negative values count as 0)
 * @param mask non-zero inside the lesion, same length
 * @returns a share in [0, 1], or null when the mask is empty or the map has no positive value
 * @throws Error on different lengths
 */
export function energyPointingGame(map: ArrayLike<number>, mask: ArrayLike<number>): number | null {
  if (map.length !== mask.length) throw new Error(`energyPointingGame: map has ${map.length} values, mask ${mask.length}`);
  let inside = 0;
  let total = 0;
  let any = false;
  for (let i = 0; i < map.length; i++) {
    const v = Math.max(0, map[i] as number);
    total += v;
    if (mask[i]) {
      any = true;
      inside += v;
    }
  }
  return any && total > 0 ? inside / total : null;
}
