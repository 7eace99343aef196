/** The subtypes gallery: one built-in sample per subtype that still shows it at 224, drawn in the brain window. */
import { describe, expect, it } from 'vitest';
import { GALLERY, GALLERY_SIZE, galleryRgba } from '../../../src/components/subtype-gallery';
import { generatePhantom, SUBTYPES } from '../../../src/phantom/index';

describe('GALLERY', () => {
  it('has the five subtypes once each, in the article order', () => {
    expect(GALLERY.map((g) => g.subtype)).toEqual(['epidural', 'subdural', 'subarachnoid', 'intraparenchymal', 'intraventricular']);
  });

  it('shows exactly its subtype at the gallery size (at least 100 mm² of it)', () => {
    for (const g of GALLERY) {
      const p = generatePhantom(g.sample.seed, { size: GALLERY_SIZE });
      const expected = [1, 0, 0, 0, 0, 0];
      expected[SUBTYPES.indexOf(g.subtype) + 1] = 1;
      expect(p.labels, g.sample.name).toEqual(expected);
      expect(p.meta.areasMm2[SUBTYPES.indexOf(g.subtype)], g.sample.name).toBeGreaterThan(100);
    }
  });
});

describe('galleryRgba', () => {
  const g = GALLERY[1] as (typeof GALLERY)[number];
  const p = generatePhantom(g.sample.seed, { size: GALLERY_SIZE });
  const magenta = (rgba: Uint8ClampedArray): number => {
    let n = 0;
    for (let i = 0; i < rgba.length; i += 4) if (rgba[i] === 255 && rgba[i + 1] === 0 && rgba[i + 2] === 220) n++;
    return n;
  };

  it('is the brain window in grey: 0 HU black, 80 HU and above white, 40 HU mid-grey', () => {
    const rgba = galleryRgba(p, g.subtype, false);
    expect(rgba.length).toBe(GALLERY_SIZE * GALLERY_SIZE * 4);
    for (let k = 0; k < p.hu.length; k += 997) {
      const hu = p.hu[k] as number;
      const grey = Math.round(Math.min(1, Math.max(0, hu / 80)) * 255);
      expect(rgba[k * 4]).toBe(grey);
      expect(rgba[k * 4 + 3]).toBe(255);
    }
    expect(magenta(rgba)).toBe(0);
  });

  it('outlines only the mask boundary, on pixels inside the mask', () => {
    const rgba = galleryRgba(p, g.subtype, true);
    const bit = 1 << SUBTYPES.indexOf(g.subtype);
    let inside = 0;
    let outlined = 0;
    for (let k = 0; k < p.masks.length; k++) {
      if ((p.masks[k] as number) & bit) inside++;
      if (rgba[k * 4] === 255 && rgba[k * 4 + 1] === 0 && rgba[k * 4 + 2] === 220) {
        outlined++;
        expect((p.masks[k] as number) & bit).not.toBe(0);
      }
    }
    expect(outlined).toBeGreaterThan(20);
    expect(outlined).toBeLessThan(inside);
  });
});
