/** `npm run explain -- DIR|ZIP`: each series explained as one scan, with scan.json and the strip figure. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { LABELS } from '../../../src/model/arch';
import { WINDOWS } from '../../../src/ct/window';
import { indexScan } from '../../../src/ct/scan/index';
import { explainScans, readScanInputs, scanReport, scanSummaryLine, seriesDirNames, sliceStems, type ScanJsonSlice, type ScanRunOptions } from '../../../src/cli/explain-scan';
import { scanStrip, STRIP_LAYOUT } from '../../../src/cli/scan-strip';
import { writeDicom } from '../ct/write-dicom';
import { useTinyResNet } from '../helpers/tiny-resnet';
import { REAL_DICOM_DIR } from '../../shared-data';

const dir = mkdtempSync(join(tmpdir(), 'explain-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SERIES_A = '1.2.826.0.1.3680043.2.1125.300';
const SERIES_B = '1.2.826.0.1.3680043.2.1125.400';

/** A 64×64 head-like slice: air, a bone ring, brain; the brain's radius grows with k (so scores differ). */
function headSlice(k: number, z: number, series = SERIES_A): Uint8Array {
  const n = 64;
  const stored = Array.from({ length: n * n }, (_, i) => {
    const r = Math.hypot((i % n) - 32, Math.floor(i / n) - 32);
    const hu = r < 14 + k ? 30 + (k % 3) * 20 : r < 18 + k ? 1200 : -1000;
    return hu + 1024;
  });
  return writeDicom({
    rows: n,
    cols: n,
    stored,
    intercept: '-1024',
    slope: '1',
    pixelSpacing: [0.5, 0.5],
    extra: { SeriesInstanceUID: series, ImagePositionPatient: [-16, -16, z], ImageOrientationPatient: [1, 0, 0, 0, 1, 0], InstanceNumber: 100 - k },
  });
}

const png = (path: string): PNG => PNG.sync.read(readFileSync(path));
const json = (path: string): Record<string, any> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;

describe('scan.json and the strip figure (pure)', () => {
  const rows: ScanJsonSlice[] = [0.1, 0.7, 0.4, 0.9].map((p, index) => ({
    index,
    file: `f${index}.dcm`,
    positionMm: 5 * index,
    instance: index + 1,
    json: `f${index}.json`,
    probabilities: Object.fromEntries(LABELS.map((l, j) => [l, j === 0 ? p : p / 10])),
    warnings: [],
  }));
  const series = indexScan([{ name: 'f0.dcm', bytes: headSlice(0, 0) }]).series[0]!;

  it('gives each label its maximum and the slices at or above its threshold', () => {
    const r = scanReport({ series, slices: [...rows, { index: 4, file: 'bad.dcm', positionMm: 20, instance: 5, probabilities: null, warnings: [], error: 'x' }], thresholds: [0.5, 0.05, 0.5, 0.5, 0.5, 0.5], notes: [], skipped: [], provenance: {}, strip: 'scan.png' });
    expect(r['format']).toBe('ich-scan/1');
    expect(r['max']).toMatchObject({ any: { probability: 0.9, index: 3, file: 'f3.dcm', positionMm: 15 } });
    expect((r['max'] as Record<string, { probability: number }>)['epidural']?.probability).toBeCloseTo(0.09, 12);
    expect(r['aboveThreshold']).toMatchObject({
      any: { threshold: 0.5, count: 2, slices: [{ index: 1, file: 'f1.dcm', positionMm: 5 }, { index: 3 }] },
      epidural: { threshold: 0.05, count: 2 },
      subdural: { threshold: 0.5, count: 0, slices: [] },
    });
    expect(r['series']).toMatchObject({ uid: SERIES_A, order: 'position', slices: 5, scored: 4 });
  });

  it('draws one row per label, the threshold dashed and the points at each slice', () => {
    const probabilities = rows.map((r) => LABELS.map((l) => r.probabilities?.[l] ?? 0));
    const img = scanStrip({ labels: LABELS, probabilities, positions: rows.map((r) => r.positionMm), thresholds: LABELS.map(() => 0.5), title: 'test' });
    const L = STRIP_LAYOUT;
    expect(img.width).toBe(L.width);
    expect(img.height).toBe(L.top + 6 * (L.row + L.gap) + L.bottom);
    const at = (x: number, y: number): number[] => Array.from(img.data.subarray(4 * (y * img.width + x), 4 * (y * img.width + x) + 3));
    // The "any" row: the last slice (0.9, at the right end) is a filled square in the row's colour.
    const yOf = (p: number): number => Math.round(L.top + L.row - 3 - p * (L.row - 6));
    expect(at(L.width - L.right - 4, yOf(0.9))).toEqual([20, 20, 20]);
    // The threshold line is grey somewhere along its length, and not everywhere (dashed).
    const thr = Array.from({ length: 40 }, (_, i) => at(L.left + 100 + i, yOf(0.5))[0]);
    expect(thr).toContain(150);
    expect(thr).toContain(244);
  });
});

