import { describe, expect, it } from 'vitest';
import { anyReal, chartThresholdNote, thresholdOrigins, thresholdSentence } from '../../../src/model/threshold-origin';

const EN = ['any', 'epidural', 'intraparenchymal', 'intraventricular', 'subarachnoid', 'subdural'];
const ES = ['cualquiera', 'epidural', 'intraparenquimatosa', 'intraventricular', 'subaracnoidea', 'subdural'];
// As models/train/real_thresholds.py writes meta.thresholdsFrom.
const SYN = "phantom and composite validation sets (Youden's J)";
const meta = {
  thresholdsFrom: {
    any: "PHE-SICH and CT-ICH real validation slices (Youden's J averaged over the two sets)",
    epidural: "CT-ICH real validation slices (Youden's J)",
    intraparenchymal: SYN,
    intraventricular: SYN,
    subarachnoid: SYN,
    subdural: "CT-ICH real validation slices (Youden's J)",
  },
};

describe('thresholdOrigins', () => {
  it('is null without meta.thresholdsFrom (every threshold synthetic)', () => {
    expect(thresholdOrigins({ thresholds: { any: 0.5 } })).toBeNull();
    expect(thresholdOrigins(null)).toBeNull();
    expect(anyReal(null)).toBe(false);
  });
  it('names the real sets each label was chosen on', () => {
    const o = thresholdOrigins(meta);
    expect(o?.any).toEqual(['PHE-SICH', 'CT-ICH']);
    expect(o?.epidural).toEqual(['CT-ICH']);
    expect(o?.subdural).toEqual(['CT-ICH']);
    expect(o?.subarachnoid).toEqual([]);
    expect(anyReal(o)).toBe(true);
    // A field that names no real set is all synthetic.
    expect(anyReal(thresholdOrigins({ thresholdsFrom: { any: SYN } }))).toBe(false);
  });
});

describe('threshold wording', () => {
  it('before: chosen on synthetic validation sets; the chart keeps its own wording', () => {
    expect(thresholdSentence('en', null, EN)).toMatch(/synthetic validation sets/);
    expect(thresholdSentence('es', null, ES)).toMatch(/validación sintéticos/);
    expect(chartThresholdNote('en', null, EN)).toBeNull();
  });
  it('after: any on both real sets, epidural and subdural on CT-ICH, the others synthetic, and optimism said', () => {
    const o = thresholdOrigins(meta);
    expect(chartThresholdNote('en', o, EN)).toContain('“any” on PHE-SICH and CT-ICH, “epidural” and “subdural” on CT-ICH, the others on phantoms and real-background composites');
    expect(chartThresholdNote('es', o, ES)).toContain('«cualquiera» con PHE-SICH y CT-ICH, «epidural» y «subdural» con CT-ICH, las demás con fantomas');
    expect(thresholdSentence('en', o, EN)).toMatch(/optimistic/);
    expect(thresholdSentence('es', o, ES)).toMatch(/optimistas/);
  });
});

describe('the score chart key', () => {
  it('keeps the synthetic-sets wording outside a site build (no thresholdsFrom passed in)', async () => {
    const { strings } = await import('../../../src/components/strings');
    expect(strings('en').keyThreshold).toMatch(/not on real scans/);
    expect(strings('es').keyThreshold).toMatch(/no con exploraciones reales/);
  });
});
