import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_RESNET } from '../../../src/model/arch';
import { createResNet, type ResNet } from '../../../src/model/resnet34';
import { seededWeights } from '../../../src/model/weights';
import { WINDOWS } from '../../../src/ct/window';
import { evaluateReal, formatReport, isWholeScanSet, parseLabels, reportSummary } from '../../../src/cli/real-eval';
import { useBackend } from '../helpers/tf';

const dir = mkdtempSync(join(tmpdir(), 'real-eval-'));
let weights: tf.NamedTensorMap;
let net: ResNet;

/** A 48x48 8-bit "head": a bright ring around a grey disc, with a brighter blob when `bleed`. */
function head(bleed: boolean, shift: number): Uint8Array {
  const px = new Uint8Array(48 * 48);
  for (let y = 0; y < 48; y++) {
    for (let x = 0; x < 48; x++) {
      const r = Math.hypot(x - 24 - shift, y - 24);
      px[y * 48 + x] = r < 16 ? (r > 13 ? 255 : bleed && Math.hypot(x - 20, y - 22) < 4 ? 200 : 110) : 0;
    }
  }
  return px;
}

describe('the real-CT harness on a tiny labelled folder', () => {
  beforeAll(async () => {
    await useBackend('wasm');
    weights = seededWeights(TINY_RESNET, 5);
    net = createResNet(weights, TINY_RESNET);
    mkdirSync(join(dir, 'images'));
    mkdirSync(join(dir, 'masks'));
    const rows = ['id,patient,slice,any,mask_px'];
    for (let i = 0; i < 6; i++) {
      const bleed = i % 2 === 0;
      writeFileSync(join(dir, 'images', `s${i}.png`), encodePng({ width: 48, height: 48, data: head(bleed, i - 3), channels: 1, depth: 8 }));
      const mask = new Uint8Array(48 * 48).map((_, k) => (bleed && Math.hypot((k % 48) - 20, Math.floor(k / 48) - 22) < 4 ? 255 : 0));
      writeFileSync(join(dir, 'masks', `s${i}.png`), encodePng({ width: 48, height: 48, data: mask, channels: 1, depth: 8 }));
      rows.push(`s${i},p${Math.floor(i / 2)},${i},${bleed ? 1 : 0},0`);
    }
    writeFileSync(join(dir, 'labels.csv'), rows.join('\n') + '\n');
  });
  afterAll(() => {
    net.dispose();
    tf.dispose(Object.values(weights));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads labels.csv: only the labelled classes, clear errors on bad rows', () => {
    const items = parseLabels('id,patient,any\na,1,1\nb,1,0\n');
    expect(items).toEqual([{ id: 'a', patient: '1', labels: { any: 1 } }, { id: 'b', patient: '1', labels: { any: 0 } }]);
    expect(() => parseLabels('id,any\na,1\n')).toThrow(/"id" and "patient"/);
    expect(() => parseLabels('id,patient,any\na,1,2\n')).toThrow(/line 2: any is "2"/);
    // a slice column is read; fracture is not a model label and is ignored
    expect(parseLabels('id,patient,slice,any,fracture\na,1,7,1,1\n')).toEqual([{ id: 'a', patient: '1', slice: 7, labels: { any: 1 } }]);
    expect(() => parseLabels('id,patient,slice,any\na,1,x,1\n')).toThrow(/line 2: slice is "x"/);
  });

  it('tells whole scans (every patient’s slices without a gap, at least 3) from a selection of slices', () => {
    const at = (patient: string, slice?: number) => ({ id: `${patient}${slice}`, patient, labels: { any: 0 }, ...(slice === undefined ? {} : { slice }) });
    expect(isWholeScanSet([at('a', 1), at('a', 2), at('a', 3), at('b', 5), at('b', 7), at('b', 6)])).toBe(true);
    expect(isWholeScanSet([at('a', 1), at('a', 2), at('a', 4)])).toBe(false);
    expect(isWholeScanSet([at('a', 1), at('a', 2)])).toBe(false);
    expect(isWholeScanSet([at('a'), at('a'), at('a')])).toBe(false);
  });

  it('scores every slice, counts patients, plays the pointing game on the masked positives, and keeps the figures only in the summary', async () => {
    // a first pass lets the backward passes cache what they keep for the session's lifetime (not a leak)
    await evaluateReal(net, dir, WINDOWS.brain, { any: 0.5 }, { boot: 0, limit: 1 });
    const before = tf.memory().numTensors;
    const r = await evaluateReal(net, dir, WINDOWS.brain, { any: 0.5 }, { boot: 50 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.slices).toBe(6);
    expect(r.patients).toBe(3);
    const any = r.classes.any!;
    expect(any.positives).toBe(3);
    expect(any.auc).toBeGreaterThanOrEqual(0);
    expect(any.auc).toBeLessThanOrEqual(1);
    expect(any.ci95![0]).toBeLessThanOrEqual(any.ci95![1]);
    expect(r.pointingGame?.scored).toBe(3);
    // every layer, strict and tolerant; the old field is layer4 strict; a hit never exceeds its ceiling
    expect(Object.keys(r.pointing!.layers)).toEqual(['layer1', 'layer2', 'layer3', 'layer4']);
    expect(r.pointing!.layers.layer4!.strict).toEqual(r.pointingGame);
    for (const l of Object.values(r.pointing!.layers)) {
      expect(l.scored).toBe(3);
      expect(l.tolerant.hits).toBeGreaterThanOrEqual(l.strict.hits);
      expect(l.tolerant.hits).toBeLessThanOrEqual(l.tolerant.reachable);
    }
    expect(r.wholeScans).toBe(false);
    expect(r.scans).toBeNull();
    expect(r.thirds).toBeNull();
    // no map can hit a mask its peaks cannot reach (src/metrics/pointing-game-ceiling.ts)
    expect(r.pointingGame!.hits).toBeLessThanOrEqual(r.pointingGame!.reachable);
    expect(r.pointingGame!.ceiling).toBeCloseTo(r.pointingGame!.reachable / 3, 12);
    expect(r.falsePositives?.negatives).toBe(3);
    expect(r.falsePositives?.patientsWithNegatives).toBe(3);
    expect(r.items).toHaveLength(6);
    expect(formatReport(r)).toMatch(/any: ROC AUC/);
    expect(formatReport(r)).toMatch(/layer4 \(7×7 upsampled to 224 px.*strict .* within 15 px/);
    const summary = reportSummary(r, 'synthetic') as Record<string, unknown>;
    expect(summary['items']).toBeUndefined();
    expect(summary['format']).toBe('ich-real-eval-summary/2');
  }, 60_000);

  it('on whole scans adds figures over scans and by thirds', async () => {
    const csv = ['id,patient,slice,any,subdural', ...[0, 1, 2, 3, 4, 5].map((i) => `s${i},p${Math.floor(i / 3)},${(i % 3) + 1},${i % 2 === 0 ? 1 : 0},0`)];
    writeFileSync(join(dir, 'labels.csv'), csv.join('\n') + '\n');
    const r = await evaluateReal(net, dir, WINDOWS.brain, { any: 0.5 }, { boot: 20 });
    expect(r.wholeScans).toBe(true);
    expect(r.classes.subdural).toMatchObject({ positives: 0, auc: null, notMeasurable: 'no positives' });
    // p0: slices 1-3 labelled 1, 0, 1; p1: 0, 1, 0; both scans hold a bleed
    expect(r.scans!.auc).toMatchObject({ n: 2, positives: 2, auc: null });
    expect(r.scans!.falseAlarms!.withBleed.negatives).toBe(3);
    expect(r.thirds!.lower).toMatchObject({ n: 2, positives: 1 });
    expect(r.items.map((o) => o.third)).toEqual(['lower', 'middle', 'upper', 'lower', 'middle', 'upper']);
    expect(formatReport(r)).toMatch(/over scans[\s\S]*false alarms per scan[\s\S]*lower: ROC AUC/);
  }, 60_000);

  it('says what is missing when the folder is not a labelled set', async () => {
    await expect(evaluateReal(net, join(dir, 'images'), WINDOWS.brain, {})).rejects.toThrow(/expected labels.csv and images\//);
  });
});
