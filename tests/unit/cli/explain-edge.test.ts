/**
 * The CLI cases of ../shared/cases/README.md (issue #24): relative paths from the user's folder, an
 * output folder that cannot be made, a disk that fills mid-file, two runs into one folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { afterAll, describe, expect, it } from 'vitest';
import { edgeLine, invokingFolder, makeOutputFolder } from '../../../src/cli/cli-edge';
import { StagedOutputs } from '../../../src/cli/staged-outputs';

const dir = mkdtempSync(join(tmpdir(), 'explain-edge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tsx = resolve('node_modules', '.bin', 'tsx');
const lines = (t: string) => t.split('\n').filter((l) => l !== '');

describe('staged outputs', () => {
  it('a write that fails (a full disk, a vanished folder) leaves no temporary or final file', async () => {
    const d = join(dir, 'fail');
    mkdirSync(d);
    const out = new StagedOutputs(false);
    await out.write(join(d, 'a.png'), 'one');
    await expect(out.write(join(d, 'gone', 'a.npy'), 'two')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(d)).toEqual([]);
  });

  it('of two runs into one folder, the later commit fails whole with [exists] and the earlier files stay', async () => {
    const d = join(dir, 'race');
    mkdirSync(d);
    const files = ['x.json', 'x.gradcam.png', 'x.gradcam.npy'].map((f) => join(d, f));
    const a = new StagedOutputs(false);
    const b = new StagedOutputs(false);
    for (const f of files) await a.write(f, `a ${f}`);
    for (const f of [...files].reverse()) await b.write(f, `b ${f}`);
    await a.commit();
    // The message names the final file that was taken (not the temporary one a failed link reports).
    await expect(b.commit()).rejects.toMatchObject({ code: 'exists', message: `another run wrote ${join(d, 'x.gradcam.npy')} meanwhile; nothing of this file was kept` });
    expect(readdirSync(d).sort()).toEqual(files.map((f) => f.slice(d.length + 1)).sort());
    for (const f of files) expect(readFileSync(f, 'utf8')).toBe(`a ${f}`);
  });

  it('with overwrite, a commit replaces the earlier files', async () => {
    const f = join(dir, 'over.json');
    writeFileSync(f, 'old');
    const o = new StagedOutputs(true);
    await o.write(f, 'new');
    await o.commit();
    expect(readFileSync(f, 'utf8')).toBe('new');
  });
});

describe('the run edge', () => {
  it('relative paths resolve in INIT_CWD when npm set it to a folder that exists', () => {
    expect(invokingFolder({ INIT_CWD: dir }, '/elsewhere')).toBe(dir);
    expect(invokingFolder({}, '/elsewhere')).toBe('/elsewhere');
    expect(invokingFolder({ INIT_CWD: join(dir, 'no-such') }, '/elsewhere')).toBe('/elsewhere');
  });

  it('an error becomes one line with a [code]', () => {
    expect(edgeLine('explain', Object.assign(new Error('boom\n    at x (y.js:1)'), { code: 'EACCES' }))).toBe('explain: boom [EACCES]');
    expect(edgeLine('explain', 'text')).toBe('explain: text [error]');
  });

  it('an output folder behind a file cannot be made: one clear error with its code', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    await expect(makeOutputFolder(join(file, 'out'))).rejects.toThrow(`cannot create the output folder ${join(file, 'out')}: a file of that name is in the way`);
    await expect(makeOutputFolder(file)).rejects.toMatchObject({ code: 'EEXIST' });
  });
});

describe('npm run explain from another folder', () => {
  it('reads the file and writes --out in INIT_CWD; an --out that cannot be made is one line and exit 1', () => {
    const user = join(dir, 'user', 'sub');
    mkdirSync(user, { recursive: true });
    const px = new Uint8Array(64 * 64).map((_, i) => (((i % 64) - 32) ** 2 + (Math.floor(i / 64) - 32) ** 2 < 500 ? 140 : 30));
    writeFileSync(join(user, 'slice.png'), encodePng({ width: 64, height: 64, data: px, channels: 1, depth: 8 }));
    writeFileSync(join(user, 'taken'), 'a file where the folder should go');
    const env = { ...process.env, INIT_CWD: user };
    const run = (...a: string[]) => spawnSync(tsx, [resolve('src/cli/explain.ts'), ...a], { encoding: 'utf8', env, timeout: 240_000 });
    const ok = run('slice.png', '--method', 'gradcam', '--window', '40,80', '--out', 'out');
    expect(ok.status).toBe(0);
    expect(existsSync(join(user, 'out', 'slice.json'))).toBe(true);
    expect(readdirSync(join(user, 'out')).filter((f) => f.endsWith('.part'))).toEqual([]);
    const bad = run('slice.png', '--method', 'gradcam', '--out', 'taken/out');
    expect(bad.status).toBe(1);
    expect(lines(bad.stderr).filter((l) => !l.startsWith('explain: backend'))).toEqual(['explain: cannot create the output folder taken/out: a file of that name is in the way [ENOTDIR]']);
  });
});
