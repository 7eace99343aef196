/** Loading a whole scan from many files (src/ct/scan): grouping, anatomical order, reports by name, int16 HU. */
import { encode as encodePng } from 'fast-png';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { compareNames, decodeSeries, indexScan, sliceNormal, type ScanIndex, type ScanInputFile } from '../../../src/ct/scan/index';
import { writeDicom } from './write-dicom';

const AXIAL = [1, 0, 0, 0, 1, 0];
const SERIES_A = '1.2.826.0.1.3680043.2.1125.100';
const SERIES_B = '1.2.826.0.1.3680043.2.1125.200';

interface SliceSpec {
  z: number;
  /** Every pixel's HU (stored = HU + 1024, intercept −1024). */
  hu: number;
  instance?: number;
  series?: string;
  size?: number;
  iop?: number[] | null;
  position?: boolean;
  extra?: Record<string, unknown>;
}

function ctSlice(s: SliceSpec): Uint8Array {
  const n = s.size ?? 8;
  return writeDicom({
    rows: n,
    cols: n,
    stored: new Array(n * n).fill(s.hu + 1024),
    intercept: '-1024',
    slope: '1',
    extra: {
      SeriesInstanceUID: s.series ?? SERIES_A,
      ...(s.position === false ? {} : { ImagePositionPatient: [-100, -100, s.z] }),
      ...(s.iop === null ? {} : { ImageOrientationPatient: s.iop ?? AXIAL }),
      ...(s.instance !== undefined ? { InstanceNumber: s.instance } : {}),
      ...s.extra,
    },
  });
}

/** A seeded shuffle (mulberry32), so the test is the same on every run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * 30 axial slices 5 mm apart, z = −40 … +105, slice k holding HU 10·k. File names carry no order
 * (a scrambled number), Instance Numbers run the other way, and the list comes shuffled.
 */
function thirtySlices(prefix = 'head/'): { files: ScanInputFile[]; nameOfK: string[] } {
  const nameOfK = Array.from({ length: 30 }, (_, k) => `${prefix}IMG${String((k * 7919) % 1000).padStart(3, '0')}.dcm`);
  const files = nameOfK.map((name, k) => ({ name, bytes: ctSlice({ z: -40 + 5 * k, hu: 10 * k, instance: 30 - k }) }));
  return { files: shuffled(files, 22), nameOfK };
}

/** Every input name is in exactly one place: a slice of a series or a skipped file. */
function accountedFor(index: ScanIndex): string[] {
  const inSeries = new Set(index.series.flatMap((s) => s.slices.map((r) => r.file)));
  return [...inSeries, ...index.skipped.map((s) => s.file)].sort();
}

