/**
 * IoU of the map's top-k % pixels with the ground-truth mask (METHODS.md, localisation). The top set is
 * the ceil(k·n) highest values; ties at the cut are broken by pixel order, so the set has exactly that size.
 */

/**
 * @param map saliency per pixel
 * @param mask non-zero inside the lesion, same length
 * @param share k as a share of the pixels, in (0, 1]
 * @returns IoU in [0, 1], or null when the mask is empty
 * @throws Error on different lengths or a share outside (0, 1]
 */
export function topKIoU(map: ArrayLike<number>, mask: ArrayLike<number>, share: number): number | null {
  if (map.length !== mask.length) throw new Error(`topKIoU: map has ${map.length} values, mask ${mask.length}`);
  if (!(share > 0 && share <= 1)) throw new Error(`topKIoU: share must be in (0, 1], got ${share}`);
  const n = map.length;
  const k = Math.ceil(share * n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (map[b] as number) - (map[a] as number) || a - b);
  const top = new Uint8Array(n);
  for (let i = 0; i < k; i++) top[order[i] as number] = 1;
  let inter = 0;
  let union = 0;
  let any = false;
  for (let i = 0; i < n; i++) {
    const m = mask[i] ? 1 : 0;
    if (m) any = true;
    if (m && top[i]) inter++;
    if (m || top[i]) union++;
  }
  return any ? inter / union : null;
}
