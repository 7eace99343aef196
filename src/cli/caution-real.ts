/**
 * How often the caution (src/ood/caution.ts) flags real brain-level head-CT slices, and why: read in
 * place from the real validation folders, nothing of them written.
 *
 *   npx tsx src/cli/caution-real.ts --real DIR[=SCORES] [--real DIR2[=SCORES2]] [--window auto|L,W] [--slices]
 *
 * Each slice is read as the site reads an upload: decoded (the window estimated from the histogram with
 * `auto`, the default, or the given one), cropped to the head on the model grid, the decoder's warnings
 * and the head-CT check (src/ood/head-ct.ts) taken; SCORES is the file of feature distances written by
 * src/cli/ood-real-scores.ts (under /tmp), without which the feature distance is left out.
 *
 * Which slices are brain-level is decided apart from the check: the phantom segmenter
 * (src/phantom/segment.ts) measures each slice's intracranial area on the full image, read at L40/W120
 * with the clipped top taken as bone, and a slice is brain-level when that area is at least half of its
 * patient's largest in the set (the rule PHE-SICH's negatives were drawn by). The others (skull base,
 * neck and vertex in CT-ICH's whole scans) are reported apart: they are meant to be flagged.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeSlice } from '../ct/decode';
import { sliceToModel } from '../ct/head-crop';
import { MODEL_SIZE, type Window } from '../ct/window';
import { checkHeadCt } from '../ood/head-ct';
import { combineCaution, type CautionReason } from '../ood/caution';
import { segmentSlice } from '../phantom/segment';
import { readRealRows, type RealRow } from './caution-real-data';

const { values } = parseArgs({
  options: {
    real: { type: 'string', multiple: true },
    window: { type: 'string', default: 'auto' },
    slices: { type: 'boolean', default: false },
    threshold: { type: 'string' },
    'area-cache': { type: 'string' },
  },
});

/** The export window of both real sets. */
const TRUE_WINDOW: Window = { level: 40, width: 120 };
/** Pixel size assumed for the reference segmentation (a 512 matrix over a 230 mm field). */
const REFERENCE_PX_MM = 0.45;

interface SliceResult {
  readonly row: RealRow;
  readonly area: number;
  readonly reasons: readonly CautionReason[];
  readonly measures: Record<string, number | null>;
  brainLevel?: boolean;
}

/** Intracranial area (pixels) by the phantom segmenter, on the slice read at its true window. */
async function referenceArea(bytes: Uint8Array): Promise<number> {
  const s = await decodeSlice(bytes, { window8bit: TRUE_WINDOW });
  if (s.width !== s.height) return 0;
  const top = TRUE_WINDOW.level + TRUE_WINDOW.width / 2;
  // The window clipped the skull to its top: take the top as bone for the segmenter's 200 HU rule.
  const hu = s.hu.map((v) => (v >= top - 0.25 ? 1000 : v));
  return segmentSlice(hu, s.width, REFERENCE_PX_MM)?.cavityPx ?? 0;
}

