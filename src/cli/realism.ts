/**
 * `npx tsx src/cli/realism.ts [--out /tmp/realism] [--count 24]`: compares phantoms with the real CT-ICH
 * slices in ../shared/data/ctich-dicom/hemo_subset (Hssayeni et al., PhysioNet; read in place, never
 * copied): brain, CSF and bone HU statistics, skull thickness, head size and noise. Prints a table and
 * writes side-by-side PNGs (real | phantom, brain window L40/W80) to --out (outside git).
 * The DICOMs carry no pixel spacing; 0.45 mm is assumed for them (the phantom's own spacing).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { PNG } from 'pngjs';
import { generatePhantom } from '../phantom/index';
import { windowRgba, grid, drawText, type Rgba } from '../phantom/preview';

const DATA = join(process.cwd(), '..', 'shared', 'data', 'ctich-dicom', 'hemo_subset');
const PX_MM = 0.45;

/** Read one int16 DICOM slice as HU (stored * slope + intercept). */
function readDicom(path: string): { hu: Int16Array; size: number } {
  const buf = readFileSync(path);
  const ds = dicomParser.parseDicom(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  const rows = ds.uint16('x00280010') ?? 0;
  const cols = ds.uint16('x00280011') ?? 0;
  if (rows !== cols) throw new Error(`${path}: not square`);
  const slope = Number(ds.string('x00281053') ?? '1');
  const icpt = Number(ds.string('x00281052') ?? '0');
  const el = ds.elements['x7fe00010'];
  if (!el) throw new Error(`${path}: no pixel data`);
  const raw = new Int16Array(buf.buffer.slice(buf.byteOffset + el.dataOffset, buf.byteOffset + el.dataOffset + rows * cols * 2));
  const hu = new Int16Array(rows * cols);
  for (let k = 0; k < hu.length; k++) hu[k] = Math.round((raw[k] as number) * slope + icpt);
  return { hu, size: rows };
}

interface Stats {
  brainMode: number;
  brainP10: number;
  brainP90: number;
  csfFrac: number;
  boneP50: number;
  boneP95: number;
  skullMm: number;
  widthMm: number;
  lengthMm: number;
  noiseSd: number;
}

function pct(sorted: number[], p: number): number {
  return sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number) : NaN;
}

/** Statistics by HU thresholds only (the real slices have no tissue map), at 512 and 0.45 mm. */
function measure(hu: Int16Array, size: number): Stats {
  // Head: pixels above -300 HU; centroid, and extents over rows/columns with at least 40 such
  // pixels (so the thin scanner table does not count).
  let sx = 0, sy = 0, n = 0, x0 = size, x1 = 0, y0 = size, y1 = 0;
  const rowN = new Array<number>(size).fill(0), colN = new Array<number>(size).fill(0);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) {
    if ((hu[i * size + j] as number) < -300) continue;
    sx += j; sy += i; n++;
    rowN[i] = (rowN[i] as number) + 1;
    colN[j] = (colN[j] as number) + 1;
  }
  for (let k = 0; k < size; k++) {
    if ((rowN[k] as number) >= 40) { y0 = Math.min(y0, k); y1 = Math.max(y1, k); }
    if ((colN[k] as number) >= 40) { x0 = Math.min(x0, k); x1 = Math.max(x1, k); }
  }
  const cx = sx / n, cy = sy / n;
  // Rays from the centroid: skull = first run of >300 HU; inside it is the cranial cavity.
  const inside = new Uint8Array(size * size);
  const thick: number[] = [];
  const extent: number[] = [];
  for (let a = 0; a < 360; a += 2) {
    const dx = Math.cos((a * Math.PI) / 180), dy = Math.sin((a * Math.PI) / 180);
    let start = -1, end = -1;
    for (let t = 0; t < size; t += 0.5) {
      const j = Math.round(cx + dx * t), i = Math.round(cy + dy * t);
      if (i < 0 || j < 0 || i >= size || j >= size) break;
      const v = hu[i * size + j] as number;
      if (start < 0 && v > 300) start = t;
      if (start >= 0 && v < 300) { end = t; break; }
    }
    if (start < 0 || end < 0) continue;
    thick.push((end - start) * PX_MM);
    extent.push(start);
    for (let t = 0; t < start - 3; t += 0.5) inside[Math.round(cy + dy * t) * size + Math.round(cx + dx * t)] = 1;
  }
  const brain: number[] = [], bone: number[] = [];
  let csf = 0, tot = 0;
  for (let k = 0; k < hu.length; k++) {
    const v = hu[k] as number;
    if (v > 300) bone.push(v);
    if (!inside[k]) continue;
    if (v >= -20 && v <= 100) { tot++; if (v <= 15) csf++; }
    if (v > 15 && v < 50) brain.push(v);
  }
  brain.sort((p, q) => p - q);
  bone.sort((p, q) => p - q);
  thick.sort((p, q) => p - q);
  const hist = new Array<number>(40).fill(0);
  for (const v of brain) hist[v - 15] = (hist[v - 15] ?? 0) + 1;
  const mode = 15 + hist.indexOf(Math.max(...hist));
  // Noise: std in 9x9 windows of brain-range pixels; the quietest quarter are the flat regions.
  const sds: number[] = [];
  for (let i = 8; i < size - 8; i += 6) for (let j = 8; j < size - 8; j += 6) {
    let s = 0, s2 = 0, ok = true;
    for (let di = -4; di <= 4 && ok; di++) for (let dj = -4; dj <= 4; dj++) {
      const k = (i + di) * size + j + dj;
      const v = hu[k] as number;
      if (!inside[k] || v < 10 || v > 55) { ok = false; break; }
      s += v; s2 += v * v;
    }
    if (!ok) continue;
    const m = s / 81;
    if (m < 20 || m > 45) continue;
    sds.push(Math.sqrt(s2 / 81 - m * m));
  }
  sds.sort((p, q) => p - q);
  return {
    brainMode: mode,
    brainP10: pct(brain, 0.1),
    brainP90: pct(brain, 0.9),
    csfFrac: csf / Math.max(1, tot),
    boneP50: pct(bone, 0.5),
    boneP95: pct(bone, 0.95),
    skullMm: pct(thick, 0.5),
    widthMm: (x1 - x0 + 1) * PX_MM,
    lengthMm: (y1 - y0 + 1) * PX_MM,
    noiseSd: pct(sds, 0.25),
  };
}

