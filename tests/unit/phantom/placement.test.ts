import { describe, expect, it } from 'vitest';
import { generatePhantom, subtypeMask, Tissue, type Subtype } from '../../../src/phantom/index';
import { angleDiff } from '../../../src/phantom/detmath';
import { INTRACRANIAL, PARENCHYMA, SUBARACHNOID } from '../../../src/phantom/tissue';
import { near } from './helpers';

const inSet = (set: number, t: number): boolean => ((set >>> t) & 1) === 1;

describe('bleed placement', () => {
  const slices = Array.from({ length: 120 }, (_, i) => generatePhantom(7000 + i, { size: 224 }));
  const withSub = (s: Subtype): typeof slices => slices.filter((p) => p.labels[['any', 'epidural', 'intraparenchymal', 'intraventricular', 'subarachnoid', 'subdural'].indexOf(s)] === 1);

  it('puts no blood outside the dura (every mask pixel is intracranial)', () => {
    let outside = 0;
    for (const p of slices) for (let k = 0; k < p.masks.length; k++) if (p.masks[k] && !inSet(INTRACRANIAL, p.tissue[k] as number)) outside++;
    expect(outside).toBe(0);
  });

  it('lays epidural and convexity subdural blood against the inner table (falcine subdurals against the falx)', () => {
    for (const s of ['epidural', 'subdural'] as const) {
      const found = withSub(s);
      expect(found.length).toBeGreaterThan(5);
      for (const p of found) {
        const m = subtypeMask(p.masks, s);
        let touches = 0;
        // The falx is under a millimetre thick: at 224 its pixels may read as interhemispheric fissure.
        const wall = s === 'epidural' ? [Tissue.bone] : [Tissue.bone, Tissue.falx, Tissue.cistern];
        for (let k = 0; k < m.length; k++) if (m[k] && near(p.tissue, 224, k, wall, 1)) touches++;
        expect(touches, `seed ${p.meta.seed}`).toBeGreaterThan(0);
      }
    }
  });

  it('keeps each epidural within one bone (between sutures)', () => {
    for (const p of withSub('epidural')) {
      for (const b of p.meta.bleeds) {
        if (b.kind !== 'epidural') continue;
        for (const s of p.meta.sutures) expect(Math.abs(angleDiff(s, b.phi))).toBeGreaterThan(b.half);
      }
    }
  });

  it('puts intraventricular blood inside ventricles, on the dependent (posterior, lower) side when layering', () => {
    const found = withSub('intraventricular');
    expect(found.length).toBeGreaterThan(5);
    for (const p of found) {
      const m = subtypeMask(p.masks, 'intraventricular');
      let my = 0, mc = 0, vy = 0, vc = 0, outside = 0;
      for (let k = 0; k < m.length; k++) {
        if (p.tissue[k] === Tissue.ventricle) { vy += Math.floor(k / 224); vc++; }
        if (!m[k]) continue;
        if (p.tissue[k] !== Tissue.ventricle) outside++;
        my += Math.floor(k / 224); mc++;
      }
      const layer = p.meta.bleeds.find((b) => b.kind === 'intraventricular');
      expect(outside).toBe(0);
      if (layer && layer.kind === 'intraventricular' && layer.mode === 'layer' && layer.side === 0) expect(my / mc).toBeGreaterThanOrEqual(vy / vc);
    }
  });

  it('puts intraparenchymal clots in parenchyma and subarachnoid blood in CSF spaces', () => {
    for (const p of withSub('intraparenchymal')) {
      const m = subtypeMask(p.masks, 'intraparenchymal');
      let bad = 0;
      for (let k = 0; k < m.length; k++) if (m[k] && !inSet(PARENCHYMA, p.tissue[k] as number)) bad++;
      expect(bad).toBe(0);
    }
    for (const p of withSub('subarachnoid')) {
      const m = subtypeMask(p.masks, 'subarachnoid');
      let bad = 0;
      for (let k = 0; k < m.length; k++) if (m[k] && !inSet(SUBARACHNOID, p.tissue[k] as number)) bad++;
      expect(bad).toBe(0);
    }
  });
});
