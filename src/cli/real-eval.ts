/**
 * The real-CT validation harness (`npm run evaluate -- --real DIR`): the site's own engine, input rule
 * and thresholds on a folder of real slices, read in place (never copied).
 *
 * DIR holds `labels.csv` (`id`, `patient`, and one 0/1 column per labelled class among LABELS),
 * `images/<id>.png|.dcm|.jpg` and optionally `masks/<id>.png` (non-zero = lesion). Reported per labelled
 * class: ROC AUC with a 95 % interval from 2000 bootstrap resamples of patients, sensitivity and
 * specificity at the thresholds the UI uses (model.json meta.thresholds), and for `any` the Grad-CAM
 * (layer4) pointing game inside the lesion masks of the positive slices.
 */
import { readFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decode as decodePngRaw } from 'fast-png';
import { decodeSlice } from '../ct/decode';
import { cropMasksToGrid, sliceToModel, squareMask, squareSize } from '../ct/head-crop';
import { huToModelInput, MODEL_SIZE, type Window } from '../ct/window';
import { LABELS, type Label } from '../model/arch';
import type { ResNet } from '../model/resnet34';
import { openSession } from '../explain/run';
import { rocAuc } from '../metrics/roc-auc';
import { bootstrapByGroup } from '../metrics/bootstrap';
import { operatingPoint, type OperatingPoint } from '../metrics/operating-point';
import { pointingGame } from '../metrics/pointing-game';
import { pointingReachable } from '../metrics/pointing-game-ceiling';

/** Cells per side of layer4 at the model size: total stride 32 (stem 2, max-pool 2, layers 2-4 2 each). */
const LAYER4_CELLS = Math.ceil(MODEL_SIZE / 32);

/** One row of labels.csv. */
export interface RealItem {
  readonly id: string;
  readonly patient: string;
  /** Labelled classes only. */
  readonly labels: Partial<Record<Label, number>>;
}

/** Figures for one labelled class. */
export interface ClassFigures {
  readonly n: number;
  readonly positives: number;
  readonly auc: number;
  readonly ci95: readonly [number, number];
  readonly atThreshold: OperatingPoint | null;
}

export interface RealReport {
  readonly format: 'ich-real-eval/1';
  readonly dir: string;
  readonly window8bit: Window;
  readonly slices: number;
  readonly patients: number;
  readonly classes: Partial<Record<Label, ClassFigures>>;
  /** Grad-CAM (layer4, label any) pointing game over positive slices with a non-empty mask. */
  readonly pointingGame: {
    readonly hits: number;
    readonly scored: number;
    readonly rate: number;
    readonly ci95: readonly [number, number];
    /** Scored slices whose mask covers a spot where a 7×7 map's upsampled peak can fall (pointing-game-ceiling.ts). */
    readonly reachable: number;
    /** reachable / scored: the most any layer4 Grad-CAM could score on these masks. */
    readonly ceiling: number;
  } | null;
  /** `any` at its UI threshold on the negative slices: false-positive slices, and patients with at least one. */
  readonly falsePositives: { readonly slices: number; readonly negatives: number; readonly patients: number; readonly patientsWithNegatives: number } | null;
  /** Per slice: id, patient, probabilities (LABELS order), pointing-game hit (null: not scored). */
  readonly items: readonly { id: string; patient: string; probabilities: number[]; hit: 0 | 1 | null }[];
}

/** Parse labels.csv; throws with the line number on a malformed row. */
export function parseLabels(csv: string): RealItem[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = (lines.shift() ?? '').split(',').map((h) => h.trim());
  const idCol = head.indexOf('id');
  const patCol = head.indexOf('patient');
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
    return { id: (f[idCol] ?? '').trim(), patient: (f[patCol] ?? '').trim(), labels };
  });
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

/**
 * Score `net` on the folder. `thresholds` per label (UI thresholds; missing → no operating point).
 * `onProgress(done, total)` is called after each slice.
 */