async function measure(dir: string, scoresFile: string | undefined, window: Window | 'auto', threshold: number): Promise<SliceResult[]> {
  const rows = await readRealRows(dir);
  const scores = scoresFile ? (JSON.parse(await readFile(scoresFile, 'utf8')) as Record<string, number>) : null;
  // The reference areas are slow (the segmenter on 512² slices): kept between runs in a file under /tmp.
  const cacheFile = values['area-cache'] ? `${values['area-cache']}-${dir.split('/').filter(Boolean).pop()}.json` : null;
  if (cacheFile && !cacheFile.startsWith('/tmp/')) throw new Error('--area-cache must lie under /tmp/');
  const cache: Record<string, number> = cacheFile ? await readFile(cacheFile, 'utf8').then((t) => JSON.parse(t) as Record<string, number>, () => ({})) : {};
  const out: SliceResult[] = [];
  for (const row of rows) {
    const bytes = new Uint8Array(await readFile(join(dir, 'images', `${row.id}.png`)));
    const s = await decodeSlice(bytes, { window8bit: window });
    const grid = sliceToModel(s, MODEL_SIZE).hu;
    const head = checkHeadCt(grid, MODEL_SIZE, s.windowUsed);
    const score = scores?.[row.id];
    const c = combineCaution({ warnings: s.warnings ?? [], head, features: score === undefined ? null : { score, threshold } });
    const area = cache[row.id] ?? (cache[row.id] = await referenceArea(bytes));
    out.push({ row, area, reasons: c.reasons, measures: { ...head.measures, ...(score !== undefined ? { ood: score } : {}) } });
  }
  if (cacheFile) await writeFile(cacheFile, JSON.stringify(cache));
  // Brain-level: intracranial area at least half of the patient's largest.
  const largest = new Map<string, number>();
  for (const r of out) largest.set(r.row.patient, Math.max(largest.get(r.row.patient) ?? 0, r.area));
  for (const r of out) r.brainLevel = r.area > 0 && r.area >= 0.5 * (largest.get(r.row.patient) ?? 0);
  return out;
}

const pct = (a: number, b: number): string => (b === 0 ? '–' : `${a} of ${b} (${((100 * a) / b).toFixed(1)} %)`);

function report(name: string, rs: SliceResult[]): void {
  const groups: [string, SliceResult[]][] = [
    ['brain-level', rs.filter((r) => r.brainLevel)],
    ['  with a bleed', rs.filter((r) => r.brainLevel && r.row.any === 1)],
    ['other (skull base, neck, vertex)', rs.filter((r) => !r.brainLevel)],
  ];
  console.log(`\n${name}: ${rs.length} slices`);
  console.log('| slices | flagged | decoder | head check | feature distance |');
  console.log('|---|---|---|---|---|');
  const head = new Set<CautionReason>(['no-head', 'uniform', 'no-soft-tissue', 'no-bone', 'no-cavity', 'small-cavity', 'cavity-not-brain']);
  for (const [label, g] of groups) {
    const by = (f: (r: CautionReason) => boolean): number => g.filter((r) => r.reasons.some(f)).length;
    console.log(
      `| ${label} | ${pct(g.filter((r) => r.reasons.length > 0).length, g.length)} | ${by((r) => !head.has(r) && r !== 'far-features')} | ${by((r) => head.has(r))} | ${by((r) => r === 'far-features')} |`,
    );
  }
  const reasons = new Map<string, number>();
  for (const r of rs.filter((x) => x.brainLevel)) for (const why of r.reasons) reasons.set(why, (reasons.get(why) ?? 0) + 1);
  console.log(`reasons on brain-level slices: ${[...reasons].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  if (values.slices) {
    for (const r of rs) {
      const m = Object.entries(r.measures).map(([k, v]) => `${k}=${typeof v === 'number' ? v.toFixed(3) : v}`).join(' ');
      console.log(`${r.row.id} slice=${r.row.slice} any=${r.row.any} area=${r.area} brain=${r.brainLevel ? 1 : 0} ${r.reasons.join('+') || 'ok'} ${m}`);
    }
  }
}

async function main(): Promise<void> {
  if (!values.real?.length) throw new Error('usage: caution-real --real DIR[=SCORES] [--window auto|L,W] [--slices]');
  const w = values.window ?? 'auto';
  const window: Window | 'auto' = w === 'auto' ? 'auto' : { level: Number(w.split(',')[0]), width: Number(w.split(',')[1]) };
  const ref = JSON.parse(await readFile('models/resnet34/ood.json', 'utf8')) as { threshold: number };
  const threshold = values.threshold ? Number(values.threshold) : ref.threshold;
  console.log(`window: ${w}; feature-distance threshold ${threshold}`);
  for (const spec of values.real) {
    const [dir, scores] = spec.split('=') as [string, string | undefined];
    report(dir, await measure(dir, scores, window, threshold));
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
