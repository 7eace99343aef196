/**
 * `npm run explain -- DIR` (or a ZIP): the inputs are read as a scan (src/ct/scan), and each series is
 * explained as one scan, slice by slice in anatomical order, with the per-slice outputs of a single
 * file (src/cli/explain-files.ts) under OUT/<series>/, plus:
 * - `scan.json`: the slices in order, each with its input file, position and six probabilities; the
 *   per-label maximum (the usual scan-level reading); the slices at or above each threshold; the notes
 *   (order, duplicates, gaps, sizes) and every file left out, by name;
 * - `scan.png`: the strip figure of the six probabilities along the scan (src/cli/scan-strip.ts).
 * Skipped files (not CT slices) are reported and do not fail the run; slices that fail to decode do.
 */
import { access, readdir, readFile, stat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { decodeSlice } from '../ct/decode';
import { indexScan, isZip, sizeNotes, type ScanFileIssue, type ScanIndex, type ScanInputFile, type ScanNote, type ScanSeries, type SliceRef } from '../ct/scan/index';
import { MIN_SLICE_SIDE, type DecodeOptions } from '../ct/slice';
import { LABELS } from '../model/arch';
import type { ResNet } from '../model/resnet34';
import { explainDecoded, failure, outputStems, refuseExisting, type ExplainFilesOptions, type FileOutcome } from './explain-files';
import { scanStrip } from './scan-strip';
import { StagedOutputs } from './staged-outputs';

/** True when `path` is a folder, or a file that starts like a ZIP. */
export async function isScanArg(path: string): Promise<boolean> {
  try {
    if ((await stat(path)).isDirectory()) return true;
    const head = new Uint8Array(await readFile(path)).subarray(0, 4);
    return isZip(head);
  } catch {
    return false;
  }
}

/** Every file under `dir`, recursively, in sorted order (hidden files included: the loader names them). */
async function walk(dir: string, depth = 0): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    // Links are followed (a folder of links to the slices is a scan too); a link to a folder once deep.
    const target = e.isSymbolicLink() ? await stat(p).catch(() => null) : e;
    if (target?.isDirectory() && (depth < 1 || !e.isSymbolicLink())) out.push(...(await walk(p, depth + (e.isSymbolicLink() ? 1 : 0))));
    else out.push(p); // files, broken links and anything else: read, and reported by name when unreadable
  }
  return out;
}

/**
 * Read folders (recursively) and files into named inputs; names are paths as given plus the path below
 * a folder. A path that cannot be read is a failed outcome.
 */
export async function readScanInputs(paths: readonly string[]): Promise<{ files: ScanInputFile[]; unreadable: FileOutcome[] }> {
  const files: ScanInputFile[] = [];
  const unreadable: FileOutcome[] = [];
  for (const p of paths) {
    try {
      const list = (await stat(p)).isDirectory() ? await walk(p) : [p];
      for (const f of list) {
        try {
          files.push({ name: f, bytes: new Uint8Array(await readFile(f)) });
        } catch (err) {
          unreadable.push({ file: f, ok: false, ...failure(err), warnings: [] });
        }
      }
    } catch (err) {
      unreadable.push({ file: p, ok: false, ...failure(err), warnings: [] });
    }
  }
  return { files, unreadable };
}