function row(name: string, s: Stats): string {
  const f = (v: number, d = 0): string => v.toFixed(d).padStart(7);
  return `${name.padEnd(18)}${f(s.brainMode)}${f(s.brainP10)}${f(s.brainP90)}${f(s.csfFrac * 100, 1)}${f(s.boneP50)}${f(s.boneP95)}${f(s.skullMm, 1)}${f(s.widthMm)}${f(s.lengthMm)}${f(s.noiseSd, 1)}`;
}

function mean(list: Stats[]): Stats {
  const keys = Object.keys(list[0] as Stats) as (keyof Stats)[];
  const out = {} as Stats;
  for (const k of keys) out[k] = list.reduce((t, s) => t + s[k], 0) / list.length;
  return out;
}

function writePng(path: string, img: Rgba): void {
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(img.data);
  writeFileSync(path, PNG.sync.write(png));
}

function main(): void {
  const i = process.argv.indexOf('--out');
  const out = i >= 0 ? (process.argv[i + 1] as string) : '/tmp/realism';
  const j = process.argv.indexOf('--count');
  const count = j >= 0 ? Number(process.argv[j + 1]) : 24;
  if (!existsSync(DATA)) {
    console.log(`realism: ${DATA} is absent; nothing to compare`);
    return;
  }
  mkdirSync(out, { recursive: true });
  const files = readdirSync(DATA).filter((f) => f.endsWith('.dcm')).sort();
  const header = `${'slice'.padEnd(18)}${['brMode', 'brP10', 'brP90', 'csf%', 'boneP50', 'boneP95', 'skullmm', 'widthmm', 'lenmm', 'noiseSd'].map((h) => h.padStart(7)).join('')}`;
  console.log(header);
  const real: Stats[] = [];
  const pairs: Rgba[] = [];
  files.forEach((f, n) => {
    const { hu, size } = readDicom(join(DATA, f));
    const s = measure(hu, size);
    real.push(s);
    console.log(row(`real ${f}`, s));
    const p = generatePhantom(2000 + n, { size: 512, level: [0.3, 0.5, 0.6, 0.72][n % 4] as number });
    const a = windowRgba(hu, size, 40, 80);
    const b = windowRgba(p.hu, 512, 40, 80);
    drawText(a, `REAL ${f}`, 6, 6, 3, [255, 255, 0]);
    drawText(b, `PHANTOM ${2000 + n} ${p.meta.levelName}`, 6, 6, 3, [255, 255, 0]);
    const pair = grid([a, b], 2);
    writePng(join(out, `compare-${f.replace('.dcm', '')}.png`), pair);
    pairs.push(pair);
  });
  const ph: Stats[] = [];
  for (let k = 0; k < count; k++) {
    const p = generatePhantom(3000 + k, { size: 512, level: 0.3 + (0.5 * k) / count });
    ph.push(measure(p.hu, 512));
  }
  console.log('-'.repeat(header.length));
  console.log(row('real (mean)', mean(real)));
  console.log(row(`phantom (${count})`, mean(ph)));
  console.log(`side-by-side PNGs in ${out}`);
}

main();
