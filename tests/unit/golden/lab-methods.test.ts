/**
 * The lab's deterministic methods against PyTorch autograd on the shipped weights (fixture from
 * models/train/golden_lab.py, format "ich-golden-lab/1"): Grad-CAM++ and occlusion within 1e-3 · max;
 * Integrated Gradients, a mean of 32 vanilla gradients (whose ReLU masks may flip within float32 noise,
 * see resnet34.test.ts), cosine ≥ 0.999 and max error ≤ 2e-2 · max. About two minutes on wasm
 * (169 forward passes for occlusion, 32 forward and backward passes for Integrated Gradients).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABELS, RESNET34 } from '../../../src/model/arch';
import { MODEL_SIZE } from '../../../src/ct/window';
import { createResNet, type ResNet } from '../../../src/model/resnet34';
import { disposeWeights, type LoadedWeights } from '../../../src/model/weights';
import { loadWeightsFromDir } from '../../../src/model/weights-node';
import { openSession } from '../../../src/explain/run';
import { useBackend } from '../helpers/tf';
import { cosine, relErr } from '../helpers/compare';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const dir = process.env['GOLDEN_DIR'] ?? join(repo, 'tests/fixtures/golden');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^lab-\d+\.json$/.test(f)).sort() : [];

interface Entry {
  offset: number;
  shape: number[];
}
interface GoldenLab {
  format: string;
  label: string;
  model: { path: string; sha256: string };
  binary: string;
  tensors: Record<string, Entry>;
}


describe.skipIf(files.length === 0)(`lab methods = PyTorch (${dir})`, () => {
  let loaded: LoadedWeights;
  let net: ResNet;
  beforeAll(async () => {
    await useBackend('wasm');
    const first = JSON.parse(readFileSync(join(dir, files[0] as string), 'utf8')) as GoldenLab;
    const path = first.model.path;
    loaded = await loadWeightsFromDir(dirname(isAbsolute(path) ? path : join(repo, path)));
    net = createResNet(loaded.weights, RESNET34);
  });
  afterAll(() => {
    net.dispose();
    disposeWeights(loaded.weights);
  });

  for (const file of files) {
    it(`${file}: Integrated Gradients, Grad-CAM++ and occlusion`, async () => {
      const g = JSON.parse(readFileSync(join(dir, file), 'utf8')) as GoldenLab;
      expect(g.format).toBe('ich-golden-lab/1');
      expect(loaded.meta['sha256'], 'fixture made from other weights: rerun golden_lab.py').toBe(g.model.sha256);
      const bin = readFileSync(join(dir, g.binary));
      const t = (name: string): Float32Array => {
        const e = g.tensors[name] as Entry;
        const n = e.shape.reduce((a, b) => a * b, 1);
        return new Float32Array(bin.buffer.slice(bin.byteOffset + e.offset, bin.byteOffset + e.offset + 4 * n));
      };
      const label = LABELS.indexOf(g.label as (typeof LABELS)[number]);
      const s = await openSession(net, t('input'), MODEL_SIZE);
      try {
        const pp = await s.explain({ method: 'gradcam-plus-plus', label, layer: 'layer4' });
        expect(relErr(pp.data, t('gradcam-plus-plus')), 'Grad-CAM++').toBeLessThan(1e-3);
        const occ = await s.explain({ method: 'occlusion', label });
        expect(relErr(occ.data, t('occlusion')), 'occlusion').toBeLessThan(1e-3);
        const ig = await s.explain({ method: 'integrated-gradients', label });
        const ref = t('integrated-gradients');
        expect(cosine(ig.data, ref), 'IG cosine').toBeGreaterThan(0.999);
        expect(relErr(ig.data, ref), 'IG').toBeLessThan(2e-2);
      } finally {
        s.dispose();
      }
    }, 400_000);
  }
});
