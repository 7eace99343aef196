import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_RESNET, weightShapes } from '../../../src/model/arch';
import { disposeWeights } from '../../../src/model/weights';
import { loadWeightsFromDir } from '../../../src/model/weights-node';
import { useBackend } from '../helpers/tf';

/**
 * The PyTorch exporter's binary format (models/train/tfjs_weights.py) read by the TS loader (tfjs
 * decodeWeights): tests/fixtures/golden/weights-format/ is written by models/train/weights_fixture.py,
 * with expected.f32 holding the values Python decodes. Equal values prove both sides agree on the layout,
 * float16 bits, uint8 affine decoding, and uint8 per output channel (this project's manifest).
 */
const root = fileURLToPath(new URL('../../fixtures/golden/weights-format/', import.meta.url));

beforeAll(async () => {
  await useBackend('cpu');
});

describe('weights written by the PyTorch exporter', () => {
  for (const dtype of ['float32', 'float16', 'uint8', 'uint8-channel'] as const) {
    it(`${dtype}: the TS loader decodes exactly what Python decodes`, async () => {
      const loaded = await loadWeightsFromDir(`${root}${dtype}`);
      expect(loaded.spec).toEqual(TINY_RESNET);
      expect(loaded.meta['dtype']).toBe(dtype);
      const buf = readFileSync(`${root}${dtype}/expected.f32`);
      const expected = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
      let offset = 0;
      for (const [name, shape] of weightShapes(TINY_RESNET)) {
        const t = loaded.weights[name] as tf.Tensor;
        expect(t.shape, name).toEqual(shape);
        const n = t.size;
        expect(Array.from(t.dataSync()), name).toEqual(Array.from(expected.subarray(offset, offset + n)));
        offset += n;
      }
      expect(offset).toBe(expected.length);
      disposeWeights(loaded.weights);
    });
  }
});
