/**
 * `npm run phantom -- --count N --seed S --size 224|512 --out DIR [--workers W] [--sheet K]`:
 * writes a training set in the ich-phantom/1 shard format (src/phantom/README.md) and a contact sheet.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { LABELS } from '../model/arch';
import { WINDOWS } from '../ct/window';
import { generatePhantom, type PhantomSize } from '../phantom/index';
import { windowRgba, grid, drawText, caption, type Rgba } from '../phantom/preview';

/** Slices per shard file (at most). */
export const SHARD_SLICES = 1024;

interface Job {
  seedStart: number;
  first: number;
  count: number;
  size: PhantomSize;
}
interface Done {
  first: number;
  hu: Uint8Array;
  masks: Uint8Array;
  labels: number[][];
  levels: string[];
}

/** Generate `count` consecutive slices; returns little-endian int16 bytes, masks and labels. */
function generateRange(job: Job): Done {
  const n = job.size * job.size;
  const hu = new Int16Array(job.count * n);
  const masks = new Uint8Array(job.count * n);
  const labels: number[][] = [];
  const levels: string[] = [];
  for (let i = 0; i < job.count; i++) {
    const p = generatePhantom(job.seedStart + job.first + i, { size: job.size });
    hu.set(p.hu, i * n);
    masks.set(p.masks, i * n);
    labels.push([...p.labels]);
    levels.push(p.meta.levelName);
  }
  const bytes = new Uint8Array(hu.buffer);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    for (let k = 0; k < bytes.length; k += 2) {
      const t = bytes[k] as number;
      bytes[k] = bytes[k + 1] as number;
      bytes[k + 1] = t;
    }
  }
  return { first: job.first, hu: bytes, masks, labels, levels };
}

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`phantom: missing --${name}`);
  return v;
}

function runInWorker(job: Job): Promise<Done> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: job, execArgv: process.execArgv });
    w.once('message', (d: Done) => resolve(d));
    w.once('error', reject);
  });
}

async function main(): Promise<void> {
  const count = Number(arg('count'));
  const seedStart = Number(arg('seed', '0'));
  const size = Number(arg('size', '224'));
  const out = arg('out');
  const workers = Math.max(1, Number(arg('workers', String(Math.min(2, cpus().length)))));
  const sheetN = Number(arg('sheet', '48'));
  if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive integer');
  if (size !== 224 && size !== 512) throw new Error('--size must be 224 or 512');
  mkdirSync(out, { recursive: true });
  const t0 = performance.now();
  const shards: { hu: string; masks: string; count: number }[] = [];
  const csv = [`index,seed,${LABELS.join(',')}`];
  const sheet: Rgba[] = [];
  for (let s = 0; s * SHARD_SLICES < count; s++) {
    const first = s * SHARD_SLICES;
    const n = Math.min(SHARD_SLICES, count - first);
    const per = Math.ceil(n / workers);
    const jobs: Job[] = [];
    for (let w = 0; w < workers && w * per < n; w++) jobs.push({ seedStart, first: first + w * per, count: Math.min(per, n - w * per), size });
    const parts = workers > 1 ? await Promise.all(jobs.map(runInWorker)) : jobs.map(generateRange);
    const tag = String(s).padStart(5, '0');
    const huName = `hu-${tag}.i16`;
    const maskName = `masks-${tag}.u8`;
    writeFileSync(join(out, huName), Buffer.concat(parts.map((p) => p.hu)));
    writeFileSync(join(out, maskName), Buffer.concat(parts.map((p) => p.masks)));
    shards.push({ hu: huName, masks: maskName, count: n });
    for (const p of parts) {
      p.labels.forEach((l, i) => {
        const idx = p.first + i;
        csv.push(`${idx},${seedStart + idx},${l.join(',')}`);
        if (idx < sheetN) {
          const hu = new Int16Array(new Uint8Array(p.hu.subarray(i * size * size * 2, (i + 1) * size * size * 2)).buffer);
          const tile = windowRgba(hu, size, WINDOWS.brain.level, WINDOWS.brain.width, p.masks.subarray(i * size * size, (i + 1) * size * size));
          drawText(tile, caption(idx, p.levels[i] ?? '', l), 3, 3, size >= 512 ? 3 : 2, [255, 255, 0]);
          sheet.push(tile);
        }
      });
    }
  }
  const manifest = { format: 'ich-phantom/1', size, count, seedStart, labels: [...LABELS], shards };
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(join(out, 'labels.csv'), csv.join('\n') + '\n');
  const secs = (performance.now() - t0) / 1000;
  if (sheet.length > 0) {
    const g = grid(sheet, Math.min(8, sheet.length));
    const png = new PNG({ width: g.width, height: g.height });
    png.data = Buffer.from(g.data);
    writeFileSync(join(out, 'contact-sheet.png'), PNG.sync.write(png));
  }
  const pos = csv.slice(1).filter((r) => r.split(',')[2] === '1').length;
  console.log(`phantom: ${count} slices at ${size} in ${secs.toFixed(1)} s (${(count / secs).toFixed(0)} slices/s, ${workers} workers), ${pos} positive -> ${out}`);
}

if (isMainThread) {
  if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
} else {
  const d = generateRange(workerData as Job);
  parentPort?.postMessage(d, [d.hu.buffer as ArrayBuffer, d.masks.buffer as ArrayBuffer]);
}
