/**
 * The CLI's per-file loop, apart from argument parsing and model set-up so tests can drive it:
 * read → decode → resize → model input → forward → explanations → JSON + PNG overlays + .npy maps.
 * One bad file gives one error line and the loop goes on.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { PNG } from 'pngjs';
import { dump } from 'npyjs';
import { decodeSlice } from '../ct/decode';
import { sliceToModel } from '../ct/head-crop';
import { SliceError } from '../ct/slice';
import { huToModelInput, MODEL_SIZE, MODEL_WINDOWS, WINDOWS, type Window } from '../ct/window';
import { LABELS, type Stage } from '../model/arch';
import type { ResNet } from '../model/resnet34';
import type { MethodName } from '../explain/method';
import { explainAll, type ExplanationMap } from '../explain/run';
import { toDisplay } from '../maps/display';
import { mapStats } from '../maps/stats';
import { DIVERGING, lookupTable, SEQUENTIAL } from '../maps/colormap';
import { blendOverlay, windowedRgba } from '../maps/overlay';

export interface ExplainFilesOptions {
  readonly methods: readonly MethodName[];
  /** Index into LABELS. */
  readonly label: number;
  readonly layer: Stage;
  /** The window 8-bit PNG/JPEG inputs were exported with. */
  readonly window8bit: Window;
  readonly outDir: string;
  /** Written into every JSON, e.g. `{ backend: 'wasm', weights: 'models/resnet34 (trained)' }`. */
  readonly provenance: Record<string, string>;
}

export interface FileOutcome {
  readonly file: string;
  readonly ok: boolean;
  /** One line: the error, or where the JSON went. */
  readonly message: string;
  readonly forwardMs?: number;
  readonly methodMs?: Readonly<Record<string, number>>;
}

const SEQ = lookupTable(SEQUENTIAL.inferno);
const DIV = lookupTable(DIVERGING['blue-red']);

function pngBytes(rgba: Uint8ClampedArray, width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png);
}

async function writeMap(map: ExplanationMap, hu: Float32Array, stem: string): Promise<{ png: string; npy: string }> {
  const display = toDisplay(map, 'aggregate');
  const base = windowedRgba(hu, map.width, map.height, WINDOWS.brain);
  const rgba = blendOverlay(base, display, display.signed ? DIV : SEQ, 0.8);
  const name = `${stem}.${map.request.method}`;
  await writeFile(`${name}.png`, pngBytes(rgba, map.width, map.height));
  await writeFile(`${name}.npy`, new Uint8Array(dump(map.data, [map.height, map.width, map.channels])));
  return { png: `${basename(name)}.png`, npy: `${basename(name)}.npy` };
}

/** Explain one file; throws SliceError (or Error) on a bad file. */
async function explainFile(net: ResNet, file: string, opts: ExplainFilesOptions): Promise<FileOutcome> {
  const bytes = new Uint8Array(await readFile(file));
  const slice = decodeSlice(bytes, { window8bit: opts.window8bit });
  const grid = sliceToModel(slice, MODEL_SIZE);
  const hu = grid.hu;
  const input = huToModelInput(hu, MODEL_SIZE);
  const requests = opts.methods.map((method) => ({ method, label: opts.label, layer: opts.layer }));
  const result = await explainAll(net, input, MODEL_SIZE, requests);
  const stem = join(opts.outDir, basename(file, extname(file)));
  const explanations: Record<string, unknown> = {};
  const methodMs: Record<string, number> = {};
  for (const map of result.maps) {
    const files = await writeMap(map, hu, stem);
    methodMs[map.request.method] = map.ms;
    explanations[map.request.method] = { request: map.request, kind: map.kind, shape: [map.height, map.width, map.channels], ms: map.ms, stats: mapStats(map), files };
  }
  const report = {
    file,
    provenance: opts.provenance,
    preprocessing: {
      source: slice.source,
      originalSize: [slice.width, slice.height],
      ...(slice.source === 'png' || slice.source === 'jpeg' ? { window8bit: slice.windowUsed ?? opts.window8bit } : {}),
      resize: `square pixels by Pixel Spacing, crop to the head (src/ct/head-crop.ts), then area-shrink or bilinear-enlarge to ${MODEL_SIZE}x${MODEL_SIZE}`,
      headCrop: grid.box,
      channels: MODEL_WINDOWS,
      normalisation: 'x = 2 * clip((HU - (L - W/2)) / W, 0, 1) - 1',
    },
    label: LABELS[opts.label],
    probabilities: Object.fromEntries(LABELS.map((l, i) => [l, result.probabilities[i]])),
    logits: Object.fromEntries(LABELS.map((l, i) => [l, result.logits[i]])),
    forwardMs: result.forwardMs,
    explanations,
  };
  await writeFile(`${stem}.json`, `${JSON.stringify(report, null, 2)}\n`);
  return { file, ok: true, message: `${stem}.json`, forwardMs: result.forwardMs, methodMs };
}

/** Explain every file in turn; never throws for a bad file. */
export async function explainFiles(net: ResNet, files: readonly string[], opts: ExplainFilesOptions): Promise<FileOutcome[]> {
  await mkdir(opts.outDir, { recursive: true });
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    try {
      outcomes.push(await explainFile(net, file, opts));
    } catch (err) {
      const why = err instanceof SliceError ? `${err.message} [${err.code}]` : err instanceof Error ? err.message : String(err);
      outcomes.push({ file, ok: false, message: why });
    }
  }
  return outcomes;
}
