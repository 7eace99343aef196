/** The explorer's URL state round trip, and the peak sentence on a hand-made mask. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, decodeState, encodeState, type ViewState } from '../../../src/components/view-state';
import { peakText } from '../../../src/components/peak-text';
import { strings } from '../../../src/components/strings';

describe('view state in the query string', () => {
  it('round-trips every field and keeps parameters it does not own', () => {
    const s: ViewState = {
      seed: 1077,
      method: 'deconvnet',
      label: 3,
      layer: 'layer2',
      feature: { block: 'layer3.4', channel: 17 },
      view: 2,
      window: { level: -600, width: 1500 },
      opacity: 0.35,
      colormap: 'cividis',
      mask: false,
      grid: true,
    };
    const q = encodeState(s, '?backend=wasm&seed=1');
    expect(new URLSearchParams(q).get('backend')).toBe('wasm');
    expect(new URLSearchParams(q).getAll('seed')).toEqual(['1077']);
    expect(decodeState(q)).toEqual(s);
    expect(decodeState(encodeState(DEFAULT_STATE))).toEqual(DEFAULT_STATE);
  });

  it('falls back field by field on invalid values', () => {
    const d = decodeState('?seed=-3&method=lime&label=6&layer=layer5&feature=conv1:2&view=4&window=lung&opacity=2&cmap=jet&mask=yes');
    expect(d).toEqual(DEFAULT_STATE);
    expect(decodeState('?window=bone&view=1&label=0').window).toBe('bone');
    expect(decodeState('?view=1').view).toBe(0); // "channel 1" is input channel 0 (brain window)
  });
});

describe('peakText', () => {
  const t = strings('en');
  // 6x6 mask: subdural (bit 4) in the top-right 2x2 corner.
  const masks = new Uint8Array(36);
  for (const i of [4, 5, 10, 11]) masks[i] = 1 << 4;

  it('names the region in thirds and the mask the peak falls in', () => {
    expect(peakText({ x: 5, y: 0, value: 1 }, 6, masks, t)).toBe(
      'The map peaks in the upper (anterior) part of the right side of the image (the patient’s left), inside the ground-truth subdural mask.',
    );
    expect(peakText({ x: 2, y: 3, value: 1 }, 6, masks, t)).toBe('The map peaks in the centre of the image, outside every ground-truth bleed mask.');
    expect(peakText({ x: 0, y: 5, value: 1 }, 6, null, t)).toBe('The map peaks in the lower (posterior) part of the left side of the image (the patient’s right).');
    expect(peakText({ x: 0, y: 0, value: 0 }, 6, masks, t)).toBe(t.flatMap);
  });
});
