import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { INVESALIUS_CRANIUM, loadInvesalius } from '../../../src/cli/invesalius';
import { generateComposite } from '../../../src/phantom/composite';
import { labelsFromMasks } from '../../../src/phantom/generate';
import { segmentSlice, distanceInside } from '../../../src/phantom/segment';
import { resliceVolume, type CtVolume } from '../../../src/phantom/volume';
import { Tissue } from '../../../src/phantom/tissue';
import { FOV_MM } from '../../../src/phantom/types';
import { fnv1a } from './helpers';
import { REAL_SAMPLES, encodeRealSample, parseRealSample, realSampleFile } from '../../../src/phantom/real-samples';
import { renderRealSample } from '../../../src/cli/real-samples';

describe('distance inside a region (chamfer 3-4, pixels)', () => {
  it('is 1 at the edge of a 5x5 square and 3 at its centre', () => {
    const m = new Uint8Array(7 * 7);
    for (let y = 1; y < 6; y++) for (let x = 1; x < 6; x++) m[y * 7 + x] = 1;
    const d = distanceInside(m, 7);
    expect(d[1 * 7 + 1]).toBe(1);
    expect(d[3 * 7 + 3]).toBe(3);
    expect(d[0]).toBe(0);
  });
});

// Debian's invesalius-examples (GPL-2): .ci/run installs it; without it these tests cannot run.
const have = existsSync(INVESALIUS_CRANIUM);
describe.skipIf(!have)('real-background composites (needs apt-get install invesalius-examples)', () => {
  let vol: CtVolume;
  beforeAll(async () => {
    vol = await loadInvesalius();
  }, 60_000);

  it('reads the volume with anterior up and finds the slices with a cranial cavity', () => {
    expect([vol.depth, vol.height, vol.width]).toEqual([108, 256, 256]);
    expect(vol.pixelMm).toBeCloseTo(0.957, 3);
    expect(vol.cavity[1] - vol.cavity[0]).toBeGreaterThan(60);
    // The file has anterior at the bottom, so the scanner table (posterior) at the top; flipped, it is below the head.
    const still = { scale: 1, aspect: 1, flip: false, dx: 0, dy: 0, warp: new Float64Array(50), z: vol.cavity[1] - 10 };
    const hu = resliceVolume(vol, still, 224);
    const dense = (y0: number, y1: number): number => {
      let n = 0;
      for (let k = y0 * 224; k < y1 * 224; k++) if ((hu[k] as number) > -300) n++;
      return n;
    };
    expect(dense(200, 224)).toBeGreaterThan(dense(0, 24) + 20);
  });

  it('segments a mid-brain slice: cavity of brain and CSF inside bone, ventricles found', () => {
    const still = { scale: 1, aspect: 1, flip: false, dx: 0, dy: 0, warp: new Float64Array(50), z: Math.round((vol.cavity[0] + vol.cavity[1]) / 2) };
    const s = segmentSlice(resliceVolume(vol, still, 224), 224, FOV_MM / 224);
    expect(s).not.toBeNull();
    const t = s!.canvas.tissue;
    const count = (c: number): number => t.reduce((n, v) => n + (v === c ? 1 : 0), 0);
    expect(count(Tissue.grey) + count(Tissue.white)).toBeGreaterThan(8000); // > 85 cm² of brain at 1.03 mm
    expect(count(Tissue.bone)).toBeGreaterThan(1000);
    expect(s!.a).toBeGreaterThan(50);
  });

  it('is deterministic, labels equal "mask not empty", painted blood averages 45-95 HU', () => {
    let positives = 0;
    for (let seed = 11; seed < 19; seed++) {
      const a = generateComposite(seed, vol);
      const b = generateComposite(seed, vol);
      expect(fnv1a(new Uint8Array(a.hu.buffer))).toBe(fnv1a(new Uint8Array(b.hu.buffer)));
      expect(a.labels).toEqual(labelsFromMasks(a.masks));
      positives += a.labels[0] as number;
      let sum = 0;
      let n = 0;
      for (let k = 0; k < a.masks.length; k++) {
        if (!a.masks[k]) continue;
        sum += a.hu[k] as number;
        n++;
      }
      if (n > 0) {
        expect(sum / n).toBeGreaterThan(45);
        expect(sum / n).toBeLessThan(95);
      }
    }
    expect(positives).toBeGreaterThan(0);
    expect(positives).toBeLessThan(8);
  });

  it('paints exactly the subtypes asked for into the same real background', () => {
    const c = generateComposite(101, vol, { size: 224, subtypes: ['intraparenchymal'] });
    expect(c.labels).toEqual([1, 0, 1, 0, 0, 0]);
    const none = generateComposite(101, vol, { size: 224, subtypes: [] });
    expect(none.labels).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('real-background samples (public/samples/real-background)', () => {
  it('each committed file parses, and its labels show exactly the subtype it is named for', () => {
    for (const s of REAL_SAMPLES) {
      const { hu, masks } = parseRealSample(new Uint8Array(readFileSync(`public/samples/real-background/${realSampleFile(s)}`)));
      const labels = labelsFromMasks(masks);
      expect(labels.slice(1).reduce((a, b) => a + b, 0)).toBe(s.subtypes.length);
      expect(labels[0]).toBe(s.shows === 'normal' ? 0 : 1);
      expect(Math.min(...hu)).toBeLessThan(-900); // air around the head
      expect(encodeRealSample(hu, masks)).toEqual(new Uint8Array(readFileSync(`public/samples/real-background/${realSampleFile(s)}`)));
    }
  });
  it.skipIf(!have)('are what `npm run real-samples` makes from the InVesalius volume (needs invesalius-examples)', async () => {
    const vol = await loadInvesalius();
    for (const s of REAL_SAMPLES) {
      expect(fnv1a(renderRealSample(s, vol)), s.name).toBe(fnv1a(new Uint8Array(readFileSync(`public/samples/real-background/${realSampleFile(s)}`))));
    }
  }, 60_000);
});
