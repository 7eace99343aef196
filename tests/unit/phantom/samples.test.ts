import { describe, expect, it } from 'vitest';
import { generatePhantom, SUBTYPES } from '../../../src/phantom/index';
import { SAMPLES } from '../../../src/phantom/samples';

describe('built-in samples', () => {
  it('has at least two samples per subtype and some normals', () => {
    for (const s of [...SUBTYPES, 'normal'] as const) expect(SAMPLES.filter((x) => x.shows === s).length).toBeGreaterThanOrEqual(2);
  });

  it('shows exactly its subtype (at least 50 mm² of it), or nothing for normals', () => {
    for (const s of SAMPLES) {
      const p = generatePhantom(s.seed, { size: s.size });
      if (s.shows === 'normal') {
        expect(p.labels, s.name).toEqual([0, 0, 0, 0, 0, 0]);
        continue;
      }
      const b = SUBTYPES.indexOf(s.shows);
      const expected = [1, 0, 0, 0, 0, 0];
      expected[b + 1] = 1;
      expect(p.labels, s.name).toEqual(expected);
      expect(p.meta.areasMm2[b], s.name).toBeGreaterThan(50);
    }
  });
});
