import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { aucText, num, pointingCells, pointingLayers, setCaption, setRows } from '../../../src/components/real-metrics';
import { parseRealValidation, type RealValidation } from '../../../src/model/metrics';

const EN = ['any', 'epidural', 'intraparenchymal', 'intraventricular', 'subarachnoid', 'subdural'];
const ES = ['cualquiera', 'epidural', 'intraparenquimatosa', 'intraventricular', 'subaracnoidea', 'subdural'];
const read = (name: string): RealValidation | null => {
  const f = fileURLToPath(new URL(`../../../models/resnet34/${name}`, import.meta.url));
  return existsSync(f) ? parseRealValidation(JSON.parse(readFileSync(f, 'utf8'))) : null;
};
const phe = read('real-val.json');
const ct = read('real-val-ct-ich.json');

describe('real-CT rows', () => {
  it('formats in the page language: decimal point in English, comma in Spanish', () => {
    expect(num('en', 0.8867, 3)).toBe('0.887');
    expect(num('es', 0.8867, 3)).toBe('0,887');
    expect(aucText('es', { n: 10, positives: 3, auc: 0.5, ci95: [0.25, 0.75], atThreshold: null })).toBe('0,500 (0,250–0,750)');
    expect(aucText('en', { n: 10, positives: 0, auc: null, ci95: null, atThreshold: null, notMeasurable: 'no positives' })).toBe('not measurable (no positives)');
  });

  it.skipIf(!phe)('PHE-SICH: any with its interval and operating point, no subtypes, no scan figures', () => {
    const r = phe as RealValidation;
    for (const [lang, names] of [['en', EN], ['es', ES]] as const) {
      const rows = setRows(lang, r, names);
      const any = r.classes.any;
      expect(rows.find((x) => x.key === 'any')?.value).toBe(`${num(lang, any.auc, 3)} (${num(lang, any.ci95[0], 3)}–${num(lang, any.ci95[1], 3)})`);
      expect(rows.some((x) => x.key.startsWith('subtype-') || x.key.startsWith('third-') || x.key === 'scan-auc')).toBe(false);
    }
    expect(setCaption('en', r)).toMatch(/^PHE-SICH \(validation\): .*spontaneous intracerebral haemorrhage/);
  });

  it.skipIf(!ct)('CT-ICH: subtypes (epidural and subdural meaningful, the others examples), scans, false alarms, thirds', () => {
    const r = ct as RealValidation;
    const rows = setRows('es', r, ES);
    const row = (k: string) => rows.find((x) => x.key === k);
    for (const label of ['epidural', 'subdural', 'intraparenchymal', 'intraventricular', 'subarachnoid'] as const) {
      const c = r.classes[label];
      if (!c) continue;
      expect(row(`subtype-${label}`)?.value).toBe(aucText('es', c));
      expect(row(`subtype-${label}`)?.example).toBe(label !== 'epidural' && label !== 'subdural');
    }
    expect(row('subtype-epidural')?.value).toMatch(/^\d,\d{3} \(\d,\d{3}–\d,\d{3}\)$/);
    const s = r.scans;
    if (s) {
      expect(row('scan-auc')?.value).toBe(aucText('es', s.auc));
      expect(row('alarms-with')?.value).toContain(`${num('es', s.falseAlarms?.withBleed.meanPerScan, 1)} (${s.falseAlarms?.withBleed.flagged} de ${s.falseAlarms?.withBleed.negatives} cortes`);
      expect(row('alarms-without')?.value).toContain(num('es', s.falseAlarms?.withoutBleed.meanPerScan, 1));
    }
    for (const [third, a] of Object.entries(r.thirds ?? {})) expect(row(`third-${third}`)?.value).toBe(`${aucText('es', a)} / ${num('es', a.atThreshold?.specificity, 2)}`);
    expect(setCaption('en', r)).not.toMatch(/spontaneous/);
  });

  it.skipIf(!phe || !ct)('pointing game: every layer of both sets, strict and tolerant, each with its ceiling', () => {
    const sets = [phe, ct] as RealValidation[];
    expect(pointingLayers(sets).map((l) => `${l.layer}:${l.cells}`)).toEqual(['layer1:56', 'layer2:28', 'layer3:14', 'layer4:7']);
    const f = (ct as RealValidation).pointing?.layers.layer4;
    const [strict, tolerant] = pointingCells('es', ct as RealValidation, 'layer4');
    expect(strict).toBe(`${num('es', f?.strict.rate, 2)} (${num('es', f?.strict.ci95[0], 2)}–${num('es', f?.strict.ci95[1], 2)}); techo ${num('es', f?.strict.ceiling, 2)}`);
    expect(tolerant).toContain(`techo ${num('es', f?.tolerant.ceiling, 2)}`);
  });
});
