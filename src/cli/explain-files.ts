/**
 * The CLI's per-file loop, apart from argument parsing and model set-up so tests can drive it:
 * read → decode → resize → model input → forward → explanations → JSON + PNG overlays + .npy maps.
 * One bad file gives one error line and the loop goes on.
 *
 * Outputs never silently replace each other or an earlier run's:
 * - each input's outputs mirror its path relative to the common folder of all inputs
 *   (`a/series1/IM0001.dcm` and `a/series2/IM0001.dcm` → `OUT/series1/IM0001.*` and `OUT/series2/IM0001.*`);
 *   inputs that still collide (the same file given twice, `x.png` next to `x.jpg`) get `-2`, `-3`, …
 *   in input order, so names are the same on every run;
 * - a file whose outputs already exist fails with code `exists` before it is decoded, unless
 *   `overwrite` is set; files are written under temporary names and put in place together by exclusive
 *   links (src/cli/staged-outputs.ts), so nothing is replaced by accident, a failed file (a full disk)
 *   leaves nothing behind, and of two runs into one folder the one that loses fails whole.
 */
import { createHash } from 'node:crypto';
import { access, readFile, mkdir } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { PNG } from 'pngjs';
import { makeOutputFolder } from './cli-edge';
import { StagedOutputs } from './staged-outputs';
import { dump } from 'npyjs';
import { decodeSlice } from '../ct/decode';
import { sliceToModel } from '../ct/head-crop';
import { MIN_SLICE_SIDE, SliceError, type CtSlice, type DecodeOptions, type SliceWarning } from '../ct/slice';
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
  /** The window 8-bit PNG/JPEG inputs were exported with, or 'auto' to estimate it per image. */
  readonly window8bit: Window | 'auto';
  /** 16-bit greyscale PNG: HU = stored + huOffset16 (decoder default −1024 when absent). */
  readonly huOffset16?: number;
  /** 0-based frame of a multi-frame DICOM (decoder default: the middle one when absent). */
  readonly frame?: number;
  readonly outDir: string;
  /** Replace existing outputs instead of failing the file with code `exists` (default false). */
  readonly overwrite?: boolean;
  /** Written into every JSON, e.g. `{ backend: 'wasm', weights: 'models/resnet34 (trained)' }`. */
  readonly provenance: Record<string, string>;
  /** Called once per file as soon as it is done (for streaming progress lines). */
  readonly onOutcome?: (outcome: FileOutcome) => void;
  /** The decoder (default `decodeSlice`); tests pass a wrapper. */
  readonly decode?: (bytes: Uint8Array, opts: DecodeOptions) => CtSlice | Promise<CtSlice>;
}

export interface FileOutcome {
  /** The input path as given. */
  readonly file: string;
  readonly ok: boolean;
  /** One line: the error, or where the JSON went. */
  readonly message: string;
  /** Failures: the SliceError code, `exists`, or a Node error code (ENOENT, ...). */
  readonly code?: string;
  /** Successes: the JSON written. */
  readonly json?: string;
  /** What the decoder found odd (empty when none, and for failures). */
  readonly warnings: readonly SliceWarning[];
  readonly forwardMs?: number;
  readonly methodMs?: Readonly<Record<string, number>>;
  /** Methods whose maps one batched backward pass made together: how many maps that pass made (their `methodMs` is the pass's, shared). */
  readonly methodShared?: Readonly<Record<string, number>>;
  /** Successes: the six probabilities, LABELS order. */
  readonly probabilities?: readonly number[];
}

/** Counts for the closing summary line. */
export interface RunSummary {
  readonly files: number;
  /** Decoded and explained (with or without warnings). */
  readonly read: number;
  readonly failed: number;
  /** Read, with at least one warning. */
  readonly warned: number;
}

const SEQ = lookupTable(SEQUENTIAL.inferno);
const DIV = lookupTable(DIVERGING['blue-red']);

/** Extensions dropped from output names; any other ending (e.g. a UID's last digits) is kept. */
const IMAGE_EXT = /\.(dcm|dicom|dic|ima|png|jpe?g)$/i;

