/**
 * The real-CT validation harness (`npm run evaluate -- --real DIR`): the site's own engine, input rule
 * and thresholds on a folder of real slices, read in place (never copied).
 *
 * DIR holds `labels.csv` (`id`, `patient`, optionally `slice`, and one 0/1 column per labelled class among
 * LABELS; other columns such as `fracture` are ignored), `images/<id>.png|.dcm|.jpg` and optionally
 * `masks/<id>.png` (non-zero = lesion). Reported per labelled class: ROC AUC with a 95 % interval from
 * bootstrap resamples of patients, sensitivity and specificity at the UI thresholds (model.json
 * meta.thresholds), a class without positives or negatives as not measurable; for `any` the Grad-CAM
 * pointing game at every layer, strict and tolerant (15 px) at the slice's own resolution, with ceilings
 * (real-pointing.ts). For sets of whole scans (`isWholeScanSet`) also figures over scans (scan-level.ts)
 * and by thirds of the scan (slice-thirds.ts). The report's shape: real-report.ts; printout: real-format.ts.
 */
import { readFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decode as decodePngRaw } from 'fast-png';
import { decodeSlice } from '../ct/decode';
import { sliceToModel, squareSize } from '../ct/head-crop';
import { paddedBox } from '../ct/grid-to-source';
import { huToModelInput, MODEL_SIZE, type Window } from '../ct/window';
import { LABELS, STAGES, type Label, type Stage } from '../model/arch';
import type { ResNet } from '../model/resnet34';
import { openSession } from '../explain/run';
import { aucFigures } from '../metrics/class-figures';
import { scanLevel } from '../metrics/scan-level';
import { sliceThirds, thirdsFigures } from '../metrics/slice-thirds';
import { LAYER_CELLS, scoreLayer, summarisePointing, type LayerPointing } from './real-pointing';
import { REAL_FORMAT, type RealItem, type RealReport, type SliceOutput } from './real-report';

export type { RealItem, RealReport } from './real-report';
export { formatReport } from './real-format';

/** Parse labels.csv; throws with the line number on a malformed row. */
export function parseLabels(csv: string): RealItem[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = (lines.shift() ?? '').split(',').map((h) => h.trim());
  const idCol = head.indexOf('id');
  const patCol = head.indexOf('patient');
  const sliceCol = head.indexOf('slice');
  if (idCol < 0 || patCol < 0) throw new Error('labels.csv: the header needs "id" and "patient" columns');
  const cols = LABELS.map((l) => [l, head.indexOf(l)] as const).filter(([, c]) => c >= 0);
  if (cols.length === 0) throw new Error(`labels.csv: no labelled class among ${LABELS.join(', ')}`);
  return lines.map((line, i) => {
    const f = line.split(',');
    const labels: Partial<Record<Label, number>> = {};
    for (const [l, c] of cols) {
      const v = Number(f[c]);
      if (v !== 0 && v !== 1) throw new Error(`labels.csv line ${i + 2}: ${l} is "${f[c]}", not 0 or 1`);
      labels[l] = v;
    }
    const item = { id: (f[idCol] ?? '').trim(), patient: (f[patCol] ?? '').trim(), labels };
    if (sliceCol < 0) return item;
    const slice = Number(f[sliceCol]);
    if (!Number.isFinite(slice) || (f[sliceCol] ?? '').trim() === '') throw new Error(`labels.csv line ${i + 2}: slice is "${f[sliceCol]}", not a number`);
    return { ...item, slice };
  });
}

/**
 * Whole scans: every item has a slice number, and each patient holds at least 3 slices whose numbers
 * run without a gap (ct-ich: every slice of each scan). A selection of slices (phe-sich) is not.
 */
export function isWholeScanSet(items: readonly RealItem[]): boolean {
  if (items.length === 0 || items.some((i) => i.slice === undefined)) return false;
  const by = new Map<string, number[]>();
  for (const i of items) by.set(i.patient, [...(by.get(i.patient) ?? []), i.slice as number]);
  return [...by.values()].every((s) => s.length >= 3 && new Set(s).size === s.length && Math.max(...s) - Math.min(...s) + 1 === s.length);
}

function findImage(dir: string, id: string): string {
  for (const ext of ['.png', '.dcm', '.jpg', '.jpeg', '']) {
    const p = join(dir, 'images', id + ext);
    if (existsSync(p)) return p;
  }
  throw new Error(`images/${id}.* not found`);
}

async function readMask(dir: string, id: string, width: number, height: number): Promise<Uint8Array | null> {
  const p = join(dir, 'masks', `${id}.png`);
  if (!existsSync(p)) return null;
  const img = decodePngRaw(await readFile(p));
  if (img.width !== width || img.height !== height) throw new Error(`masks/${id}.png is ${img.width}x${img.height}, the slice ${width}x${height}`);
  const out = new Uint8Array(width * height);
  for (let k = 0; k < out.length; k++) out[k] = (img.data[k * img.channels] as number) > 0 ? 1 : 0;
  return out;
}