describe('indexScan: order', () => {
  it('puts 30 shuffled, scrambled-name files in anatomical order by Image Position (Patient), base to vertex', async () => {
    const { files, nameOfK } = thirtySlices();
    expect(files.map((f) => f.name)).not.toEqual(nameOfK);
    const index = indexScan(files);
    expect(index.series).toHaveLength(1);
    expect(index.chosen).toBe(0);
    expect(index.skipped).toEqual([]);
    expect(index.notes).toEqual([]);
    const series = index.series[0]!;
    expect(series.uid).toBe(SERIES_A);
    expect(series.order).toBe('position');
    expect(series.normal).toEqual([0, 0, 1]);
    expect(series.spacingMm).toBe(5);
    expect(series.slices.map((s) => s.file)).toEqual(nameOfK);
    expect(series.slices.map((s) => s.positionMm)).toEqual(nameOfK.map((_, k) => -40 + 5 * k));
    expect(series.notes.map((n) => n.code)).toEqual(['order-position']);
    expect(series.notes[0]?.message).toContain('from the base of the head to the vertex');

    // Decoded: int16 HU, and the pixels prove the order (slice k holds 10·k HU).
    const decoded = await decodeSeries(series);
    expect(decoded.failed).toEqual([]);
    expect(decoded.slices.every((s) => s.hu instanceof Int16Array && s.hu.length === 64)).toBe(true);
    expect(decoded.slices.map((s) => s.hu[0])).toEqual(nameOfK.map((_, k) => 10 * k));
  });

  it('orders by position along the normal whichever way the cosines point (normal turned to +z)', () => {
    // Row direction −x and column direction +y give r × c = −z; positions still rise towards the head.
    expect(sliceNormal([-1, 0, 0, 0, 1, 0])).toEqual([-0, -0, 1]);
    const tilted = [1, 0, 0, 0, Math.cos(0.3), -Math.sin(0.3)];
    const n = sliceNormal(tilted)!;
    expect(n[2]).toBeCloseTo(Math.cos(0.3), 12);
    expect(n[1]).toBeCloseTo(Math.sin(0.3), 12);
    const files = [3, 1, 2].map((k) => ({ name: `s${k}.dcm`, bytes: ctSlice({ z: 10 * k, hu: k, iop: [-1, 0, 0, 0, 1, 0] }) }));
    expect(indexScan(files).series[0]?.slices.map((s) => s.file)).toEqual(['s1.dcm', 's2.dcm', 's3.dcm']);
  });

  it('without positions orders by Instance Number and names the files that have none', () => {
    const files = [
      { name: 'c.dcm', bytes: ctSlice({ z: 0, hu: 0, instance: 1, position: false }) },
      { name: 'a.dcm', bytes: ctSlice({ z: 0, hu: 0, instance: 3, position: false }) },
      { name: 'b.dcm', bytes: ctSlice({ z: 5, hu: 0, instance: 2 }) },
    ];
    const s = indexScan(files).series[0]!;
    expect(s.order).toBe('instance');
    expect(s.slices.map((r) => r.file)).toEqual(['c.dcm', 'b.dcm', 'a.dcm']);
    expect(s.slices.every((r) => r.positionMm === undefined)).toBe(true);
    const noPos = s.notes.find((x) => x.code === 'no-position');
    expect(noPos?.files).toEqual(['c.dcm', 'a.dcm']);
    expect(noPos?.message).toBe('2 files have no Image Position (Patient), so the series is ordered by Instance Number and positions are unknown');
  });

  it('orders a PNG stack by file name in natural order and says so', () => {
    const png = encodePng({ width: 16, height: 16, data: new Uint8Array(256).fill(90), channels: 1, depth: 8 });
    const names = ['IM10.png', 'IM2.png', 'IM1.png', 'im3.png'];
    const s = indexScan(names.map((name) => ({ name, bytes: png }))).series[0]!;
    expect(s.key).toBe('images');
    expect(s.order).toBe('name');
    expect(s.slices.map((r) => r.file)).toEqual(['IM1.png', 'IM2.png', 'im3.png', 'IM10.png']);
    expect(s.notes.map((n) => n.message)).toEqual(['slices ordered by file name (PNG/JPEG images carry no position); check the order']);
    expect(compareNames('a10', 'a9')).toBeGreaterThan(0);
  });

  it('reports duplicated positions and a gap in spacing by file name', () => {
    const zs = [0, 5, 10, 10, 15, 30, 35];
    const files = zs.map((z, i) => ({ name: `f${i}.dcm`, bytes: ctSlice({ z, hu: 0, instance: i + 1 }) }));
    const s = indexScan(files).series[0]!;
    expect(s.spacingMm).toBe(5);
    const dup = s.notes.find((n) => n.code === 'duplicate-position');
    expect(dup?.files).toEqual(['f2.dcm', 'f3.dcm']);
    expect(dup?.message).toBe('2 slices share the position 10 mm (duplicated or overlapping slices?)');
    const gap = s.notes.find((n) => n.code === 'gap');
    expect(gap?.files).toEqual(['f4.dcm', 'f5.dcm']);
    expect(gap?.params).toEqual({ gap: 15, spacing: 5 });
  });

  it('reports slices tilted differently from the rest and mixed sizes (once decoded)', async () => {
    const files = [0, 1, 2, 3].map((k) => ({ name: `t${k}.dcm`, bytes: ctSlice({ z: 5 * k, hu: 0, size: k === 3 ? 12 : 8, ...(k === 1 ? { iop: [1, 0, 0, 0, 0.99, 0.141] } : {}) }) }));
    const s = indexScan(files).series[0]!;
    expect(s.notes.find((n) => n.code === 'mixed-orientation')?.files).toEqual(['t1.dcm']);
    const d = await decodeSeries(s);
    const mixed = d.notes.find((n) => n.code === 'mixed-sizes');
    expect(mixed?.files).toEqual(['t3.dcm']);
    expect(mixed?.message).toBe('1 slice is not 8x8 pixels like the rest (12x12)');
  });

  it('splits a multi-frame DICOM into frames ordered by their per-frame positions', async () => {
    const n = 4;
    const frames = 3;
    const zs = [20, 0, 10]; // frame 0 is the highest
    const bytes = writeDicom({
      rows: n,
      cols: n,
      frames,
      stored: zs.flatMap((z) => new Array(n * n).fill(z + 1024)),
      intercept: '-1024',
      extra: {
        SeriesInstanceUID: SERIES_A,
        SharedFunctionalGroupsSequence: [{ PlaneOrientationSequence: [{ ImageOrientationPatient: AXIAL }] }],
        PerFrameFunctionalGroupsSequence: zs.map((z) => ({ PlanePositionSequence: [{ ImagePositionPatient: [0, 0, z] }] })),
      },
    });
    const s = indexScan([{ name: 'enhanced.dcm', bytes }]).series[0]!;
    expect(s.order).toBe('position');
    expect(s.slices.map((r) => [r.frame?.index, r.positionMm])).toEqual([
      [1, 0],
      [2, 10],
      [0, 20],
    ]);
    const d = await decodeSeries(s);
    expect(d.slices.map((x) => x.hu[0])).toEqual([0, 10, 20]);
  });
});

