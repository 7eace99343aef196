/** The real `npm run explain` entry point, as a user runs it: exit codes, one line per bad file, outputs. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { afterAll, describe, expect, it } from 'vitest';
import { CASES_DIR } from '../../shared-data';

const dir = mkdtempSync(join(tmpdir(), 'explain-main-'));
const run = (...args: string[]) =>
  spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/explain.ts', ...args], { encoding: 'utf8', timeout: 240_000 });
const lines = (text: string) => text.split('\n').filter((l) => l !== '');

/** The two same-named DICOMs of ../shared/cases/decoding (the test using them skips without it). */
const SAME_NAME = join(CASES_DIR, 'same-name-two-folders');
const SAME_NAME_FILES = ['series1', 'series2'].map((s) => join(SAME_NAME, s, 'IM0001.dcm'));

describe('npm run explain', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('explains the good file, reports the bad one in one line, sums up, exits 1', () => {
    const good = join(dir, 'disc.png');
    const px = new Uint8Array(96 * 96).map((_, i) => (((i % 96) - 48) ** 2 + (Math.floor(i / 96) - 48) ** 2 < 900 ? 140 : 30));
    writeFileSync(good, encodePng({ width: 96, height: 96, data: px, channels: 1, depth: 8 }));
    const bad = join(dir, 'notes.png');
    writeFileSync(bad, 'not an image');
    const out = join(dir, 'out');
    const r = run(good, bad, '--method', 'gradcam,gradient', '--label', 'subdural', '--window', '40,120', '--out', out);
    expect(r.status).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.includes(bad));
    expect(errors).toEqual([`explain: ${bad}: not a DICOM, PNG or JPEG file (starts with "not an image") [unknown-format]`]);
    const warned = lines(r.stderr).some((l) => l.startsWith(`explain: ${good}: warning: `)) ? 1 : 0;
    expect(lines(r.stderr).at(-1)).toBe(`explain: 2 files: 1 read (${warned} with warnings), 1 failed`);
    const report = JSON.parse(readFileSync(join(out, 'disc.json'), 'utf8')) as Record<string, any>;
    expect(report['label']).toBe('subdural');
    expect(report['preprocessing'].window8bit).toEqual({ level: 40, width: 120 });
    expect(report['preprocessing'].window8bitEstimated).toBe(false);
    expect(Array.isArray(report['warnings'])).toBe(true);
    expect(Object.keys(report['explanations'])).toEqual(['gradcam', 'gradient']);
    expect(existsSync(join(out, 'disc.gradient.npy'))).toBe(true);
  });

  it.skipIf(!SAME_NAME_FILES.every((f) => existsSync(f)))(
    'gives the two IM0001.dcm of ../shared/cases two sets of outputs; a re-run into the same folder refuses and loses nothing',
    () => {
      const out = join(dir, 'same-name');
      // A missing file beside them (inside their common folder, so the mirrored names stay short).
      const missing = join(SAME_NAME, 'gone.dcm');
      const r = run(...SAME_NAME_FILES, missing, '--method', 'gradcam', '--out', out);
      expect(r.status).toBe(1);
      const jsons = ['series1', 'series2'].map((s) => join(out, s, 'IM0001.json'));
      expect(lines(r.stdout).map((l) => l.split(' (forward')[0])).toEqual(SAME_NAME_FILES.map((f, i) => `${f} → ${jsons[i]}`));
      const reports = jsons.map((j) => JSON.parse(readFileSync(j, 'utf8')) as Record<string, any>);
      expect(reports.map((x) => x['file'])).toEqual(SAME_NAME_FILES);
      expect(reports[0]?.['sha256']).not.toBe(reports[1]?.['sha256']);
      // Every warning is one stderr line naming its file, and in that file's JSON; the summary counts them.
      const err = lines(r.stderr);
      const warnedFiles = SAME_NAME_FILES.filter((f, i) => {
        const said = err.filter((l) => l.startsWith(`explain: ${f}: warning: `));
        expect(said).toEqual((reports[i]?.['warnings'] as { code: string; message: string }[]).map((w) => `explain: ${f}: warning: ${w.message} [${w.code}]`));
        return said.length > 0;
      });
      expect(err.filter((l) => l.startsWith(`explain: ${missing}: `))).toHaveLength(1);
      expect(err.at(-1)).toBe(`explain: 3 files: 2 read (${warnedFiles.length} with warnings), 1 failed`);

      const before = jsons.map((j) => readFileSync(j, 'utf8'));
      const again = run(...SAME_NAME_FILES, '--method', 'gradcam', '--out', out);
      expect(again.status).toBe(1);
      expect(lines(again.stderr).filter((l) => l.includes('would overwrite'))).toEqual(
        SAME_NAME_FILES.map((f, i) => `explain: ${f}: would overwrite ${jsons[i]} and 2 more from an earlier run; pass --overwrite to replace, or choose another --out [exists]`),
      );
      expect(lines(again.stderr).at(-1)).toBe('explain: 2 files: 0 read (0 with warnings), 2 failed');
      expect(jsons.map((j) => readFileSync(j, 'utf8'))).toEqual(before);
    },
  );

  it('rejects bad arguments with exit code 2 and the usage', () => {
    const r = run(join(dir, 'x.png'), '--method', 'lime');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown method "lime"/);
    expect(r.stderr).toMatch(/usage: npm run explain/);
    expect(run().status).toBe(2);
  });

  it('rejects a bad --frame or --window with one clear line, exit code 2, before loading the model', () => {
    for (const [args, first] of [
      [['--frame', 'abc'], 'explain: --frame wants a frame index, a whole number from 0 (0 is the first frame), or "middle", got "abc"'],
      [['--frame=-1'], 'explain: --frame wants a frame index, a whole number from 0 (0 is the first frame), or "middle", got "-1"'],
      [['--window', 'lung'], 'explain: --window wants auto, brain, subdural, bone or L,W with W > 0 (e.g. 40,80), got "lung"'],
    ] as const) {
      const r = run(join(dir, 'x.dcm'), ...args);
      expect(r.status).toBe(2);
      expect(lines(r.stderr)[0]).toBe(first);
      expect(r.stderr).toMatch(/usage: npm run explain/);
      expect(r.stderr).not.toMatch(/explain: backend/);
    }
  });
});