/** The folder every path in `dirs` (absolute) lies in. */
export function commonFolder(dirs: readonly string[]): string {
  const split = dirs.map((d) => resolve(d).split(sep));
  const first = split[0] ?? [];
  let n = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < n && i < parts.length && parts[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join(sep) || sep;
}

/** Every file one input writes, given its output stem (a path without extension). */
export function outputFiles(stem: string, methods: readonly string[]): string[] {
  return [`${stem}.json`, ...methods.flatMap((m) => [`${stem}.${m}.png`, `${stem}.${m}.npy`])];
}

/**
 * Output stems (paths without extension, under `outDir`), one per input, in input order: the input's
 * path relative to the common folder of all inputs, minus an image extension; `-2`, `-3`, … when two
 * inputs would still share any output file (compared case-insensitively, for macOS and Windows disks).
 * Depends only on the inputs, so a re-run gives the same names (and finds its earlier outputs).
 */
export function outputStems(files: readonly string[], outDir: string, methods: readonly string[]): string[] {
  const root = commonFolder(files.map((f) => dirname(resolve(f))));
  const claimed = new Set<string>();
  return files.map((file) => {
    const rel = relative(root, resolve(file)).replace(IMAGE_EXT, '');
    for (let k = 1; ; k++) {
      const stem = join(outDir, k === 1 ? rel : `${rel}-${k}`);
      const names = outputFiles(stem, methods).map((p) => p.toLowerCase());
      if (names.some((p) => claimed.has(p))) continue;
      for (const p of names) claimed.add(p);
      return stem;
    }
  });
}

/** Count read, failed and warned files. */
export function summarize(outcomes: readonly FileOutcome[]): RunSummary {
  const read = outcomes.filter((o) => o.ok);
  return { files: outcomes.length, read: read.length, failed: outcomes.length - read.length, warned: read.filter((o) => o.warnings.length > 0).length };
}

/** The closing line, e.g. `explain: 4 files: 3 read (1 with warnings), 1 failed`. */
export function summaryLine(s: RunSummary): string {
  return `explain: ${s.files} ${s.files === 1 ? 'file' : 'files'}: ${s.read} read (${s.warned} with warnings), ${s.failed} failed`;
}

/** One stderr line per warning, naming the file: `explain: FILE: warning: MESSAGE [code]`. */
export function warningLine(file: string, w: SliceWarning): string {
  return `explain: ${file}: warning: ${w.message} [${w.code}]`;
}

function pngBytes(rgba: Uint8ClampedArray, width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png);
}