describe('indexScan: series, archives and files that are not slices', () => {
  it('lists two series largest first, shows the largest, and says so', () => {
    const { files } = thirtySlices();
    const other = [0, 1, 2, 3, 4].map((k) => ({ name: `head/other${k}.dcm`, bytes: ctSlice({ z: 3 * k, hu: 0, series: SERIES_B, extra: { SeriesNumber: 7, SeriesDescription: 'Bone 1mm' } }) }));
    const index = indexScan(shuffled([...files, ...other], 5));
    expect(index.series.map((s) => [s.uid, s.slices.length])).toEqual([
      [SERIES_A, 30],
      [SERIES_B, 5],
    ]);
    expect(index.series[1]?.description).toBe('Bone 1mm');
    expect(index.series[1]?.number).toBe(7);
    expect(index.chosen).toBe(0);
    expect(index.notes.map((n) => n.message)).toEqual(['2 series found; showing the largest (30 slices); choose another to see it']);
  });

  it('reads a ZIP of the shuffled slices in the same order as the folder, and names a non-image file in it', () => {
    const { files, nameOfK } = thirtySlices('export/');
    const zip = zipSync({ ...Object.fromEntries(files.map((f) => [f.name, f.bytes])), 'export/README.txt': new TextEncoder().encode('Exported by a viewer.') });
    const index = indexScan([{ name: 'scan.zip', bytes: zip }]);
    expect(index.fileCount).toBe(31);
    expect(index.series[0]?.slices.map((s) => s.file)).toEqual(nameOfK.map((n) => `scan.zip/${n}`));
    expect(index.skipped).toEqual([
      { file: 'scan.zip/export/README.txt', code: 'not-image', params: { start: 'Exported by ' }, message: 'not a DICOM, PNG, JPEG or ZIP file (starts with "Exported by "), skipped' },
    ]);
  });

  it('names a corrupt ZIP and still loads the files beside it', () => {
    const { files } = thirtySlices();
    const zip = zipSync({ 'a.dcm': files[0]!.bytes, 'b.dcm': files[1]!.bytes });
    const cut = zip.slice(0, Math.floor(zip.length / 2));
    const index = indexScan([...files, { name: 'broken.zip', bytes: cut }]);
    expect(index.series[0]?.slices).toHaveLength(30);
    expect(index.skipped.map((s) => [s.file, s.code])).toEqual([['broken.zip', 'corrupt-zip']]);
    expect(index.skipped[0]?.message).toMatch(/^ZIP archive could not be opened \(.+\); none of its files were read$/);
    expect(index.fileCount).toBe(31);
  });

  it('skips an MR slice, a localiser, a PDF, a DICOM report, a DICOMDIR, an empty file and OS litter, each by name, and loads the rest', () => {
    const { files } = thirtySlices();
    const extra: ScanInputFile[] = [
      { name: 'head/mr.dcm', bytes: ctSlice({ z: 0, hu: 0, series: SERIES_B, extra: { Modality: 'MR' } }) },
      { name: 'head/scout.dcm', bytes: ctSlice({ z: 0, hu: 0, extra: { ImageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'] } }) },
      { name: 'head/report.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%…') },
      { name: 'head/notes.txt', bytes: new TextEncoder().encode('patient moved') },
      { name: 'head/empty.dcm', bytes: new Uint8Array(0) },
      { name: 'head/.DS_Store', bytes: new Uint8Array([0, 0, 0, 1, 66, 117, 100, 49]) },
    ];
    const index = indexScan(shuffled([...files, ...extra], 9));
    expect(index.series).toHaveLength(1);
    expect(index.series[0]?.slices).toHaveLength(30);
    const why = Object.fromEntries(index.skipped.map((s) => [s.file, s.code]));
    expect(why).toEqual({
      'head/mr.dcm': 'not-ct',
      'head/scout.dcm': 'localizer',
      'head/report.pdf': 'pdf',
      'head/notes.txt': 'not-image',
      'head/empty.dcm': 'empty-file',
      'head/.DS_Store': 'system-file',
    });
    expect(index.skipped.find((s) => s.file === 'head/mr.dcm')?.message).toBe('a MR image, not CT; this network reads head CT only, skipped');
    expect(accountedFor(index)).toEqual([...files, ...extra].map((f) => f.name).sort());
  });

  it('names a file whose header cannot be read, with the decoder\'s reason', () => {
    const good = ctSlice({ z: 0, hu: 0 });
    const index = indexScan([{ name: 'cut.dcm', bytes: good.slice(0, 200) }, { name: 'ok.dcm', bytes: good }]);
    expect(index.series[0]?.slices.map((s) => s.file)).toEqual(['ok.dcm']);
    expect(index.skipped[0]?.file).toBe('cut.dcm');
    expect(index.skipped[0]?.code).toBe('unreadable');
    expect(index.skipped[0]?.message).toMatch(/\[truncated\]$/);
  });

  it('refuses a series above the slice limit with a clear message, lists it, and shows the next', async () => {
    const { files } = thirtySlices();
    const other = [0, 1, 2].map((k) => ({ name: `b${k}.dcm`, bytes: ctSlice({ z: k, hu: 0, series: SERIES_B }) }));
    const index = indexScan([...files, ...other], { maxSlices: 20 });
    expect(index.maxSlices).toBe(20);
    expect(index.series[0]?.refused?.message).toBe('this series has 30 slices, more than the limit of 20; it is not loaded (split it, or load a part)');
    expect(index.chosen).toBe(1);
    const refused = await decodeSeries(index.series[0]!);
    expect(refused.slices).toEqual([]);
    expect(refused.notes.at(-1)?.code).toBe('too-many-slices');
    const alone = indexScan(files, { maxSlices: 20 });
    expect(alone.chosen).toBe(-1);
    expect(alone.notes.map((n) => n.code)).toEqual(['nothing-to-load']);
  });

  it('names a slice whose pixels fail to decode and keeps the others', async () => {
    const bad = writeDicom({ rows: 8, cols: 8, stored: [], pixelBytes: new Uint8Array(10), extra: { SeriesInstanceUID: SERIES_A, ImagePositionPatient: [0, 0, 99], ImageOrientationPatient: AXIAL } });
    const { files } = thirtySlices();
    const index = indexScan([...files, { name: 'short.dcm', bytes: bad }]);
    const d = await decodeSeries(index.series[0]!);
    expect(d.slices).toHaveLength(30);
    expect(d.failed.map((f) => [f.file, f.code])).toEqual([['short.dcm', 'decode-failed']]);
    expect(d.failed[0]?.message).toMatch(/^could not be decoded: .*\[truncated\]$/);
  });
});
