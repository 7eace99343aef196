import { describe, expect, it } from 'vitest';
import { emphasisOf, figureInput, requestFor } from '../../../src/components/explorer-figure';
import { DEFAULT_STATE } from '../../../src/components/view-state';
import { defaultCompare } from '../../../src/components/CompareView';
import type { Slice } from '../../../src/components/slices';

describe('requestFor', () => {
  const s = { label: 3, layer: 'layer2' as const, feature: { block: 'layer4.2', channel: 7 } };
  it('asks each method only for the settings it uses', () => {
    expect(requestFor(s, 'gradient')).toEqual({ method: 'gradient', label: 3 });
    expect(requestFor(s, 'gradcam')).toEqual({ method: 'gradcam', label: 3, layer: 'layer2' });
    expect(requestFor(s, 'guided-gradcam')).toEqual({ method: 'guided-gradcam', label: 3, layer: 'layer2' });
    expect(requestFor(s, 'deconvnet')).toEqual({ method: 'deconvnet', label: 3, feature: { block: 'layer4.2', channel: 7 } });
    expect(requestFor({ ...s, feature: null }, 'deconvnet')).toEqual({ method: 'deconvnet', label: 3 });
  });
});

describe('figure input', () => {
  it('emphasises every subtype for "any" and one bit for a subtype', () => {
    expect(emphasisOf(0)).toBe(0b11111);
    expect(emphasisOf(1)).toBe(0b00001);
    expect(emphasisOf(5)).toBe(0b10000);
  });
  it('draws a slice under the settings, outlined for the label it is given', () => {
    const slice: Slice = { key: 'phantom:1', hu: new Float32Array(4), masks: new Uint8Array(4), labels: null, seed: 1, fileName: null };
    const f = figureInput(slice, { ...DEFAULT_STATE, window: { level: 40, width: 120 }, opacity: 0.3 }, null, 2);
    expect(f.window).toEqual({ level: 40, width: 120 });
    expect(f.opacity).toBe(0.3);
    expect(f.outline?.emphasis).toBe(0b10);
    expect(figureInput({ ...slice, masks: null }, DEFAULT_STATE, null).outline).toBeNull();
    expect(figureInput(slice, { ...DEFAULT_STATE, mask: false }, null).outline).toBeNull();
  });
});

describe('defaultCompare', () => {
  it('starts B at the next built-in slice, at "any" (or epidural beside "any"), at the layer before', () => {
    expect(defaultCompare('slice', { seed: 1004, label: 5, layer: 'layer4' })).toEqual({ kind: 'slice', seed: 1077 });
    expect(defaultCompare('label', { seed: 1004, label: 5, layer: 'layer4' })).toEqual({ kind: 'label', label: 0 });
    expect(defaultCompare('label', { seed: 1004, label: 0, layer: 'layer4' })).toEqual({ kind: 'label', label: 1 });
    expect(defaultCompare('layer', { seed: 1004, label: 5, layer: 'layer4' })).toEqual({ kind: 'layer', layer: 'layer3' });
    expect(defaultCompare('layer', { seed: 1004, label: 5, layer: 'layer1' })).toEqual({ kind: 'layer', layer: 'layer4' });
  });
});
