/**
 * `npm run evaluate -- --phantoms N` as a user runs it, on a tiny seeded ResNet written to a folder: the
 * same figures in one thread and over two worker threads, a stopped run resumed from `--records`, and a
 * records file of other settings refused. Plus the summary of per-slice records by hand.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_RESNET } from '../../../src/model/arch';
import { seededWeights } from '../../../src/model/weights';
import { saveWeightsToDir } from '../../../src/model/weights-node';
import { summariseLab, type LabSliceRecord } from '../../../src/cli/lab-eval';

const dir = mkdtempSync(join(tmpdir(), 'evaluate-lab-'));
const weights = join(dir, 'tiny');
const run = (...args: string[]) =>
  spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/evaluate.ts', '--weights', weights, '--backend', 'wasm', '--methods', 'gradcam,gradient', '--steps', '2', ...args], {
    encoding: 'utf8',
    timeout: 300_000,
  });
const figures = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;

describe('npm run evaluate -- --phantoms N', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    const w = seededWeights(TINY_RESNET, 3);
    await saveWeightsToDir(weights, TINY_RESNET, w);
    tf.dispose(Object.values(w));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same figures in one thread and over two workers; resumes from --records; refuses other settings', () => {
    const one = run('--phantoms', '3', '--json', join(dir, 'one.json'));
    expect(one.status, one.stderr).toBe(0);
    const records = join(dir, 'run.jsonl');
    // A run stopped after its first phantom: the header and one record kept.
    const first = run('--phantoms', '1', '--workers', '2', '--records', records);
    expect(first.status, first.stderr).toBe(0);
    expect(readFileSync(records, 'utf8').trim().split('\n')).toHaveLength(2);
    const two = run('--phantoms', '3', '--workers', '2', '--records', records, '--json', join(dir, 'two.json'));
    expect(two.status, two.stderr).toBe(0);
    expect(two.stderr).toContain('1 of 3 phantoms already in');
    expect(readFileSync(records, 'utf8').trim().split('\n')).toHaveLength(4);
    expect(figures(join(dir, 'two.json'))).toEqual(figures(join(dir, 'one.json')));
    const other = run('--phantoms', '3', '--steps', '3', '--records', records);
    expect(other.status).toBe(1);
    expect(other.stderr).toContain('holds records of other settings');
  }, 600_000);

  it('summarises records by hand: means skip unscored slices, seeds ascend, intervals bracket the mean', () => {
    const rec = (seed: number, pg: number | null, del: number, rho: number): LabSliceRecord => ({
      seed,
      methods: { gradcam: { pg, epg: 0.5, iou: 0.25, del, ins: 1 - del, rho: { fc: rho, conv1: rho / 2 }, rhoS: {}, ss: {}, ind: {} } },
    });
    const r = summariseLab([rec(9, 1, 0.2, 0.8), rec(3, null, 0.4, 0.4), rec(5, 0, 0.6, 0.6)], { steps: 4 });
    expect(r.seeds).toEqual([3, 5, 9]);
    const row = r.methods['gradcam']!;
    expect(row.pointing_game).toBe(0.5); // (1 + 0) / 2: the unscored slice is left out
    expect(row.deletion_auc).toBeCloseTo(0.4, 12);
    expect(row.insertion_auc).toBeCloseTo(0.6, 12);
    expect(row.randomisation_spearman.fc).toBeCloseTo(0.6, 12);
    expect(row.randomisation_spearman.conv1).toBeCloseTo(0.3, 12);
    expect(Number.isNaN(row.randomisation_spearman.layer2)).toBe(true);
    const [lo, hi] = row.intervals!.deletion_auc;
    expect(lo).toBeGreaterThanOrEqual(0.2);
    expect(lo).toBeLessThanOrEqual(0.4);
    expect(hi).toBeGreaterThanOrEqual(0.4);
    expect(hi).toBeLessThanOrEqual(0.6);
  });
});
