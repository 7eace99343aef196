/**
 * The model-files integration's byte count of a weights folder (the before-and-after button's size):
 * model.json plus every shard its manifest names; null for a folder without a complete model. Checked on
 * a folder written here and, when present, on models/resnet34-before/ against its files on disk.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEFORE_MODEL_DIR, modelBytes } from '../../../src/worker/model-files';

describe('modelBytes', () => {
  it('counts model.json and the shards its manifest names, and refuses an incomplete folder', () => {
    const dir = `${mkdtempSync(join(tmpdir(), 'ich-model-'))}/`;
    try {
      const json = JSON.stringify({ weightsManifest: [{ paths: ['a.bin', 'b.bin'] }] });
      writeFileSync(`${dir}model.json`, json);
      writeFileSync(`${dir}a.bin`, new Uint8Array(1000));
      expect(modelBytes(dir)).toBeNull(); // b.bin is missing
      writeFileSync(`${dir}b.bin`, new Uint8Array(24));
      writeFileSync(`${dir}notes.txt`, 'not part of the download');
      expect(modelBytes(dir)).toBe(Buffer.byteLength(json) + 1024);
      expect(modelBytes(`${dir}nowhere/`)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync(`${BEFORE_MODEL_DIR}model.json`))('models/resnet34-before/: model.json and its shards, as on disk', () => {
    const files = readdirSync(BEFORE_MODEL_DIR).filter((f) => f === 'model.json' || f.endsWith('.bin'));
    expect(modelBytes(BEFORE_MODEL_DIR)).toBe(files.reduce((n, f) => n + statSync(join(BEFORE_MODEL_DIR, f)).size, 0));
  });
});
