/** The real `npm run explain` entry point, as a user runs it: exit codes, one line per bad file, outputs. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'explain-main-'));
const run = (...args: string[]) =>
  spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/explain.ts', ...args], { encoding: 'utf8', timeout: 240_000 });

describe('npm run explain', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('explains the good file, reports the bad one in one line, exits 1', () => {
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
    const report = JSON.parse(readFileSync(join(out, 'disc.json'), 'utf8')) as Record<string, any>;
    expect(report['label']).toBe('subdural');
    expect(report['preprocessing'].window8bit).toEqual({ level: 40, width: 120 });
    expect(Object.keys(report['explanations'])).toEqual(['gradcam', 'gradient']);
    expect(existsSync(join(out, 'disc.gradient.npy'))).toBe(true);
  });

  it('rejects bad arguments with exit code 2 and the usage', () => {
    const r = run(join(dir, 'x.png'), '--method', 'lime');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown method "lime"/);
    expect(r.stderr).toMatch(/usage: npm run explain/);
    expect(run().status).toBe(2);
  });
});
