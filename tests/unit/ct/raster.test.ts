import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeSlice, sniffFormat } from '../../../src/ct/decode';
import { byteToHU, WINDOWS } from '../../../src/ct/window';
import { codeOf } from './decode-error';


const GREY = [0, 51, 128, 255, 10, 200];

describe('PNG', () => {
  it('8-bit grey → HU through the default brain window (0 → 0 HU, 255 → 80 HU)', () => {
    const s = decodeSlice(encodePng({ width: 3, height: 2, data: Uint8Array.from(GREY), channels: 1, depth: 8 }));
    expect(s.source).toBe('png');
    expect(s.windowUsed).toEqual(WINDOWS.brain);
    expect([s.width, s.height]).toEqual([3, 2]);
    expect(s.hu[0]).toBe(0);
    expect(s.hu[1]).toBeCloseTo(16, 5);
    expect(s.hu[3]).toBeCloseTo(80, 5);
    s.hu.forEach((v, i) => expect(v).toBeCloseTo(byteToHU(GREY[i] as number, WINDOWS.brain), 4));
  });

  it('a given window: L40/W120 → 0 is -20 HU, 255 is 100 HU', () => {
    const s = decodeSlice(encodePng({ width: 3, height: 2, data: Uint8Array.from(GREY), channels: 1, depth: 8 }), { window8bit: { level: 40, width: 120 } });
    expect(s.hu[0]).toBeCloseTo(-20, 5);
    expect(s.hu[3]).toBeCloseTo(100, 5);
  });

  it('RGB and RGBA: Rec. 601 luma, alpha ignored; grey+alpha keeps the grey', () => {
    const rgba = Uint8Array.from([255, 0, 0, 0, 0, 255, 0, 128, 0, 0, 255, 255, 90, 90, 90, 7]);
    const s = decodeSlice(encodePng({ width: 4, height: 1, data: rgba, channels: 4, depth: 8 }));
    const luma = [0.299 * 255, 0.587 * 255, 0.114 * 255, 90];
    s.hu.forEach((v, i) => expect(v).toBeCloseTo(((luma[i] as number) / 255) * 80, 4));
    const ga = decodeSlice(encodePng({ width: 2, height: 1, data: Uint8Array.from([51, 0, 255, 255]), channels: 2, depth: 8 }));
    expect(Array.from(ga.hu).map((v) => Math.round(v * 1000) / 1000)).toEqual([16, 80]);
  });

  it('16-bit PNG → bit-depth, telling to export 8-bit or the DICOM', () => {
    const png = encodePng({ width: 2, height: 2, data: Uint16Array.from([0, 1000, 30000, 65535]), channels: 1, depth: 16 });
    expect(codeOf(png)).toBe('bit-depth');
    expect(() => decodeSlice(png)).toThrow(/16 bits per sample; export an 8-bit windowed image .* or use the DICOM/);
  });

  it('a header declaring 5000x5000 → too-large before decoding; maxPixels applies to real sizes', () => {
    const png = encodePng({ width: 10, height: 10, data: new Uint8Array(100), channels: 1, depth: 8 });
    expect(codeOf(png, { maxPixels: 99 })).toBe('too-large');
    const huge = png.slice();
    const view = new DataView(huge.buffer);
    view.setUint32(16, 5000); // IHDR width
    view.setUint32(20, 5000); // IHDR height
    expect(codeOf(huge)).toBe('too-large');
    expect(() => decodeSlice(huge)).toThrow(/PNG image is 5000x5000 pixels, more than the limit/);
  });

  it('truncated PNG → truncated; text renamed .png → unknown-format; empty → empty', () => {
    const png = encodePng({ width: 32, height: 32, data: Uint8Array.from({ length: 1024 }, (_, i) => (i * 7) % 256), channels: 1, depth: 8 });
    expect(codeOf(png)).toBeNull();
    expect(codeOf(png.subarray(0, png.length - 40))).toBe('truncated');
    expect(codeOf(png.subarray(0, 20))).toBe('truncated');
    const text = new TextEncoder().encode('This is a text file, not an image.\n');
    expect(codeOf(text)).toBe('unknown-format');
    expect(() => decodeSlice(text)).toThrow(/not a DICOM, PNG or JPEG file \(starts with "This is a te"\)/);
    expect(codeOf(new Uint8Array(0))).toBe('empty');
  });
});

describe('JPEG', () => {
  function jpegOf(width: number, height: number, grey: (i: number) => number, quality = 100): Uint8Array {
    const data = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) data.set([grey(i), grey(i), grey(i), 255], i * 4);
    return new Uint8Array(jpeg.encode({ width, height, data }, quality).data);
  }

  it('round trip of a flat grey 128 (quality 100): HU = byteToHU(128) within one grey level', () => {
    const s = decodeSlice(jpegOf(16, 16, () => 128));
    expect(sniffFormat(jpegOf(8, 8, () => 0))).toBe('jpeg');
    expect(s.source).toBe('jpeg');
    expect([s.width, s.height]).toEqual([16, 16]);
    const oneLevel = 80 / 255;
    for (const v of s.hu) expect(Math.abs(v - byteToHU(128, WINDOWS.brain))).toBeLessThanOrEqual(oneLevel + 1e-6);
  });

  it('a horizontal ramp keeps its values within a few grey levels', () => {
    const ramp = (i: number): number => (i % 32) * 8;
    const s = decodeSlice(jpegOf(32, 8, ramp), { window8bit: WINDOWS.subdural });
    const level = 200 / 255;
    s.hu.forEach((v, i) => expect(Math.abs(v - byteToHU(ramp(i), WINDOWS.subdural))).toBeLessThanOrEqual(4 * level));
  });

  it('too-large from the frame header; cut short → truncated or corrupt, never a crash', () => {
    const img = jpegOf(100, 100, (i) => i % 256);
    expect(codeOf(img, { maxPixels: 5000 })).toBe('too-large');
    expect(['truncated', 'corrupt']).toContain(codeOf(img.subarray(0, 300)));
  });
});
