/**
 * `npm run phantom -- --count N --seed S --size 224|512 --out DIR [--workers W] [--sheet K] [--background FILE] [--realistic]`:
 * writes a training set in the ich-phantom/1 shard format (src/phantom/README.md) and a contact sheet.
 *
 * Speed: the generator is bundled once with esbuild into a plain script that W long-lived worker
 * threads run (no per-worker transpiling, no module-boundary getters in the hot loops); workers get
 * small runs of slices and transfer their buffers back; the main thread only writes, in order.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type * as Esbuild from 'esbuild';
import { PNG } from 'pngjs';
import { LABELS } from '../model/arch';
import { WINDOWS } from '../ct/window';
import type { PhantomSize } from '../phantom/index';
import { generateRange, type ShardJob, type ShardPart } from '../phantom/shard';
import { windowRgba, grid, drawText, caption, type Rgba } from '../phantom/preview';
import type { CtVolume } from '../phantom/volume';

/** Slices per shard file (at most). */
export const SHARD_SLICES = 1024;

const PHANTOM_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'phantom');

// The worker: a message loop around generateRange. Its protocol: ShardJob in, ShardPart out.
const WORKER_ENTRY = `
import { parentPort, workerData } from 'node:worker_threads';
import { generateRange, warmUp } from './shard';
const port = parentPort;
const background = workerData && workerData.background ? workerData.background : undefined;
if (!background) warmUp();
if (!port) throw new Error('phantom worker: no parent port');
port.on('message', (job) => {
  const part = generateRange(job, background);
  port.postMessage(part, [part.hu.buffer, part.masks.buffer]);
});
`;

/**
 * The worker as one CommonJS script (generator included), built in memory in about 50 ms. esbuild is
 * loaded here, not at the top, so this CLI bundled into one file (models/train/gpu-prepare.sh) runs with
 * --workers 1 where no node_modules exist.
 */