describe('readScanInputs', () => {
  it('follows links to slices, and names a broken link instead of dropping it', async () => {
    const folder = join(dir, 'links');
    mkdirSync(folder, { recursive: true });
    const real = join(dir, 'real.dcm');
    writeFileSync(real, headSlice(0, 0));
    symlinkSync(real, join(folder, 'a.dcm'));
    symlinkSync(join(dir, 'gone.dcm'), join(folder, 'b.dcm'));
    const { files, unreadable } = await readScanInputs([folder]);
    expect(files.map((f) => f.name)).toEqual([join(folder, 'a.dcm')]);
    expect(unreadable.map((u) => [u.file, u.code])).toEqual([[join(folder, 'b.dcm'), 'ENOENT']]);
  });
});

describe('explainScans (tiny network)', () => {
  const tiny = useTinyResNet();
  const opts = (outDir: string, more: Partial<ScanRunOptions> = {}): ScanRunOptions => ({
    methods: [],
    label: 0,
    layer: 'layer4',
    window8bit: WINDOWS.brain,
    outDir,
    provenance: { backend: 'cpu', weights: 'tiny seeded test net' },
    thresholds: LABELS.map(() => 0.5),
    maxSlices: 600,
    ...more,
  });

  it('explains each series of a folder in anatomical order, writes scan.json and scan.png, and names what it skipped', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    // Eight slices of series A written in a shuffled order under names that carry no order; three of B in a subfolder.
    const order = [5, 2, 7, 0, 3, 6, 1, 4];
    const nameOf = (k: number): string => `x${(k * 37) % 100}.dcm`;
    for (const k of order) writeFileSync(join(folder, nameOf(k)), headSlice(k, 10 + 2.5 * k));
    for (const k of [2, 0, 1]) writeFileSync(join(folder, 'sub', `b${k}.dcm`), headSlice(k, k * 3, SERIES_B));
    writeFileSync(join(folder, 'notes.txt'), 'read me');
    const { files, unreadable } = await readScanInputs([folder]);
    expect(unreadable).toEqual([]);
    const out = join(dir, 'out-folder');
    const seen: string[] = [];
    const run = await explainScans(tiny.net(), files, opts(out, { methods: ['gradcam'], onOutcome: (o) => seen.push(o.file) }));
    expect(run.series.map((s) => [s.dir, s.slices.length])).toEqual([
      [join(out, 'series-1'), 8],
      [join(out, 'series-2'), 3],
    ]);
    expect(seen.slice(0, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((k) => join(folder, nameOf(k))));
    expect(run.index.skipped.map((s) => [s.file, s.code])).toEqual([[join(folder, 'notes.txt'), 'not-image']]);
    expect(scanSummaryLine(run)).toMatch(/^explain: 12 files, 2 series: 11 slices read \(\d+ with warnings\), 0 failed, 1 skipped$/);

    const scan = json(join(out, 'series-1', 'scan.json'));
    expect(scan['slices'].map((s: ScanJsonSlice) => [s.file, s.positionMm])).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((k) => [join(folder, nameOf(k)), 10 + 2.5 * k]));
    expect(scan['series']).toMatchObject({ uid: SERIES_A, order: 'position', spacingMm: 2.5, slices: 8, scored: 8 });
    expect(Object.keys(scan['slices'][0].probabilities)).toEqual([...LABELS]);
    // Each slice's probabilities are those of its own JSON, and the maximum is the largest of them.
    const perSlice = scan['slices'].map((s: ScanJsonSlice) => json(join(out, 'series-1', s.json as string)));
    expect(perSlice.map((r: Record<string, any>) => r['probabilities'])).toEqual(scan['slices'].map((s: ScanJsonSlice) => s.probabilities));
    expect(existsSync(join(out, 'series-1', `${nameOf(3).replace('.dcm', '')}.gradcam.png`))).toBe(true);
    for (const l of LABELS) {
      const values = scan['slices'].map((s: ScanJsonSlice) => s.probabilities?.[l] as number);
      expect(scan['max'][l].probability).toBe(Math.max(...values));
      expect(scan['aboveThreshold'][l].count).toBe(values.filter((v: number) => v >= 0.5).length);
    }
    expect(scan['skipped']).toEqual([{ file: join(folder, 'notes.txt'), code: 'not-image', message: expect.stringContaining('not a DICOM') }]);
    expect(scan['notes'].map((n: { code: string }) => n.code)).toEqual(['order-position']);
    expect(png(join(out, 'series-1', 'scan.png')).width).toBe(STRIP_LAYOUT.width);
    expect(json(join(out, 'series-2', 'scan.json'))['slices'].map((s: ScanJsonSlice) => s.file)).toEqual([0, 1, 2].map((k) => join(folder, 'sub', `b${k}.dcm`)));

    // A second run into the same folder refuses each series rather than overwrite it.
    const again = await explainScans(tiny.net(), files, opts(out, { methods: ['gradcam'] }));
    expect(again.series.map((s) => s.refused?.code)).toEqual(['exists', 'exists']);
  });

  it('reads a ZIP as a scan, splits a multi-frame file into frames, and refuses a series above the limit', async () => {
    const frames = [20, 0, 10];
    const n = 32;
    const multi = writeDicom({
      rows: n,
      cols: n,
      frames: 3,
      stored: frames.flatMap((z) => Array.from({ length: n * n }, (_, i) => (Math.hypot((i % n) - 16, Math.floor(i / n) - 16) < 10 ? 1054 + z : 24))),
      intercept: '-1024',
      extra: {
        SeriesInstanceUID: SERIES_B,
        SharedFunctionalGroupsSequence: [{ PlaneOrientationSequence: [{ ImageOrientationPatient: [1, 0, 0, 0, 1, 0] }] }],
        PerFrameFunctionalGroupsSequence: frames.map((z) => ({ PlanePositionSequence: [{ ImagePositionPatient: [0, 0, z] }] })),
      },
    });
    const zipPath = join(dir, 'scan.zip');
    writeFileSync(zipPath, zipSync({ 'DICOM/enhanced.dcm': multi, 'DICOM/a1.dcm': headSlice(1, 5), 'DICOM/a0.dcm': headSlice(0, 0), 'DICOM/a2.dcm': headSlice(2, 10), 'DICOM/a3.dcm': headSlice(3, 15) }));
    const { files } = await readScanInputs([zipPath]);
    const out = join(dir, 'out-zip');
    const run = await explainScans(tiny.net(), files, opts(out, { maxSlices: 3 }));
    expect(run.series[0]?.refused?.message).toBe('this series has 4 slices, more than the limit of 3; it is not loaded (split it, or load a part)');
    expect(existsSync(join(out, 'series-1'))).toBe(false);
    const scan = json(join(out, 'series-2', 'scan.json'));
    expect(scan['slices'].map((s: ScanJsonSlice) => [s.file, s.frame, s.positionMm])).toEqual([
      [`${zipPath}/DICOM/enhanced.dcm`, 1, 0],
      [`${zipPath}/DICOM/enhanced.dcm`, 2, 10],
      [`${zipPath}/DICOM/enhanced.dcm`, 0, 20],
    ]);
    expect(scan['slices'].map((s: ScanJsonSlice) => s.json)).toEqual(['enhanced.f001.json', 'enhanced.f002.json', 'enhanced.f000.json']);
    expect(json(join(out, 'series-2', 'enhanced.f002.json'))['preprocessing'].frame).toEqual({ index: 2, count: 3 });
  });

  it('writes scan.json and scan.png under temporary names and puts them in place together', async () => {
    const folder = join(dir, 'staged');
    mkdirSync(folder);
    for (const k of [0, 1]) writeFileSync(join(folder, `s${k}.dcm`), headSlice(k, 3 * k));
    const { files } = await readScanInputs([folder]);
    const leftovers = (d: string): string[] => readdirSync(d).filter((f) => f.endsWith('.part'));

    // Another run puts its scan.png in place while this one explains the slices: this run keeps neither
    // of its two files, the other run's file stays as it was, and no temporary file is left.
    const race = join(dir, 'out-race');
    const raced = await explainScans(tiny.net(), files, opts(race, { onOutcome: () => writeFileSync(join(race, 'series-1', 'scan.png'), 'the other run') }));
    expect(raced.series[0]?.refused).toEqual({ message: `scan.json and scan.png not written: another run wrote ${join(race, 'series-1', 'scan.png')} meanwhile; nothing of this file was kept`, code: 'exists' });
    expect(raced.series[0]?.slices.map((o) => o.ok)).toEqual([true, true]);
    expect(existsSync(join(race, 'series-1', 'scan.json'))).toBe(false);
    expect(readFileSync(join(race, 'series-1', 'scan.png'), 'utf8')).toBe('the other run');
    expect(leftovers(join(race, 'series-1'))).toEqual([]);
    expect(scanSummaryLine(raced)).toMatch(/1 series refused$/);

    // A write that fails (the folder vanished, as a full disk fails a write) leaves nothing behind and is named with its code.
    const gone = join(dir, 'out-gone');
    const failed = await explainScans(tiny.net(), files, opts(gone, { onOutcome: (o) => o.file.endsWith('s1.dcm') && rmSync(join(gone, 'series-1'), { recursive: true }) }));
    expect(failed.series[0]?.refused?.code).toBe('ENOENT');
    expect(existsSync(join(gone, 'series-1'))).toBe(false);

    // With --overwrite a later run replaces both files whole.
    const over = join(dir, 'out-over');
    await explainScans(tiny.net(), files, opts(over));
    writeFileSync(join(over, 'series-1', 'scan.json'), 'stale');
    const again = await explainScans(tiny.net(), files, opts(over, { overwrite: true }));
    expect(again.series[0]?.refused).toBeUndefined();
    expect(json(join(over, 'series-1', 'scan.json'))['series']).toMatchObject({ slices: 2, scored: 2 });
    expect(png(join(over, 'series-1', 'scan.png')).width).toBe(STRIP_LAYOUT.width);
    expect(leftovers(join(over, 'series-1'))).toEqual([]);
  });

  it('names series folders by Series Number, images for a PNG stack, and keeps frame stems apart', () => {
    const fake = (number: number | undefined, kind: 'dicom' | 'raster' = 'dicom') => ({ key: 'k', uid: null, kind, order: 'name' as const, slices: [], notes: [], ...(number !== undefined ? { number } : {}) });
    expect(seriesDirNames([fake(3), fake(undefined), fake(3), fake(undefined, 'raster')])).toEqual(['series-3', 'series-2', 'series-3-2', 'images']);
    const refs = [0, 1].map((index) => ({ file: '/a/b/m.dcm', bytes: new Uint8Array(0), format: 'dicom' as const, frame: { index, count: 2 } }));
    expect(sliceStems(refs, 'o', [])).toEqual([join('o', 'm.f000'), join('o', 'm.f001')]);
  });
});

