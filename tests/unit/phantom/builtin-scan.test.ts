/**
 * The built-in whole scan (src/phantom/builtin-scan.ts): its file format, the painted bleed's smooth 3-D
 * shape, the committed asset (public/samples/builtin-scan/), and that the asset is what
 * `npm run builtin-scan` makes from the UNC cadaver head in ../shared (skipped, with the reason, without it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BLEED, BUILTIN_SCAN_FILE, bleedAt, encodeBuiltinScan, parseBuiltinScan, type BuiltinScan } from '../../../src/phantom/builtin-scan';
import { labelsFromMasks } from '../../../src/phantom/generate';
import { CTHEAD_PATH, loadCthead } from '../../../src/cli/cthead';
import { BUILTIN_FIRST_SLICE, BUILTIN_LAST_SLICE, renderBuiltinScanAsset } from '../../../src/cli/builtin-scan';
import { fnv1a } from './helpers';

const ASSET = `public/${BUILTIN_SCAN_FILE}`;

describe('built-in scan format', () => {
  it('round-trips HU (negative and large) and masks through the byte planes', () => {
    const s: BuiltinScan = {
      count: 2,
      size: 2,
      first: 7,
      spacingMm: 2,
      hu: [Int16Array.from([-1024, -1, 0, 3071]), Int16Array.from([255, 256, -257, 32767])],
      masks: [Uint8Array.from([0, 16, 0, 0]), Uint8Array.from([0, 0, 1, 0])],
    };
    const bytes = encodeBuiltinScan(s);
    expect(bytes).toHaveLength(16 + 2 * 4 * 3);
    expect(parseBuiltinScan(bytes)).toEqual(s);
    expect(() => parseBuiltinScan(bytes.subarray(0, 30))).toThrow(/bytes, expected/);
    expect(() => parseBuiltinScan(new Uint8Array(40))).toThrow(/not an ICHSCAN1/);
  });
});

describe('the painted bleed is one smooth shape along the head', () => {
  it('grows from nothing at both ends to its greatest thickness and arc in the middle, without jumps', () => {
    expect(bleedAt(BLEED.from)).toBeNull();
    expect(bleedAt(BLEED.to)).toBeNull();
    const mid = bleedAt((BLEED.from + BLEED.to) / 2);
    expect(mid?.thick).toBeCloseTo(BLEED.thickMm, 6);
    expect(mid?.arc).toBeCloseTo(BLEED.arcMm, 6);
    for (let k = BLEED.from + 2; k < BLEED.to - 1; k++) {
      const a = bleedAt(k - 1);
      const b = bleedAt(k);
      if (!a || !b) continue;
      expect(Math.abs(b.thick - a.thick)).toBeLessThan(1.2);
      expect(Math.abs(b.arc - a.arc)).toBeLessThan(12);
      expect(Math.abs(b.phi - a.phi)).toBeLessThan(0.02);
    }
  });
});

describe(`committed built-in scan (${ASSET})`, () => {
  const scan = parseBuiltinScan(gunzipSync(new Uint8Array(readFileSync(ASSET))));

  it('is small, base to vertex, 224 px, with slices about 2 mm apart', () => {
    expect(readFileSync(ASSET).length).toBeLessThan(3e6);
    expect([scan.count, scan.size, scan.first, scan.spacingMm]).toEqual([BUILTIN_LAST_SLICE - BUILTIN_FIRST_SLICE + 1, 224, BUILTIN_FIRST_SLICE, 2]);
    // Air round every slice; at the top, much less head than in the middle.
    for (const hu of scan.hu) expect(Math.min(...hu)).toBeLessThan(-900);
    const head = (hu: Int16Array): number => hu.reduce((n, v) => n + (v > -300 ? 1 : 0), 0);
    expect(head(scan.hu[scan.count - 1] as Int16Array)).toBeLessThan(head(scan.hu[Math.floor(scan.count / 2)] as Int16Array) / 2);
  });

  it('holds one subdural on neighbouring slices with no gap, with blood about 20 HU above this scan`s brain', () => {
    const painted = scan.masks.flatMap((m, i) => (m.some((v) => v !== 0) ? [i] : []));
    expect(painted.length).toBeGreaterThan(25);
    expect(painted[painted.length - 1]! - painted[0]!).toBe(painted.length - 1);
    for (const i of painted) {
      const m = scan.masks[i] as Uint8Array;
      expect(labelsFromMasks(m)).toEqual([1, 0, 0, 0, 0, 1]);
      let sum = 0;
      let n = 0;
      m.forEach((v, k) => {
        if (v) {
          sum += (scan.hu[i] as Int16Array)[k] as number;
          n++;
        }
      });
      expect(sum / n).toBeGreaterThan(60);
      expect(sum / n).toBeLessThan(80);
    }
    // Its area rises and falls: largest in the middle third of the painted run.
    const area = painted.map((i) => (scan.masks[i] as Uint8Array).reduce((a, v) => a + (v ? 1 : 0), 0));
    const top = area.indexOf(Math.max(...area));
    expect(top).toBeGreaterThan(area.length / 4);
    expect(top).toBeLessThan((3 * area.length) / 4);
  });

  // The UNC head is read in place from ../shared (never committed); without it this cannot run.
  it.skipIf(!existsSync(CTHEAD_PATH))(`is what \`npm run builtin-scan\` makes from ${CTHEAD_PATH} (skipped where ../shared is absent)`, () => {
    const { raw, gz } = renderBuiltinScanAsset(loadCthead());
    const committed = new Uint8Array(readFileSync(ASSET));
    expect(fnv1a(raw)).toBe(fnv1a(gunzipSync(committed)));
    expect(fnv1a(gz)).toBe(fnv1a(committed));
  }, 300_000);
});