async function writeMap(map: ExplanationMap, hu: Float32Array, stem: string, out: StagedOutputs): Promise<{ png: string; npy: string }> {
  const display = toDisplay(map, 'aggregate');
  const base = windowedRgba(hu, map.width, map.height, WINDOWS.brain);
  const rgba = blendOverlay(base, display, display.signed ? DIV : SEQ, 0.8);
  const name = `${stem}.${map.request.method}`;
  await out.write(`${name}.png`, pngBytes(rgba, map.width, map.height));
  await out.write(`${name}.npy`, new Uint8Array(dump(map.data, [map.height, map.width, map.channels])));
  return { png: `${basename(name)}.png`, npy: `${basename(name)}.npy` };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** A failure the loop reports with a code. */
class OutputsExist extends Error {
  readonly code = 'exists';
}

/** What the JSON says about how the file became HU (the decoder's choices, next to what was asked). */
function decoding(slice: CtSlice, opts: ExplainFilesOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (slice.windowUsed) {
    // An 8-bit image: the window its bytes were read back through.
    out['window8bit'] = slice.windowUsed;
    out['window8bitEstimated'] = slice.windowEstimated === true;
  } else if (slice.source === 'png') {
    // A PNG without a window is a 16-bit greyscale PNG: HU = stored + offset.
    out['huOffset16'] = opts.huOffset16 ?? -1024;
  }
  if (slice.frame) out['frame'] = slice.frame;
  return out;
}

/**
 * Fail with code `exists` when any output of `stem` is already there and `overwrite` is not set, before
 * anything is decoded (an earlier run's outputs stay as they were).
 */
export async function refuseExisting(stem: string, opts: Pick<ExplainFilesOptions, 'methods' | 'overwrite'>): Promise<void> {
  if (opts.overwrite) return;
  const targets = outputFiles(stem, opts.methods);
  const taken = (await Promise.all(targets.map(async (p) => ((await exists(p)) ? p : null)))).filter((p) => p !== null);
  if (taken.length > 0) {
    const more = taken.length > 1 ? ` and ${taken.length - 1} more` : '';
    throw new OutputsExist(`would overwrite ${taken[0]}${more} from an earlier run; pass --overwrite to replace, or choose another --out`);
  }
}

/** Explain one file into outputs at `stem`; throws SliceError, OutputsExist or Error on a bad file. */
async function explainFile(net: ResNet, file: string, stem: string, opts: ExplainFilesOptions): Promise<FileOutcome> {
  await refuseExisting(stem, opts);
  const bytes = new Uint8Array(await readFile(file));
  const decodeOpts: DecodeOptions = {
    window8bit: opts.window8bit,
    minSide: MIN_SLICE_SIDE,
    ...(opts.huOffset16 !== undefined ? { huOffset16: opts.huOffset16 } : {}),
    ...(opts.frame !== undefined ? { frame: opts.frame } : {}),
  };
  const slice = await (opts.decode ?? decodeSlice)(bytes, decodeOpts);
  return explainDecoded(net, { file, bytes, slice }, stem, opts);
}

/**
 * Explain one decoded slice into outputs at `stem` (JSON, overlays, maps), as for a file; the scan mode
 * (src/cli/explain-scan.ts) calls it per slice of a series. `file` names the input in the JSON and
 * `bytes` are hashed. Does not check for earlier outputs (see `refuseExisting`).
 */
export async function explainDecoded(net: ResNet, decoded: { file: string; bytes: Uint8Array; slice: CtSlice }, stem: string, opts: ExplainFilesOptions): Promise<FileOutcome> {
  const { file, bytes, slice } = decoded;
  // Staged, then put in place together (src/cli/staged-outputs.ts): a failed file leaves nothing behind.
  const out = new StagedOutputs(opts.overwrite === true);
  const warnings = (slice.warnings ?? []).map(({ code, params, message }) => ({ code, params, message }));
  const grid = sliceToModel(slice, MODEL_SIZE);
  const hu = grid.hu;
  const input = huToModelInput(hu, MODEL_SIZE);
  const requests = opts.methods.map((method) => ({ method, label: opts.label, layer: opts.layer }));
  const result = await explainAll(net, input, MODEL_SIZE, requests);
  await mkdir(dirname(stem), { recursive: true });
  const explanations: Record<string, unknown> = {};
  const methodMs: Record<string, number> = {};
  const methodShared: Record<string, number> = {};
  for (const map of result.maps) {
    const files = await writeMap(map, hu, stem, out);
    methodMs[map.request.method] = map.ms;
    if (map.shared) methodShared[map.request.method] = map.shared;
    // `shared`: this many maps came out of one batched backward pass whose time `ms` is.
    const shared = map.shared ? { shared: map.shared } : {};
    explanations[map.request.method] = { request: map.request, kind: map.kind, shape: [map.height, map.width, map.channels], ms: map.ms, ...shared, stats: mapStats(map), files };
  }
  const report = {
    file,
    fileAbsolute: resolve(file),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    provenance: opts.provenance,
    warnings,
    preprocessing: {
      source: slice.source,
      originalSize: [slice.width, slice.height],
      ...decoding(slice, opts),
      requested: {
        window8bit: opts.window8bit,
        frame: opts.frame ?? 'middle',
        huOffset16: opts.huOffset16 ?? -1024,
      },
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
  const json = `${stem}.json`;
  await out.write(json, `${JSON.stringify(report, null, 2)}\n`);
  await out.commit();
  return { file, ok: true, message: json, json, warnings, forwardMs: result.forwardMs, methodMs, methodShared, probabilities: Array.from(result.probabilities) };
}

/** One line for a failure, and its code. */
export function failure(err: unknown): { message: string; code?: string } {
  if (err instanceof SliceError || err instanceof OutputsExist) return { message: `${err.message} [${err.code}]`, code: err.code };
  // Every other error too ends with a [code]: the system's (ENOENT, ENOSPC, ...) or `error`.
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const text = err instanceof Error ? (err.message.split('\n')[0] ?? err.name) : String(err);
  return { message: `${text} [${typeof code === 'string' ? code : 'error'}]`, code: typeof code === 'string' ? code : 'error' };
}

/** Explain every file in turn; never throws for a bad file. */
export async function explainFiles(net: ResNet, files: readonly string[], opts: ExplainFilesOptions): Promise<FileOutcome[]> {
  await makeOutputFolder(opts.outDir);
  const stems = outputStems(files, opts.outDir, opts.methods);
  const outcomes: FileOutcome[] = [];
  for (const [i, file] of files.entries()) {
    let outcome: FileOutcome;
    try {
      outcome = await explainFile(net, file, stems[i] as string, opts);
    } catch (err) {
      outcome = { file, ok: false, ...failure(err), warnings: [] };
    }
    outcomes.push(outcome);
    opts.onOutcome?.(outcome);
  }
  return outcomes;
}