export function workerScript(): string {
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  const r = buildSync({
    stdin: { contents: WORKER_ENTRY, resolveDir: PHANTOM_DIR, sourcefile: 'phantom-worker.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const file = r.outputFiles[0];
  if (!file) throw new Error('phantom: worker bundle is empty');
  return file.text;
}

/**
 * Generate all `jobs` on `workers` threads (or in this thread when workers = 1) and hand the parts to
 * `onPart` in job order. Each worker holds two jobs, so it never waits for the main thread.
 */
async function generateAll(jobs: readonly ShardJob[], workers: number, onPart: (p: ShardPart) => void, background?: CtVolume): Promise<void> {
  if (workers <= 1) {
    for (const job of jobs) onPart(generateRange(job, background));
    return;
  }
  const script = workerScript();
  const pool = Array.from({ length: Math.min(workers, jobs.length) }, () => new Worker(script, { eval: true, execArgv: [], workerData: { background } }));
  const ready = new Map<number, ShardPart>();
  let nextJob = 0;
  let nextOut = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker): void => {
        const job = jobs[nextJob++];
        if (job) w.postMessage(job);
      };
      for (const w of pool) {
        w.on('message', (p: ShardPart) => {
          ready.set(p.first, p);
          for (let part = ready.get(jobs[nextOut]?.first ?? -1); part; part = ready.get(jobs[nextOut]?.first ?? -1)) {
            ready.delete(part.first);
            nextOut++;
            try {
              onPart(part);
            } catch (e) {
              reject(e instanceof Error ? e : new Error(String(e)));
              return;
            }
          }
          if (nextOut === jobs.length) resolve();
          else feed(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (nextOut < jobs.length) reject(new Error(`phantom worker exited with code ${code}`));
        });
        feed(w);
        feed(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** Write all of `bytes` at the file position of `fd`. */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
}

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`phantom: missing --${name}`);
  return v;
}

async function main(): Promise<void> {
  const count = Number(arg('count'));
  const seedStart = Number(arg('seed', '0'));
  const size = Number(arg('size', '224'));
  const out = arg('out');
  const workers = Math.max(1, Number(arg('workers', String(Math.min(2, cpus().length)))));
  const sheetN = Number(arg('sheet', '48'));
  // --background FILE: real-background composites on an InVesalius head CT (composite.ts) instead of phantoms.
  const bgPath = process.argv.includes('--background') ? arg('background') : null;
  // A .u16be.gz file is the UNC cadaver head (cthead.ts; with --realistic its brain is shifted to a living
  // adult's median HU); anything else an InVesalius project.
  const isCthead = bgPath?.endsWith('.u16be.gz') === true;
  const background = !bgPath ? undefined : isCthead ? (await import('./cthead')).loadCthead(bgPath, { livingBrain: process.argv.includes('--realistic') }) : await (await import('./invesalius')).loadInvesalius(bgPath);
  // --realistic: bleeds from measured real densities and volumes, and hard negatives (PhantomOptions.realism).
  const realism = process.argv.includes('--realistic');
  if (background && size !== 224) throw new Error('--background composites are made at --size 224 only');
  if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive integer');
  if (size !== 224 && size !== 512) throw new Error('--size must be 224 or 512');
  mkdirSync(out, { recursive: true });
  const t0 = performance.now();
  // Runs of slices that never straddle a shard (both chunk sizes divide SHARD_SLICES).
  const chunk = size === 512 ? 16 : 64;
  const jobs: ShardJob[] = [];
  for (let first = 0; first < count; first += chunk) jobs.push({ seedStart, first, count: Math.min(chunk, count - first), size: size as PhantomSize, realism });
  const shards: { hu: string; masks: string; count: number }[] = [];
  const csv = [`index,seed,${LABELS.join(',')}`];
  const sheet: Rgba[] = [];
  let fds: [number, number] | null = null;
  let positives = 0;
  const write = (p: ShardPart): void => {
    const s = Math.floor(p.first / SHARD_SLICES);
    if (s === shards.length) {
      if (fds) fds.forEach((fd) => closeSync(fd));
      const tag = String(s).padStart(5, '0');
      const shard = { hu: `hu-${tag}.i16`, masks: `masks-${tag}.u8`, count: 0 };
      shards.push(shard);
      fds = [openSync(join(out, shard.hu), 'w'), openSync(join(out, shard.masks), 'w')];
    }
    const shard = shards[s];
    if (!shard || !fds) throw new Error('phantom: parts out of order');
    writeAll(fds[0], p.hu);
    writeAll(fds[1], p.masks);
    shard.count += p.labels.length;
    p.labels.forEach((l, i) => {
      const idx = p.first + i;
      csv.push(`${idx},${seedStart + idx},${l.join(',')}`);
      positives += l[0] ?? 0;
      if (idx < sheetN) {
        const n = size * size;
        const hu = new Int16Array(p.hu.buffer, p.hu.byteOffset + i * n * 2, n);
        const tile = windowRgba(hu, size, WINDOWS.brain.level, WINDOWS.brain.width, p.masks.subarray(i * n, (i + 1) * n));
        drawText(tile, caption(idx, p.levels[i] ?? '', l), 3, 3, size >= 512 ? 3 : 2, [255, 255, 0]);
        sheet.push(tile);
      }
    });
  };
  try {
    await generateAll(jobs, workers, write, background);
  } finally {
    if (fds) (fds as [number, number]).forEach((fd) => closeSync(fd));
  }
  const manifest = { format: 'ich-phantom/1', size, count, seedStart, labels: [...LABELS], shards, ...(bgPath ? { background: (isCthead ? 'UNC CT cadaver head (public domain, credit UNC), ' : 'InVesalius example head CT (GPL-2), ') + bgPath } : {}), ...(realism ? { realism: true } : {}) };
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(join(out, 'labels.csv'), csv.join('\n') + '\n');
  const secs = (performance.now() - t0) / 1000;
  if (sheet.length > 0) {
    const g = grid(sheet, Math.min(8, sheet.length));
    const png = new PNG({ width: g.width, height: g.height });
    png.data = Buffer.from(g.data);
    writeFileSync(join(out, 'contact-sheet.png'), PNG.sync.write(png, { filterType: 4 })); // Paeth only: 3x faster than trying all five filters, smaller too
  }
  console.log(`phantom: ${count} ${background ? 'composite ' : ''}slices at ${size} in ${secs.toFixed(1)} s (${(count / secs).toFixed(0)} slices/s, ${workers} workers), ${positives} positive -> ${out}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
