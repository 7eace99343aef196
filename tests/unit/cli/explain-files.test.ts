import * as tf from '@tensorflow/tfjs-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { parse as parseNpy } from 'npyjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_RESNET } from '../../../src/model/arch';
import { createResNet, type ResNet } from '../../../src/model/resnet34';
import { WINDOWS } from '../../../src/ct/window';
import { explainFiles, outputStems, summarize, summaryLine, warningLine, type ExplainFilesOptions } from '../../../src/cli/explain-files';
import { decodeSlice } from '../../../src/ct/decode';
import { MIN_SLICE_SIDE, sliceWarning, type CtSlice, type DecodeOptions } from '../../../src/ct/slice';
import { writeDicom } from '../ct/write-dicom';
import { seededWeights } from '../../../src/model/weights';
import { useBackend } from '../helpers/tf';
import { CASES_DIR } from '../../shared-data';

const dir = mkdtempSync(join(tmpdir(), 'explain-cli-'));
const out = join(dir, 'out');
let weights: tf.NamedTensorMap;
let net: ResNet;

/** A 64x64 grey ramp with a bright disc: something with structure. */
function grey(w: number, h: number): Uint8Array {
  const px = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) px[y * w + x] = (x * 2 + ((x - 32) ** 2 + (y - 30) ** 2 < 100 ? 120 : 0)) & 255;
  return px;
}

function write(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

const opts = (methods: ExplainFilesOptions['methods'], more: Partial<ExplainFilesOptions> = {}): ExplainFilesOptions => ({
  methods,
  label: 0,
  layer: 'layer4',
  window8bit: WINDOWS.brain,
  outDir: out,
  provenance: { backend: 'wasm', weights: 'tiny seeded test net' },
  ...more,
});

/** The two same-named DICOMs of ../shared/cases/decoding (the test using them skips without it). */
const SAME_NAME = join(CASES_DIR, 'same-name-two-folders');
const SAME_NAME_FILES = ['series1', 'series2'].map((s) => join(SAME_NAME, s, 'IM0001.dcm'));
const haveCases = SAME_NAME_FILES.every((f) => existsSync(f));

/** Every file under `root`, as sorted relative paths. */
function tree(root: string): string[] {
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [relative(root, join(d, e.name))]));
  return walk(root).sort();
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, any>;