describe('npm run explain -- DIR ZIP (the real entry point)', () => {
  it('treats a folder and a ZIP as one load: two series, a non-image file named, scan.json per series, exit 0', () => {
    const folder = join(dir, 'cli');
    mkdirSync(folder, { recursive: true });
    for (const k of [3, 0, 2, 1]) writeFileSync(join(folder, `s${(k * 7) % 10}.dcm`), headSlice(k, k * 5));
    writeFileSync(join(folder, 'report.pdf'), '%PDF-1.4 report');
    const zipPath = join(dir, 'other.zip');
    writeFileSync(zipPath, zipSync({ 'b1.dcm': headSlice(1, 3, SERIES_B), 'b0.dcm': headSlice(0, 0, SERIES_B) }));
    const out = join(dir, 'cli-out');
    const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/explain.ts', folder, zipPath, '--method', 'none', '--out', out], { encoding: 'utf8', timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    const err = r.stderr.split('\n');
    expect(err).toContain(`explain: ${join(folder, 'report.pdf')}: a PDF document (a report?), not an image, skipped [pdf]`);
    expect(err).toContain('explain: 2 series found; showing the largest (4 slices); choose another to see it');
    expect(err.filter((l) => l !== '').at(-1)).toMatch(/^explain: 7 files, 2 series: 6 slices read \(\d+ with warnings\), 0 failed, 1 skipped$/);
    expect(r.stdout).toContain(`series ${SERIES_A} → ${join(out, 'series-1', 'scan.json')}, ${join(out, 'series-1', 'scan.png')}`);
    const a = json(join(out, 'series-1', 'scan.json'));
    expect(a['slices'].map((s: ScanJsonSlice) => s.file)).toEqual([0, 1, 2, 3].map((k) => join(folder, `s${(k * 7) % 10}.dcm`)));
    expect(a['provenance'].backend).toBe('wasm');
    const b = json(join(out, 'series-2', 'scan.json'));
    expect(b['slices'].map((s: ScanJsonSlice) => s.file)).toEqual([`${zipPath}/b0.dcm`, `${zipPath}/b1.dcm`]);
    expect(existsSync(join(out, 'series-2', 'scan.png'))).toBe(true);
  });

  it.skipIf(!existsSync(REAL_DICOM_DIR))('reads the real CT-ICH slices (Hssayeni et al., PhysioNet) in place: one series per file, as their headers say', async () => {
    // Skipped where ../shared/data/ctich-dicom is absent. Each of these slices carries its own Series Instance UID and no position.
    const { files } = await readScanInputs([REAL_DICOM_DIR]);
    const index = indexScan(files);
    expect(index.skipped).toEqual([]);
    expect(index.series).toHaveLength(files.length);
    expect(index.series.every((s) => s.slices.length === 1 && s.modality === 'OT')).toBe(true);
  });
});
