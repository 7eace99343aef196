/**
 * The feature distance (src/ood/feature-distance.ts, models/resnet34/ood.json) of every slice of a real
 * validation folder, read in place, written as one JSON object { id: score } to a file OUTSIDE the
 * project (e.g. /tmp): the caution's measurement (src/cli/caution-real.ts) reads it instead of running
 * the network again. Nothing of the slices is written, only one number each.
 *
 *   npx tsx src/cli/ood-real-scores.ts --real DIR --out /tmp/ood-DIR.json [--window L,W]
 *
 * The slices are read as the site reads an 8-bit upload whose window is known (default L40/W120, the
 * window both real sets were exported with); about 0.5 s a slice on wasm, one thread.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { loadNodeModel } from './node-model';
import { decodeSlice } from '../ct/decode';
import { sliceToModel } from '../ct/head-crop';
import { huToModelInput, MODEL_SIZE } from '../ct/window';
import { oodScore, type OodReference } from '../ood/feature-distance';
import { readRealIds } from './caution-real-data';

const { values } = parseArgs({
  options: {
    real: { type: 'string' },
    out: { type: 'string' },
    window: { type: 'string', default: '40,120' },
  },
});

async function main(): Promise<void> {
  if (!values.real || !values.out) throw new Error('usage: ood-real-scores --real DIR --out FILE [--window L,W]');
  if (!values.out.startsWith('/tmp/')) throw new Error('--out must lie under /tmp/: nothing derived from the real sets goes into the project');
  const [level, width] = (values.window ?? '40,120').split(',').map(Number);
  const ref = JSON.parse(await readFile('models/resnet34/ood.json', 'utf8')) as OodReference;
  const model = await loadNodeModel({ backend: 'wasm' });
  const ids = await readRealIds(values.real);
  const out: Record<string, number> = {};
  const t0 = Date.now();
  for (const [i, id] of ids.entries()) {
    const bytes = new Uint8Array(await readFile(join(values.real, 'images', `${id}.png`)));
    const s = await decodeSlice(bytes, { window8bit: { level: level ?? 40, width: width ?? 120 } });
    const x = huToModelInput(sliceToModel(s, MODEL_SIZE).hu, MODEL_SIZE);
    const f = tf.tidy(() => tf.mean(model.net.forward(tf.tensor4d(x, [1, MODEL_SIZE, MODEL_SIZE, 3])).stages.layer4, [0, 1, 2]));
    out[id] = Number(oodScore(ref, f.dataSync()).toPrecision(5));
    f.dispose();
    if ((i + 1) % 50 === 0) console.log(`${i + 1} of ${ids.length} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  await writeFile(values.out, `${JSON.stringify(out)}\n`);
  console.log(`${ids.length} scores → ${values.out}`);
  model.dispose();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
