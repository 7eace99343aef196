/** Shared helpers for the phantom tests. */

/** FNV-1a 32-bit hash of bytes, chained through `h`. */
export function fnv1a(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i] as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** True where pixel k has, within `radius` pixels (square), a pixel whose tissue is in `codes`. */
export function near(tissue: Uint8Array, size: number, k: number, codes: readonly number[], radius: number): boolean {
  const i = Math.floor(k / size);
  const j = k % size;
  for (let di = -radius; di <= radius; di++) {
    for (let dj = -radius; dj <= radius; dj++) {
      const ii = i + di;
      const jj = j + dj;
      if (ii < 0 || jj < 0 || ii >= size || jj >= size) continue;
      if (codes.includes(tissue[ii * size + jj] as number)) return true;
    }
  }
  return false;
}