/** Folder names for the series, in index order: `series-<Series Number>` (else its place), `images` for PNG/JPEG; `-2`… on a clash. */
export function seriesDirNames(series: readonly ScanSeries[]): string[] {
  const used = new Set<string>();
  return series.map((s, i) => {
    const base = s.kind === 'raster' ? 'images' : `series-${s.number ?? i + 1}`;
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}-${k}`;
    used.add(name.toLowerCase());
    return name;
  });
}

const IMAGE_EXT = /\.(dcm|dicom|dic|ima|png|jpe?g)$/i;

/** A slice's name in messages: the file, with the frame of a multi-frame file. */
export const sliceName = (r: Pick<SliceRef, 'file' | 'frame'>): string => (r.frame ? `${r.file} (frame ${r.frame.index})` : r.file);

/** Output stems of a series' slices under `dir`: as for single files, a multi-frame file's frames as NAME.fNNN. */
export function sliceStems(slices: readonly SliceRef[], dir: string, methods: readonly string[]): string[] {
  const names = slices.map((r) => (r.frame ? `${r.file.replace(IMAGE_EXT, '')}.f${String(r.frame.index).padStart(3, '0')}` : r.file));
  return outputStems(names, dir, methods);
}

/** One slice's line in scan.json. */
export interface ScanJsonSlice {
  readonly index: number;
  readonly file: string;
  readonly frame?: number;
  readonly positionMm: number | null;
  readonly instance: number | null;
  /** The slice's own JSON, relative to scan.json; absent when it failed. */
  readonly json?: string;
  /** LABELS order as an object; null when the slice failed. */
  readonly probabilities: Record<string, number> | null;
  readonly warnings: readonly string[];
  readonly error?: string;
}

/** Build scan.json's content (pure): the slices in order, per-label maxima, slices at or above each threshold. */
export function scanReport(args: {
  series: ScanSeries;
  slices: readonly ScanJsonSlice[];
  thresholds: readonly number[];
  notes: readonly ScanNote[];
  skipped: readonly ScanFileIssue[];
  provenance: Record<string, string>;
  strip: string;
}): Record<string, unknown> {
  const { series, slices, thresholds } = args;
  const scored = slices.filter((s) => s.probabilities !== null);
  const where = (s: ScanJsonSlice) => ({ index: s.index, file: s.file, ...(s.frame !== undefined ? { frame: s.frame } : {}), positionMm: s.positionMm });
  const max: Record<string, unknown> = {};
  const above: Record<string, unknown> = {};
  LABELS.forEach((label, k) => {
    const threshold = thresholds[k] ?? 0.5;
    let best: ScanJsonSlice | undefined;
    for (const s of scored) if (!best || (s.probabilities?.[label] ?? 0) > (best.probabilities?.[label] ?? 0)) best = s;
    max[label] = best ? { probability: best.probabilities?.[label], ...where(best) } : null;
    const hits = scored.filter((s) => (s.probabilities?.[label] ?? 0) >= threshold);
    above[label] = { threshold, count: hits.length, slices: hits.map(where) };
  });
  return {
    format: 'ich-scan/1',
    series: {
      uid: series.uid,
      ...(series.number !== undefined ? { number: series.number } : {}),
      ...(series.description ? { description: series.description } : {}),
      ...(series.modality ? { modality: series.modality } : {}),
      order: series.order,
      ...(series.normal ? { normal: series.normal } : {}),
      ...(series.spacingMm !== undefined ? { spacingMm: series.spacingMm } : {}),
      slices: slices.length,
      scored: scored.length,
    },
    provenance: args.provenance,
    thresholds: Object.fromEntries(LABELS.map((l, k) => [l, thresholds[k] ?? 0.5])),
    max,
    maxNote:
      "The per-label maximum over the slices is the usual scan-level reading: the scan counts as positive for a label when any slice reaches its threshold. It costs false alarms: every slice without blood that reaches the threshold makes a scan without blood positive, and on real scans this network flags many such slices (the skull base most of all).",
    aboveThreshold: above,
    slices,
    notes: args.notes.map(({ code, message, files }) => ({ code, message, files })),
    skipped: args.skipped.map(({ file, code, message }) => ({ file, code, message })),
    strip: args.strip,
  };
}

function pngBytes(rgba: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png);
}

const exists = (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );

/** What happened to one series. */
export interface SeriesOutcome {
  readonly series: ScanSeries;
  readonly dir: string;
  /** The slices' outcomes in anatomical order (empty when refused). */
  readonly slices: readonly FileOutcome[];
  readonly scanJson?: string;
  readonly strip?: string;
  /** Why the series was not explained (slice limit, earlier outputs), or why its scan.json and scan.png were not written. */
  readonly refused?: { readonly message: string; readonly code: string };
}

export interface ScanRunOptions extends ExplainFilesOptions {
  /** Per-label thresholds, LABELS order (the model's meta.thresholds, else 0.5). */
  readonly thresholds: readonly number[];
  readonly maxSlices: number;
  /** Called once per series before its slices, with the series' folder. */
  readonly onSeries?: (series: ScanSeries, dir: string) => void;
}

/** The whole run: the index, what became of each series, the files skipped. */
export interface ScanRun {
  readonly index: ScanIndex;
  readonly series: readonly SeriesOutcome[];
}

/**
 * Explain every series of the inputs as a scan. Never throws for a bad file or series.
 * @param files named inputs (readScanInputs); ZIPs are opened by the loader
 */
export async function explainScans(net: ResNet, files: readonly ScanInputFile[], opts: ScanRunOptions): Promise<ScanRun> {
  const index = indexScan(files, { maxSlices: opts.maxSlices });
  const dirs = seriesDirNames(index.series);
  const outcomes: SeriesOutcome[] = [];
  for (const [i, series] of index.series.entries()) {
    const dir = join(opts.outDir, dirs[i] as string);
    opts.onSeries?.(series, dir);
    if (series.refused) {
      outcomes.push({ series, dir, slices: [], refused: { message: series.refused.message, code: series.refused.code } });
      continue;
    }
    const scanJson = join(dir, 'scan.json');
    const stripPng = join(dir, 'scan.png');
    const taken = opts.overwrite ? [] : (await Promise.all([scanJson, stripPng].map(async (p) => ((await exists(p)) ? p : null)))).filter((p) => p !== null);
    if (taken.length > 0) {
      const message = `would overwrite ${taken[0]} from an earlier run; pass --overwrite to replace, or choose another --out`;
      outcomes.push({ series, dir, slices: [], refused: { message, code: 'exists' } });
      continue;
    }
    await mkdir(dir, { recursive: true });
    const stems = sliceStems(series.slices, dir, opts.methods);
    const results: FileOutcome[] = [];
    const rows: ScanJsonSlice[] = [];
    const sizes: { file: string; width: number; height: number }[] = [];
    for (const [k, ref] of series.slices.entries()) {
      const name = sliceName(ref);
      const stem = stems[k] as string;
      let outcome: FileOutcome;
      try {
        await refuseExisting(stem, opts);
        const decodeOpts: DecodeOptions = {
          window8bit: opts.window8bit,
          minSide: MIN_SLICE_SIDE,
          ...(opts.huOffset16 !== undefined ? { huOffset16: opts.huOffset16 } : {}),
          ...(ref.frame ? { frame: ref.frame.index } : {}),
        };
        const slice = await (opts.decode ?? decodeSlice)(ref.bytes, decodeOpts);
        sizes.push({ file: name, width: slice.width, height: slice.height });
        outcome = await explainDecoded(net, { file: ref.file, bytes: ref.bytes, slice }, stem, opts);
        outcome = { ...outcome, file: name };
      } catch (err) {
        outcome = { file: name, ok: false, ...failure(err), warnings: [] };
      }
      results.push(outcome);
      opts.onOutcome?.(outcome);
      rows.push({
        index: k,
        file: ref.file,
        ...(ref.frame ? { frame: ref.frame.index } : {}),
        positionMm: ref.positionMm ?? null,
        instance: ref.instance ?? null,
        ...(outcome.json ? { json: `${stem.slice(dir.length + 1)}.json` } : {}),
        probabilities: outcome.probabilities ? Object.fromEntries(LABELS.map((l, j) => [l, outcome.probabilities?.[j] as number])) : null,
        warnings: outcome.warnings.map((w) => w.code),
        ...(outcome.ok ? {} : { error: outcome.message }),
      });
    }
    const notes = [...series.notes, ...sizeNotes(sizes)];
    const report = scanReport({ series, slices: rows, thresholds: opts.thresholds, notes, skipped: index.skipped, provenance: opts.provenance, strip: 'scan.png' });
    const scored = rows.filter((r) => r.probabilities !== null);
    const what = series.description ?? (series.kind === 'raster' ? 'PNG/JPEG images' : `series ${series.number ?? i + 1}`);
    const strip = scanStrip({
      labels: LABELS,
      probabilities: scored.map((r) => LABELS.map((l) => r.probabilities?.[l] ?? 0)),
      positions: scored.map((r) => r.positionMm),
      thresholds: opts.thresholds,
      title: `${what}: ${scored.length} slices`,
      axisCaption: series.normal && Math.abs(series.normal[2]) > 0.5 ? 'position along the scan: base - vertex' : 'position along the scan',
    });
    // Like each slice's outputs: both under temporary names, put in place together (a full disk or a
    // crash leaves neither half-written; of two runs into one folder without --overwrite, the loser keeps neither).
    const out = new StagedOutputs(opts.overwrite === true);
    try {
      await out.write(scanJson, `${JSON.stringify(report, null, 2)}\n`);
      await out.write(stripPng, pngBytes(strip.data, strip.width, strip.height));
      await out.commit();
    } catch (err) {
      await out.abort();
      const code = (err as NodeJS.ErrnoException | null)?.code;
      const text = err instanceof Error ? (err.message.split('\n')[0] ?? err.name) : String(err);
      outcomes.push({ series, dir, slices: results, refused: { message: `scan.json and scan.png not written: ${text}`, code: typeof code === 'string' ? code : 'error' } });
      continue;
    }
    outcomes.push({ series, dir, slices: results, scanJson, strip: stripPng });
  }
  return { index, series: outcomes };
}

/** The closing line of a scan run, e.g. `explain: 33 files, 2 series: 30 slices read (0 with warnings), 1 failed, 2 skipped`. */
export function scanSummaryLine(run: ScanRun, unreadable = 0): string {
  const slices = run.series.flatMap((s) => s.slices);
  const read = slices.filter((o) => o.ok);
  const refused = run.series.filter((s) => s.refused).length;
  const files = run.index.fileCount + unreadable;
  return (
    `explain: ${files} ${files === 1 ? 'file' : 'files'}, ${run.series.length} series: ${read.length} slices read (${read.filter((o) => o.warnings.length > 0).length} with warnings), ` +
    `${slices.length - read.length + unreadable} failed, ${run.index.skipped.length} skipped${refused ? `, ${refused} series refused` : ''}`
  );
}
