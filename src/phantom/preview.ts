/**
 * Review images without any image library: a slice in a CT window as RGBA bytes, mask outlines in
 * one colour per subtype, a tiny 3x5 pixel font for captions, and a grid of tiles. Pure data out;
 * the CLI encodes PNG.
 */
import { SUBTYPES } from './bleeds';

/** Outline colour per subtype, SUBTYPES order (epidural, intraparenchymal, intraventricular, subarachnoid, subdural). */
export const SUBTYPE_COLOURS: readonly (readonly [number, number, number])[] = [
  [255, 60, 60],
  [255, 220, 0],
  [0, 220, 255],
  [60, 255, 60],
  [255, 60, 255],
];

/** Short captions per subtype, SUBTYPES order. */
export const SUBTYPE_SHORT: readonly string[] = ['EDH', 'IPH', 'IVH', 'SAH', 'SDH'];

/** An RGBA image, width*height*4 bytes. */
export interface Rgba {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** HU (size*size) in window (level, width) to grey RGBA; mask outlines drawn where `masks` is given. */
export function windowRgba(hu: Int16Array, size: number, level: number, width: number, masks?: Uint8Array): Rgba {
  const data = new Uint8Array(size * size * 4);
  const lo = level - width / 2;
  for (let k = 0; k < size * size; k++) {
    let g = Math.round((((hu[k] as number) - lo) / width) * 255);
    g = g < 0 ? 0 : g > 255 ? 255 : g;
    data[4 * k] = g;
    data[4 * k + 1] = g;
    data[4 * k + 2] = g;
    data[4 * k + 3] = 255;
  }
  if (masks) {
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const k = i * size + j;
        const m = masks[k] as number;
        if (m === 0) continue;
        for (let b = 0; b < SUBTYPES.length; b++) {
          const bit = 1 << b;
          if ((m & bit) === 0) continue;
          const edge =
            i === 0 || j === 0 || i === size - 1 || j === size - 1 ||
            ((masks[k - 1] as number) & bit) === 0 || ((masks[k + 1] as number) & bit) === 0 ||
            ((masks[k - size] as number) & bit) === 0 || ((masks[k + size] as number) & bit) === 0;
          if (!edge) continue;
          const c = SUBTYPE_COLOURS[b] as readonly [number, number, number];
          data[4 * k] = c[0];
          data[4 * k + 1] = c[1];
          data[4 * k + 2] = c[2];
        }
      }
    }
  }
  return { width: size, height: size, data };
}

// 3x5 glyphs, each row 3 bits (MSB left).
const FONT: Record<string, readonly number[]> = {
  A: [2, 5, 7, 5, 5], B: [6, 5, 6, 5, 6], C: [3, 4, 4, 4, 3], D: [6, 5, 5, 5, 6], E: [7, 4, 6, 4, 7],
  F: [7, 4, 6, 4, 4], G: [3, 4, 5, 5, 3], H: [5, 5, 7, 5, 5], I: [7, 2, 2, 2, 7], J: [1, 1, 1, 5, 2],
  K: [5, 5, 6, 5, 5], L: [4, 4, 4, 4, 7], M: [5, 7, 7, 5, 5], N: [6, 5, 5, 5, 5], O: [2, 5, 5, 5, 2],
  P: [6, 5, 6, 4, 4], Q: [2, 5, 5, 6, 3], R: [6, 5, 6, 5, 5], S: [3, 4, 2, 1, 6], T: [7, 2, 2, 2, 2],
  U: [5, 5, 5, 5, 7], V: [5, 5, 5, 5, 2], W: [5, 5, 7, 7, 5], X: [5, 5, 2, 5, 5], Y: [5, 5, 2, 2, 2],
  Z: [7, 1, 2, 4, 7], '0': [7, 5, 5, 5, 7], '1': [2, 6, 2, 2, 7], '2': [6, 1, 2, 4, 7], '3': [6, 1, 2, 1, 6],
  '4': [5, 5, 7, 1, 1], '5': [7, 4, 6, 1, 6], '6': [3, 4, 7, 5, 7], '7': [7, 1, 2, 2, 2], '8': [7, 5, 7, 5, 7],
  '9': [7, 5, 7, 1, 6], '.': [0, 0, 0, 0, 2], '-': [0, 0, 7, 0, 0], ':': [0, 2, 0, 2, 0], '/': [1, 1, 2, 4, 4],
};

/** Draw upper-case text at (x, y) with a pixel scale, colour rgb, onto `img`. Unknown characters are blank. */
export function drawText(img: Rgba, text: string, x: number, y: number, scale: number, rgb: readonly [number, number, number]): void {
  let cx = x;
  for (const ch of text.toUpperCase()) {
    const g = FONT[ch];
    if (g) {
      for (let r = 0; r < 5; r++) {
        for (let c = 0; c < 3; c++) {
          if ((((g[r] as number) >> (2 - c)) & 1) === 0) continue;
          for (let dy = 0; dy < scale; dy++) {
            for (let dx = 0; dx < scale; dx++) {
              const px = cx + c * scale + dx;
              const py = y + r * scale + dy;
              if (px < 0 || py < 0 || px >= img.width || py >= img.height) continue;
              const o = 4 * (py * img.width + px);
              img.data[o] = rgb[0];
              img.data[o + 1] = rgb[1];
              img.data[o + 2] = rgb[2];
              img.data[o + 3] = 255;
            }
          }
        }
      }
    }
    cx += 4 * scale;
  }
}

/** Lay equal-size tiles out in a grid with `cols` columns and a 2-pixel gap. */
export function grid(tiles: readonly Rgba[], cols: number): Rgba {
  const first = tiles[0];
  if (!first) throw new Error('grid: no tiles');
  const tw = first.width;
  const th = first.height;
  const rows = Math.ceil(tiles.length / cols);
  const width = cols * (tw + 2);
  const height = rows * (th + 2);
  const data = new Uint8Array(width * height * 4);
  for (let p = 3; p < data.length; p += 4) data[p] = 255;
  tiles.forEach((t, idx) => {
    const ox = (idx % cols) * (tw + 2);
    const oy = Math.floor(idx / cols) * (th + 2);
    for (let r = 0; r < th; r++) data.set(t.data.subarray(r * tw * 4, (r + 1) * tw * 4), 4 * ((oy + r) * width + ox));
  });
  return { width, height, data };
}

/** Caption for a slice: index, level and the short names of its positive subtypes (or NEG). */
export function caption(index: number, levelName: string, labels: readonly number[]): string {
  const pos = SUBTYPE_SHORT.filter((_, b) => labels[b + 1] === 1);
  return `${index} ${levelName.split(' ').map((w) => w.slice(0, 4)).join('-')} ${pos.length ? pos.join(' ') : 'NEG'}`;
}