describe('explainFiles (the CLI loop) on generated and broken files', () => {
  beforeAll(async () => {
    await useBackend('wasm');
    weights = seededWeights(TINY_RESNET, 5);
    net = createResNet(weights, TINY_RESNET);
  });
  afterAll(() => {
    net.dispose();
    tf.dispose(Object.values(weights));
  });

  it('explains a PNG, a JPEG and a DICOM, writing JSON, PNG overlays and .npy maps', async () => {
    const png = write('slice.png', encodePng({ width: 64, height: 64, data: grey(64, 64), channels: 1, depth: 8 }));
    const rgba = new Uint8Array(64 * 48 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i >> 4) & 255));
    const jpg = write('photo.jpg', new Uint8Array(jpeg.encode({ width: 64, height: 48, data: rgba }, 90).data));
    const hu = Array.from({ length: 80 * 96 }, (_, i) => ((i % 80) - 40) * 2 - 1000 * Number(i % 96 < 3));
    const dcm = write('scan.dcm', writeDicom({ rows: 96, cols: 80, stored: hu.map((v) => v + 1024), signed: true, intercept: '-1024', slope: '1' }));
    const outcomes = await explainFiles(net, [png, jpg, dcm], opts(['gradient', 'gradcam', 'guided-gradcam']));
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
    const report = JSON.parse(readFileSync(join(out, 'scan.json'), 'utf8')) as Record<string, any>;
    expect(report['preprocessing'].source).toBe('dicom');
    expect(report['preprocessing'].originalSize).toEqual([80, 96]);
    expect(Object.keys(report['probabilities'])).toEqual(['any', 'epidural', 'intraparenchymal', 'intraventricular', 'subarachnoid', 'subdural']);
    for (const p of Object.values(report['probabilities']) as number[]) expect(p).toBeGreaterThan(0);
    expect(report['explanations'].gradcam.stats.min).toBeGreaterThanOrEqual(0);
    // One batched backward pass made the gradient, Guided Backprop (Guided Grad-CAM's part) and Grad-CAM.
    expect([report['explanations'].gradient.shared, report['explanations'].gradcam.shared, report['explanations']['guided-gradcam'].shared]).toEqual([3, 3, undefined]);
    expect(outcomes[2]?.methodShared).toEqual({ gradient: 3, gradcam: 3 });
    const pngReport = JSON.parse(readFileSync(join(out, 'slice.json'), 'utf8')) as Record<string, any>;
    expect(pngReport['preprocessing'].window8bit).toEqual({ level: 40, width: 80 });
    const npy = parseNpy(readFileSync(join(out, 'scan.gradient.npy')).buffer as ArrayBuffer);
    expect(npy.shape).toEqual([224, 224, 3]);
    expect(npy.dtype).toBe('f4');
    const saved = Array.from(npy.data as Float32Array);
    expect(saved.some((v) => v !== 0)).toBe(true);
    expect(existsSync(join(out, 'photo.guided-gradcam.png'))).toBe(true);
  });

  it('gives one clear error per bad file and still processes the good ones', async () => {
    const good = write('good.png', encodePng({ width: 32, height: 32, data: grey(32, 32), channels: 1, depth: 8 }));
    const dicom = writeDicom({ rows: 64, cols: 64, stored: new Array(64 * 64).fill(1000), signed: true });
    const bad = {
      empty: write('empty.dcm', new Uint8Array(0)),
      truncated: write('cut.dcm', dicom.subarray(0, Math.floor(dicom.length / 2))),
      text: write('notes.png', 'this is not an image\n'),
      huge: write('huge.png', encodePng({ width: 5000, height: 4000, data: new Uint8Array(5000 * 4000), channels: 1, depth: 8 })),
      missing: join(dir, 'no-such-file.png'),
    };
    const before = tf.memory().numTensors;
    // A 16-bit greyscale PNG is read as HU + offset (issue #11): 40000 - 1024 HU is no head CT, so it warns.
    const deep = write('deep.png', encodePng({ width: 16, height: 16, data: new Uint16Array(256).fill(40000), channels: 1, depth: 16 }));
    const outcomes = await explainFiles(net, [bad.empty, bad.truncated, good, bad.text, deep, bad.huge, bad.missing], opts(['gradcam']));
    expect(tf.memory().numTensors).toBe(before);
    const byFile = Object.fromEntries(outcomes.map((o) => [o.file, o]));
    expect(byFile[good]?.ok).toBe(true);
    expect(byFile[bad.empty]?.message).toMatch(/empty/);
    expect(byFile[bad.truncated]?.message).toMatch(/truncated/);
    expect(byFile[bad.text]?.message).toMatch(/unknown-format/);
    expect(byFile[deep]?.ok).toBe(true);
    expect(byFile[deep]?.warnings?.map((w) => w.code)).toContain('hu-too-high');
    expect(byFile[bad.huge]?.message).toMatch(/too-large/);
    expect(byFile[bad.missing]?.message).toMatch(/ENOENT|no such file/);
    for (const o of outcomes) expect(o.message.split('\n')).toHaveLength(1);
  });

  it('leaves no tensors behind across the loop', async () => {
    const file = write('again.png', encodePng({ width: 40, height: 40, data: grey(40, 40), channels: 1, depth: 8 }));
    const before = tf.memory().numTensors;
    await explainFiles(net, [file, file], opts(['gradient', 'deconvnet', 'gradcam', 'guided-backprop', 'guided-gradcam']));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('output names: unique, traceable, stable across runs (no model)', () => {
  const m = ['gradcam'];
  it('mirror the path below the inputs\' common folder, minus an image extension', () => {
    expect(outputStems(['/d/a/series1/IM0001.dcm', '/d/a/series2/IM0001.dcm'], 'out', m)).toEqual([join('out', 'series1', 'IM0001'), join('out', 'series2', 'IM0001')]);
    expect(outputStems(['/d/x/scan.png'], 'out', m)).toEqual([join('out', 'scan')]);
    expect(outputStems(['/d/x/a.PNG', '/d/x/b.jpeg', '/d/x/c.DCM'], 'o', m)).toEqual(['o/a', 'o/b', 'o/c'].map((p) => join(p)));
    expect(outputStems(['/d/x/deep/1.dcm', '/d/x/2.dcm'], 'o', m)).toEqual([join('o', 'deep', '1'), join('o', '2')]);
  });

  it('keep a UID-like name whole, so two slices of a series never share a stem', () => {
    const uids = ['/s/1.2.840.113619.2.55.3.604.319', '/s/1.2.840.113619.2.55.3.604.320'];
    expect(outputStems(uids, 'o', m)).toEqual([join('o', '1.2.840.113619.2.55.3.604.319'), join('o', '1.2.840.113619.2.55.3.604.320')]);
  });

  it('add -2, -3 in input order when inputs still collide (same file twice, x.png beside x.jpg, case only)', () => {
    expect(outputStems(['/d/x.png', '/d/x.jpg', '/d/x.dcm'], 'o', m)).toEqual([join('o', 'x'), join('o', 'x-2'), join('o', 'x-3')]);
    expect(outputStems(['/d/s.png', '/d/./s.png'], 'o', m)).toEqual([join('o', 's'), join('o', 's-2')]);
    expect(outputStems(['/d/IM1.dcm', '/d/im1.DCM'], 'o', m)).toEqual([join('o', 'IM1'), join('o', 'im1-2')]);
    // "x-2" is taken by an input of that name: the duplicate of x moves on to -3.
    expect(outputStems(['/d/x-2.png', '/d/x.png', '/d/x.jpg'], 'o', m)).toEqual([join('o', 'x-2'), join('o', 'x'), join('o', 'x-3')]);
  });
});

describe('summary and warning lines (no model)', () => {
  it('count read, failed and warned files', () => {
    const w = sliceWarning('hu-no-air', { min: 12, cause: 'not-ct' });
    const outcomes = [
      { file: 'a', ok: true, message: 'a.json', warnings: [] },
      { file: 'b', ok: true, message: 'b.json', warnings: [w, w] },
      { file: 'c', ok: false, message: 'bad', warnings: [] },
    ];
    expect(summarize(outcomes)).toEqual({ files: 3, read: 2, failed: 1, warned: 1 });
    expect(summaryLine(summarize(outcomes))).toBe('explain: 3 files: 2 read (1 with warnings), 1 failed');
    expect(summaryLine(summarize(outcomes.slice(0, 1)))).toBe('explain: 1 file: 1 read (0 with warnings), 0 failed');
    expect(warningLine('dir/b.dcm', w)).toBe(`explain: dir/b.dcm: warning: ${w.message} [hu-no-air]`);
  });
});

describe('explainFiles: outputs never overwritten, warnings and decoder choices in the JSON', () => {
  beforeAll(async () => {
    await useBackend('wasm');
    weights = seededWeights(TINY_RESNET, 5);
    net = createResNet(weights, TINY_RESNET);
  });
  afterAll(() => {
    net.dispose();
    tf.dispose(Object.values(weights));
  });

  /** Two different DICOMs called IM0001.dcm in two folders. */
  function sameNamePair(): string[] {
    return [1, 2].map((k) => {
      const folder = join(dir, 'pair', `series${k}`);
      mkdirSync(folder, { recursive: true });
      const hu = Array.from({ length: 64 * 64 }, (_, i) => ((i % 64) - 32) ** 2 + (Math.floor(i / 64) - 32) ** 2 < 400 ? 30 * k : -1000);
      const p = join(folder, 'IM0001.dcm');
      writeFileSync(p, writeDicom({ rows: 64, cols: 64, stored: hu.map((v) => v + 1024), signed: true, intercept: '-1024', slope: '1' }));
      return p;
    });
  }

  it('writes two distinct sets for two IM0001.dcm, each JSON naming its input; a re-run refuses and keeps them', async () => {
    const files = sameNamePair();
    const o = join(dir, 'out-pair');
    const first = await explainFiles(net, files, opts(['gradcam', 'gradient'], { outDir: o }));
    expect(first.map((x) => x.ok)).toEqual([true, true]);
    expect(tree(o)).toEqual(['series1/IM0001.gradcam.npy', 'series1/IM0001.gradcam.png', 'series1/IM0001.gradient.npy', 'series1/IM0001.gradient.png', 'series1/IM0001.json',
      'series2/IM0001.gradcam.npy', 'series2/IM0001.gradcam.png', 'series2/IM0001.gradient.npy', 'series2/IM0001.gradient.png', 'series2/IM0001.json'].map((p) => join(p)));
    const reports = ['series1', 'series2'].map((s) => readJson(join(o, s, 'IM0001.json')));
    expect(reports.map((r) => r['file'])).toEqual(files);
    expect(reports.map((r) => r['fileAbsolute'])).toEqual(files);
    expect(reports[0]?.['sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(reports[0]?.['sha256']).not.toBe(reports[1]?.['sha256']);
    expect(first.map((x) => x.json)).toEqual([join(o, 'series1', 'IM0001.json'), join(o, 'series2', 'IM0001.json')]);

    // Re-run into the same folder: each file fails with 'exists' before decoding, nothing is touched.
    const before = tree(o).map((p) => [p, statSync(join(o, p)).mtimeMs, readFileSync(join(o, p)).length]);
    const second = await explainFiles(net, files, opts(['gradcam', 'gradient'], { outDir: o }));
    expect(second.map((x) => [x.ok, x.code])).toEqual([[false, 'exists'], [false, 'exists']]);
    expect(second[0]?.message).toBe(`would overwrite ${join(o, 'series1', 'IM0001.json')} and 4 more from an earlier run; pass --overwrite to replace, or choose another --out [exists]`);
    expect(tree(o).map((p) => [p, statSync(join(o, p)).mtimeMs, readFileSync(join(o, p)).length])).toEqual(before);
    expect(summaryLine(summarize(second))).toBe('explain: 2 files: 0 read (0 with warnings), 2 failed');

    // One existing output is enough to refuse; --overwrite replaces.
    const third = await explainFiles(net, files, opts(['deconvnet', 'gradcam'], { outDir: o }));
    expect(third[0]?.message).toBe(`would overwrite ${join(o, 'series1', 'IM0001.json')} and 2 more from an earlier run; pass --overwrite to replace, or choose another --out [exists]`);
    const fourth = await explainFiles(net, files, opts(['deconvnet'], { outDir: o, overwrite: true }));
    expect(fourth.map((x) => x.ok)).toEqual([true, true]);
    expect(Object.keys(readJson(join(o, 'series2', 'IM0001.json'))['explanations'])).toEqual(['deconvnet']);
  });

  it.skipIf(!haveCases)('gives ../shared/cases same-name-two-folders two traceable sets of outputs', async () => {
    const o = join(dir, 'out-cases');
    const outcomes = await explainFiles(net, SAME_NAME_FILES, opts(['gradcam'], { outDir: o }));
    expect(outcomes.map((x) => [x.ok, x.message])).toEqual([[true, join(o, 'series1', 'IM0001.json')], [true, join(o, 'series2', 'IM0001.json')]]);
    expect(tree(o)).toEqual(['series1/IM0001.gradcam.npy', 'series1/IM0001.gradcam.png', 'series1/IM0001.json', 'series2/IM0001.gradcam.npy', 'series2/IM0001.gradcam.png', 'series2/IM0001.json'].map((p) => join(p)));
    const reports = ['series1', 'series2'].map((s) => readJson(join(o, s, 'IM0001.json')));
    expect(reports.map((r) => r['file'])).toEqual(SAME_NAME_FILES);
    expect(reports[0]?.['sha256']).not.toBe(reports[1]?.['sha256']);
    expect(reports.map((r) => r['preprocessing'].source)).toEqual(['dicom', 'dicom']);
  });

  it('counts a mix of good, bad and warned files; warnings go into the JSON and to onOutcome', async () => {
    const o = join(dir, 'out-mix');
    const good = write('mix-good.png', encodePng({ width: 32, height: 32, data: grey(32, 32), channels: 1, depth: 8 }));
    const warned = write('mix-warned.png', encodePng({ width: 33, height: 33, data: grey(33, 33), channels: 1, depth: 8 }));
    const bad = write('mix-bad.png', 'not an image');
    const noAir = sliceWarning('hu-no-air', { min: -20, cause: 'windowed-image' });
    const unsure = sliceWarning('window-unsure', { level: 40, width: 80 });
    // The real decoder, with the warnings set here: two on the 33-pixel-wide image, none on the other
    // (the decoders' own warnings, e.g. 'window-unsure' on these synthetic greys, are theirs to test).
    const decode = async (bytes: Uint8Array, o: DecodeOptions): Promise<CtSlice> => {
      const s = await decodeSlice(bytes, o);
      return { ...s, warnings: s.width === 33 ? [noAir, unsure] : [] };
    };
    const streamed: string[] = [];
    const outcomes = await explainFiles(net, [good, warned, bad], opts(['gradcam'], { outDir: o, decode, onOutcome: (x) => streamed.push(x.file) }));
    expect(streamed).toEqual([good, warned, bad]);
    expect(outcomes.map((x) => [x.ok, x.warnings.length])).toEqual([[true, 0], [true, 2], [false, 0]]);
    expect(summaryLine(summarize(outcomes))).toBe('explain: 3 files: 2 read (1 with warnings), 1 failed');
    expect(readJson(join(o, 'mix-good.json'))['warnings']).toEqual([]);
    const report = readJson(join(o, 'mix-warned.json'));
    expect(report['warnings']).toEqual([
      { code: 'hu-no-air', params: { min: -20, cause: 'windowed-image' }, message: noAir.message },
      { code: 'window-unsure', params: { level: 40, width: 80 }, message: unsure.message },
    ]);
    expect(noAir.message).toMatch(/no air in this slice \(lowest value -20 HU/);
    expect(outcomes[2]?.code).toBe('unknown-format');
  });

  it('passes --window/--frame/--hu-offset to the decoder and records what it chose', async () => {
    const o = join(dir, 'out-opts');
    const png = write('opts.png', encodePng({ width: 32, height: 32, data: grey(32, 32), channels: 1, depth: 8 }));
    const seen: DecodeOptions[] = [];
    // A stand-in decoder that reports what the new decoders report: an estimated window, a frame of three.
    const decode = async (bytes: Uint8Array, d: DecodeOptions): Promise<CtSlice> => {
      seen.push(d);
      const s = await decodeSlice(bytes, { window8bit: WINDOWS.brain });
      if (d.frame === 7) return { hu: s.hu, width: s.width, height: s.height, source: 'dicom', frame: { index: 1, count: 3 } };
      if (d.huOffset16 === -1000) return { hu: s.hu, width: s.width, height: s.height, source: 'png' };
      return { ...s, windowUsed: { level: 35, width: 90 }, windowEstimated: d.window8bit === 'auto' };
    };
    const run = async (name: string, more: Partial<ExplainFilesOptions>) => {
      const [x] = await explainFiles(net, [png], opts(['gradcam'], { outDir: join(o, name), decode, ...more }));
      expect(x?.ok).toBe(true);
      return readJson(join(o, name, 'opts.json'))['preprocessing'];
    };
    const auto = await run('auto', { window8bit: 'auto' });
    expect(seen.at(-1)).toEqual({ window8bit: 'auto', minSide: MIN_SLICE_SIDE });
    expect(auto.window8bit).toEqual({ level: 35, width: 90 });
    expect(auto.window8bitEstimated).toBe(true);
    expect(auto.requested).toEqual({ window8bit: 'auto', frame: 'middle', huOffset16: -1024 });
    expect(auto.frame).toBeUndefined();

    const given = await run('given', { window8bit: { level: 40, width: 120 } });
    expect(given.window8bitEstimated).toBe(false);
    expect(given.requested.window8bit).toEqual({ level: 40, width: 120 });

    const framed = await run('frame', { window8bit: 'auto', frame: 7 });
    expect(seen.at(-1)).toEqual({ window8bit: 'auto', minSide: MIN_SLICE_SIDE, frame: 7 });
    expect(framed.frame).toEqual({ index: 1, count: 3 });
    expect(framed.window8bit).toBeUndefined();
    expect(framed.requested.frame).toBe(7);

    const deep = await run('deep', { window8bit: 'auto', huOffset16: -1000 });
    expect(seen.at(-1)).toEqual({ window8bit: 'auto', minSide: MIN_SLICE_SIDE, huOffset16: -1000 });
    expect(deep.huOffset16).toBe(-1000);
    expect(deep.window8bit).toBeUndefined();
  });
});
