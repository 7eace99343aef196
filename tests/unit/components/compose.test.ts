/** Ground-truth outlines: every subtype in its own colour, the explained one thick and on top, the others dotted. */
import { describe, expect, it } from 'vitest';
import { outlineSubtypes, SUBTYPE_COLOURS, subtypeColour } from '../../../src/components/compose';

const SIZE = 8;
const rgbAt = (rgba: Uint8ClampedArray, x: number, y: number): number[] => [...rgba.subarray((y * SIZE + x) * 4, (y * SIZE + x) * 4 + 3)];

/** A 4×4 square of bit `bit` with its top-left corner at (x0, y0). */
function square(masks: Uint8Array, x0: number, y0: number, bit: number): void {
  for (let y = y0; y < y0 + 4; y++) for (let x = x0; x < x0 + 4; x++) masks[y * SIZE + x] = (masks[y * SIZE + x] ?? 0) | bit;
}

describe('outlineSubtypes', () => {
  it('draws the emphasised subtype 2 px thick, solid, and another subtype 1 px dotted, each in its own colour', () => {
    const masks = new Uint8Array(SIZE * SIZE);
    square(masks, 0, 0, 1 << 4); // subdural, emphasised: rows/columns 0..3
    square(masks, 4, 4, 1 << 0); // epidural: rows/columns 4..7
    const rgba = new Uint8ClampedArray(SIZE * SIZE * 4);
    const present = outlineSubtypes(rgba, masks, SIZE, 1 << 4);
    expect(present).toBe((1 << 4) | 1);
    const orange = [...(SUBTYPE_COLOURS[4] ?? [])];
    const magenta = [...(SUBTYPE_COLOURS[0] ?? [])];
    // Subdural: its boundary ring (x or y = 0 or 3) and the ring just inside it; a 4×4 square has
    // no pixel left unpainted by a 2-px outline.
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) expect(rgbAt(rgba, x, y)).toEqual(orange);
    // Epidural: 1 px on its boundary, skipping pixels with (x + y) % 3 = 2; its interior untouched.
    expect(rgbAt(rgba, 5, 4)).toEqual(magenta); // (5 + 4) % 3 = 0
    expect(rgbAt(rgba, 6, 4)).toEqual(magenta); // 1
    expect(rgbAt(rgba, 4, 4)).toEqual([0, 0, 0]); // 2: the gap of the dots
    expect(rgbAt(rgba, 7, 6)).toEqual(magenta); // 13 % 3 = 1
    expect(rgbAt(rgba, 7, 7)).toEqual([0, 0, 0]); // 14 % 3 = 2
    expect(rgbAt(rgba, 5, 5)).toEqual([0, 0, 0]); // inside: untouched
    expect(rgbAt(rgba, 6, 6)).toEqual([0, 0, 0]);
  });

  it('draws the emphasised outline on top where two subtypes touch, and reports nothing for an empty mask', () => {
    const masks = new Uint8Array(SIZE * SIZE);
    square(masks, 0, 0, 1 << 1);
    square(masks, 0, 0, 1 << 2); // the same pixels in two subtypes
    const rgba = new Uint8ClampedArray(SIZE * SIZE * 4);
    outlineSubtypes(rgba, masks, SIZE, 1 << 1);
    expect(rgbAt(rgba, 1, 0)).toEqual([...(SUBTYPE_COLOURS[1] ?? [])]);
    const empty = new Uint8ClampedArray(SIZE * SIZE * 4);
    expect(outlineSubtypes(empty, new Uint8Array(SIZE * SIZE), SIZE, 0x1f)).toBe(0);
    expect(empty.every((v) => v === 0)).toBe(true);
    expect(subtypeColour(4)).toBe('#ff7800');
  });
});