/** Probabilities and, on a masked positive, the pointing game at every layer, for one slice. */
async function scoreSlice(net: ResNet, dir: string, it: RealItem, window8bit: Window): Promise<Omit<SliceOutput, 'third'>> {
  const slice = await decodeSlice(new Uint8Array(await readFile(findImage(dir, it.id))), { window8bit });
  const grid = sliceToModel(slice, MODEL_SIZE);
  const square = squareSize(slice);
  const session = await openSession(net, huToModelInput(grid.hu, MODEL_SIZE), MODEL_SIZE);
  try {
    const pointing: Partial<Record<Stage, LayerPointing>> = {};
    const mask = it.labels.any === 1 ? await readMask(dir, it.id, slice.width, slice.height) : null;
    if (mask && mask.some((v) => v !== 0)) {
      // One batched backward pass gives Grad-CAM at every layer (src/explain/batched.ts).
      const maps = await session.explainMany([{ method: 'gradient', label: 0 }, ...STAGES.map((layer) => ({ method: 'gradcam' as const, label: 0, layer }))]);
      const geom = { box: grid.box ?? paddedBox(square), square, original: { width: slice.width, height: slice.height } };
      STAGES.forEach((layer, k) => {
        const p = scoreLayer((maps[k + 1] as { data: Float32Array }).data, LAYER_CELLS[layer], geom, mask);
        if (p) pointing[layer] = p;
      });
    }
    const hit = pointing.layer4 ? pointing.layer4.strict : null;
    return { id: it.id, patient: it.patient, ...(it.slice !== undefined ? { slice: it.slice } : {}), probabilities: Array.from(session.probabilities), hit, pointing };
  } finally {
    session.dispose();
  }
}

/**
 * Score `net` on the folder. `thresholds` per label (UI thresholds; missing → no operating point).
 * `onProgress(done, total)` is called after each slice.
 * @throws Error when the folder lacks labels.csv or images/, or a file is missing or malformed
 */
export async function evaluateReal(net: ResNet, dir: string, window8bit: Window, thresholds: Partial<Record<Label, number>>, opts: { boot?: number; limit?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<RealReport> {
  if (!existsSync(join(dir, 'labels.csv')) || !existsSync(join(dir, 'images'))) {
    throw new Error(`${dir}: expected labels.csv and images/ (found: ${existsSync(dir) ? readdirSync(dir).join(', ') : 'nothing, the folder is absent'})`);
  }
  const boot = opts.boot ?? 2000;
  const all = parseLabels(await readFile(join(dir, 'labels.csv'), 'utf8'));
  const items = opts.limit ? all.slice(0, opts.limit) : all;
  const scored: Omit<SliceOutput, 'third'>[] = [];
  for (const it of items) {
    scored.push(await scoreSlice(net, dir, it, window8bit));
    opts.onProgress?.(scored.length, items.length);
  }
  const wholeScans = isWholeScanSet(items);
  const thirdOf = wholeScans ? sliceThirds(items.map((i) => ({ scan: i.patient, slice: i.slice as number }))) : null;
  const out: SliceOutput[] = scored.map((o, i) => ({ ...o, third: thirdOf ? (thirdOf[i] ?? null) : null }));
  const patients = out.map((o) => o.patient);
  const classes: RealReport['classes'] = {};
  for (const [k, label] of LABELS.entries()) {
    if (items[0]?.labels[label] === undefined) continue;
    classes[label] = aucFigures(items.map((i) => i.labels[label] as number), out.map((o) => o.probabilities[k] as number), patients, thresholds[label], boot);
  }
  const layers = Object.fromEntries(STAGES.flatMap((layer) => {
    const rows = out.flatMap((o) => (o.pointing[layer] ? [{ patient: o.patient, p: o.pointing[layer] as LayerPointing }] : []));
    const f = summarisePointing(rows, LAYER_CELLS[layer], boot);
    return f ? [[layer, f]] : [];
  })) as NonNullable<RealReport['pointing']>['layers'];
  const l4 = layers.layer4;
  const tAny = thresholds.any;
  const negatives = items.map((it, i) => [it, i] as const).filter(([it]) => it.labels.any === 0);
  const fpIdx = tAny === undefined ? [] : negatives.filter(([, i]) => ((out[i] as SliceOutput).probabilities[0] as number) >= tAny);
  const falsePositives = tAny === undefined || negatives.length === 0 ? null : {
    slices: fpIdx.length,
    negatives: negatives.length,
    patients: new Set(fpIdx.map(([it]) => it.patient)).size,
    patientsWithNegatives: new Set(negatives.map(([it]) => it.patient)).size,
  };
  const anyRows = items.flatMap((it, i) => (it.labels.any === undefined ? [] : [{ scan: it.patient, slice: it.slice as number, label: it.labels.any, probability: (out[i] as SliceOutput).probabilities[0] as number }]));
  return {
    format: REAL_FORMAT,
    dir,
    window8bit,
    slices: out.length,
    patients: new Set(patients).size,
    wholeScans,
    classes,
    pointingGame: l4 ? { hits: l4.strict.hits, scored: l4.strict.scored, rate: l4.strict.rate, ci95: l4.strict.ci95, reachable: l4.strict.reachable, ceiling: l4.strict.ceiling } : null,
    pointing: Object.keys(layers).length ? { label: 'any', tolerancePx: 15, layers } : null,
    falsePositives,
    scans: wholeScans && anyRows.length ? scanLevel(anyRows, tAny, boot) : null,
    thirds: wholeScans && anyRows.length ? thirdsFigures(anyRows, tAny, boot) : null,
    items: out,
  };
}

/** What may be committed beside the weights: the figures, never a per-slice output (the data's rules). */
export function reportSummary(r: RealReport, source: string): object {
  const { items: _items, dir, ...figures } = r;
  void _items;
  return { ...figures, format: 'ich-real-eval-summary/2', set: dir.replace(/\/+$/, '').split('/').pop(), source, date: new Date().toISOString().slice(0, 10) };
}