export async function evaluateReal(net: ResNet, dir: string, window8bit: Window, thresholds: Partial<Record<Label, number>>, opts: { boot?: number; limit?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<RealReport> {
  if (!existsSync(join(dir, 'labels.csv')) || !existsSync(join(dir, 'images'))) {
    throw new Error(`${dir}: expected labels.csv and images/ (found: ${existsSync(dir) ? readdirSync(dir).join(', ') : 'nothing, the folder is absent'})`);
  }
  const all = parseLabels(await readFile(join(dir, 'labels.csv'), 'utf8'));
  const items = opts.limit ? all.slice(0, opts.limit) : all;
  const out: { id: string; patient: string; probabilities: number[]; hit: 0 | 1 | null; reachable: 0 | 1 | null }[] = [];
  for (const it of items) {
    const slice = await decodeSlice(new Uint8Array(await readFile(findImage(dir, it.id))), { window8bit });
    const grid = sliceToModel(slice, MODEL_SIZE);
    const sq = squareSize(slice);
    const session = await openSession(net, huToModelInput(grid.hu, MODEL_SIZE), MODEL_SIZE);
    let hit: 0 | 1 | null = null;
    let reachable: 0 | 1 | null = null;
    try {
      const mask = it.labels.any === 1 ? await readMask(dir, it.id, slice.width, slice.height) : null;
      if (mask && grid.box) {
        const cam = await session.explain({ method: 'gradcam', label: 0, layer: 'layer4' });
        const onGrid = cropMasksToGrid(squareMask(mask, slice, sq), sq.width, sq.height, grid.box, MODEL_SIZE);
        hit = pointingGame(cam.data, onGrid);
        reachable = pointingReachable(onGrid, MODEL_SIZE, MODEL_SIZE, LAYER4_CELLS, LAYER4_CELLS);
      }
      out.push({ id: it.id, patient: it.patient, probabilities: Array.from(session.probabilities), hit, reachable });
    } finally {
      session.dispose();
    }
    opts.onProgress?.(out.length, items.length);
  }
  const patients = out.map((o) => o.patient);
  const classes: Partial<Record<Label, ClassFigures>> = {};
  for (const [k, label] of LABELS.entries()) {
    if (items[0]?.labels[label] === undefined) continue;
    const y = items.map((i) => i.labels[label] as number);
    const p = out.map((o) => o.probabilities[k] as number);
    const t = thresholds[label];
    classes[label] = {
      n: y.length,
      positives: y.filter((v) => v === 1).length,
      auc: rocAuc(y, p),
      ci95: bootstrapByGroup(patients, (idx) => rocAuc(idx.map((i) => y[i] as number), idx.map((i) => p[i] as number)), opts.boot ?? 2000),
      atThreshold: t === undefined ? null : operatingPoint(y, p, t),
    };
  }
  const scored = out.map((o, i) => [o.hit, i] as const).filter(([h]) => h !== null);
  const hits = scored.filter(([h]) => h === 1).length;
  const pg = scored.length
    ? {
        hits,
        scored: scored.length,
        rate: hits / scored.length,
        ci95: bootstrapByGroup(scored.map(([, i]) => patients[i] as string), (idx) => idx.reduce((s, j) => s + ((scored[j] as readonly [number, number])[0] as number), 0) / idx.length, opts.boot ?? 2000),
        reachable: scored.filter(([, i]) => out[i]?.reachable === 1).length,
        ceiling: scored.filter(([, i]) => out[i]?.reachable === 1).length / scored.length,
      }
    : null;
  const tAny = thresholds.any;
  const negatives = items.map((it, i) => [it, i] as const).filter(([it]) => it.labels.any === 0);
  const fpIdx = tAny === undefined ? [] : negatives.filter(([, i]) => ((out[i] as { probabilities: number[] }).probabilities[0] as number) >= tAny);
  const falsePositives = tAny === undefined || negatives.length === 0 ? null : {
    slices: fpIdx.length,
    negatives: negatives.length,
    patients: new Set(fpIdx.map(([it]) => it.patient)).size,
    patientsWithNegatives: new Set(negatives.map(([it]) => it.patient)).size,
  };
  return { format: 'ich-real-eval/1', dir, window8bit, slices: out.length, patients: new Set(patients).size, classes, pointingGame: pg, falsePositives, items: out };
}

/** What may be committed beside the weights: the figures, never a per-slice output (the data's rules). */
export function reportSummary(r: RealReport, source: string): object {
  const { items: _items, dir, ...figures } = r;
  void _items;
  return { ...figures, format: 'ich-real-eval-summary/1', set: dir.replace(/\/+$/, '').split('/').pop(), source, date: new Date().toISOString().slice(0, 10) };
}

/** The report as a few lines of text (what the CLI prints). */
export function formatReport(r: RealReport): string {
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  const lines = [`real-CT validation: ${r.dir} (${r.slices} slices, ${r.patients} patients, 8-bit window L${r.window8bit.level}/W${r.window8bit.width})`];
  for (const [label, c] of Object.entries(r.classes)) {
    const op = c.atThreshold ? `; at the UI threshold ${c.atThreshold.threshold.toFixed(3)}: sensitivity ${f(c.atThreshold.sensitivity)}, specificity ${f(c.atThreshold.specificity)}` : '';
    lines.push(`  ${label}: ROC AUC ${f(c.auc)} (95 % CI by patient ${f(c.ci95[0])}-${f(c.ci95[1])}), ${c.positives} of ${c.n} positive${op}`);
  }
  if (r.pointingGame) {
    const pg = r.pointingGame;
    lines.push(`  Grad-CAM (layer4, any) pointing game inside the lesion masks: ${f(pg.rate)} (95 % CI by patient ${f(pg.ci95[0])}-${f(pg.ci95[1])}), ${pg.hits} of ${pg.scored} positive slices`);
    lines.push(`    ceiling: a ${LAYER4_CELLS}×${LAYER4_CELLS} map upsampled to ${MODEL_SIZE} px peaks only on its cell centres; ${pg.reachable} of ${pg.scored} masks cover one (${f(pg.ceiling)})`);
  }
  if (r.falsePositives) {
    const fp = r.falsePositives;
    lines.push(`  false positives (any, UI threshold): ${fp.slices} of ${fp.negatives} negative slices, in ${fp.patients} of ${fp.patientsWithNegatives} patients with negative slices`);
  }
  return lines.join('\n');
}
