import * as tf from '@tensorflow/tfjs-core';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { parse as parseNpy } from 'npyjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_RESNET } from '../../../src/model/arch';
import { createResNet, type ResNet } from '../../../src/model/resnet34';
import { WINDOWS } from '../../../src/ct/window';
import { explainFiles, type ExplainFilesOptions } from '../../../src/cli/explain-files';
import { writeDicom } from '../ct/write-dicom';
import { seededWeights } from '../../../src/model/weights';
import { useBackend } from '../helpers/tf';

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

const opts = (methods: ExplainFilesOptions['methods']): ExplainFilesOptions => ({
  methods,
  label: 0,
  layer: 'layer4',
  window8bit: WINDOWS.brain,
  outDir: out,
  provenance: { backend: 'wasm', weights: 'tiny seeded test net' },
});

describe('explainFiles (the CLI loop) on generated and broken files', () => {
  beforeAll(async () => {
    await useBackend('wasm');
    weights = seededWeights(TINY_RESNET, 5);
    net = createResNet(weights, TINY_RESNET);
  });
  afterAll(() => {
    net.dispose();
    tf.dispose(Object.values(weights));
    rmSync(dir, { recursive: true, force: true });
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
      deep: write('deep.png', encodePng({ width: 8, height: 8, data: new Uint16Array(64).fill(40000), channels: 1, depth: 16 })),
      huge: write('huge.png', encodePng({ width: 5000, height: 4000, data: new Uint8Array(5000 * 4000), channels: 1, depth: 8 })),
      missing: join(dir, 'no-such-file.png'),
    };
    const before = tf.memory().numTensors;
    const outcomes = await explainFiles(net, [bad.empty, bad.truncated, good, bad.text, bad.deep, bad.huge, bad.missing], opts(['gradcam']));
    expect(tf.memory().numTensors).toBe(before);
    const byFile = Object.fromEntries(outcomes.map((o) => [o.file, o]));
    expect(byFile[good]?.ok).toBe(true);
    expect(byFile[bad.empty]?.message).toMatch(/empty/);
    expect(byFile[bad.truncated]?.message).toMatch(/truncated/);
    expect(byFile[bad.text]?.message).toMatch(/unknown-format/);
    expect(byFile[bad.deep]?.message).toMatch(/bit-depth/);
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
