/**
 * Argument parsing for `npm run explain`, apart from the entry point so it can be tested without
 * starting the CLI. Every bad argument is one `UsageError` with a one-line reason; the entry point
 * prints it with the usage and exits 2.
 */
import { parseArgs } from 'node:util';
import { LABELS, STAGES, type Stage } from '../model/arch';
import { ALL_METHOD_NAMES, LAB_METHOD_NAMES, METHOD_NAMES, type MethodName } from '../explain/method';
import { WINDOWS, type Window, type WindowName } from '../ct/window';
import { DEFAULT_MAX_SLICES } from '../ct/scan/index';

/** Default of `--hu-offset`: a 16-bit greyscale PNG stores HU + 1024. */
export const DEFAULT_HU_OFFSET_16 = -1024;

const PRESETS = Object.keys(WINDOWS) as WindowName[];

/** The usage text printed with `--help` and after every usage error. */
export const USAGE = `usage: npm run explain -- <files, folders or ZIPs...> [--method ${METHOD_NAMES.join('|')}|all (the article's five)|${LAB_METHOD_NAMES.join('|')} (many passes each)|none (scores only)] [--label ${LABELS.join('|')}]
       [--layer ${STAGES.join('|')}]
       [--window auto|L,W|${PRESETS.join('|')} (window of 8-bit PNG/JPEG, default auto: estimated from the histogram)]
       [--frame N|middle (0-based frame of a multi-frame DICOM, default middle)]
       [--hu-offset N (16-bit greyscale PNG: HU = stored + N, default ${DEFAULT_HU_OFFSET_16})]
       [--weights DIR] [--out DIR (default out/)] [--overwrite] [--backend wasm|cpu]
       [--max-slices N (folders and ZIPs: a series with more slices is refused, default ${DEFAULT_MAX_SLICES})]
       A folder or ZIP is read as a scan: each series is explained slice by slice in anatomical order,
       with OUT/<series>/scan.json and scan.png (the six probabilities along the scan)
       A value starting with "-" goes after "=": --hu-offset=-1000, --window=-600,1500`;

/** A bad command line: `message` is one line, without the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Everything `explain` needs from its command line. */
export interface ExplainArgs {
  readonly files: readonly string[];
  readonly methods: readonly MethodName[];
  /** Index into LABELS. */
  readonly label: number;
  readonly layer: Stage;
  /** Window of 8-bit images, or 'auto' to estimate it per image. */
  readonly window8bit: Window | 'auto';
  /** 0-based frame of a multi-frame DICOM; undefined: the middle one (the decoder's default). */
  readonly frame: number | undefined;
  /** HU = stored + huOffset16 for a 16-bit greyscale PNG. */
  readonly huOffset16: number;
  readonly weightsDir: string | undefined;
  readonly outDir: string;
  /** Replace outputs of an earlier run instead of refusing the file. */
  readonly overwrite: boolean;
  readonly backend: 'wasm' | 'cpu';
  /** Folders and ZIPs: the slice limit per series. */
  readonly maxSlices: number;
}

/** A plain decimal number ("40", "-1024", "0.5"); rejects "", "1e3", "0x10", "Infinity". */
function strictNumber(text: string): number | undefined {
  const t = text.trim();
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : undefined;
}

/**
 * `--window`: 'auto', a preset name (brain, subdural, bone) or "L,W" with W > 0.
 * @throws UsageError
 */
export function parseWindowArg(text: string): Window | 'auto' {
  const t = text.trim().toLowerCase();
  if (t === 'auto') return 'auto';
  if ((PRESETS as string[]).includes(t)) return { ...WINDOWS[t as WindowName] };
  const parts = t.split(',');
  const [level, width] = parts.map(strictNumber);
  if (parts.length !== 2 || level === undefined || width === undefined || !(width > 0)) {
    throw new UsageError(`--window wants auto, ${PRESETS.join(', ')} or L,W with W > 0 (e.g. 40,80), got "${text}"`);
  }
  return { level, width };
}

/**
 * `--frame`: a 0-based frame index (a whole number ≥ 0) or 'middle'; undefined means the middle frame.
 * Whether the file has that frame is the decoder's check ('frame-range').
 * @throws UsageError
 */
export function parseFrameArg(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'middle') return undefined;
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n)) {
    throw new UsageError(`--frame wants a frame index, a whole number from 0 (0 is the first frame), or "middle", got "${text}"`);
  }
  return n;
}

/**
 * `--hu-offset`: HU = stored + N for 16-bit greyscale PNG.
 * @throws UsageError
 */
export function parseHuOffsetArg(text: string): number {
  const n = strictNumber(text);
  if (n === undefined) throw new UsageError(`--hu-offset wants a number (HU = stored value + N, e.g. -1024), got "${text}"`);
  return n;
}

/**
 * Parse `explain`'s arguments (without `node` and the script).
 * @returns the arguments, or 'help' when --help/-h was given
 * @throws UsageError for any bad or missing argument
 */
export function parseExplainArgs(argv: readonly string[]): ExplainArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        method: { type: 'string', default: 'all' },
        label: { type: 'string', default: 'any' },
        layer: { type: 'string', default: 'layer4' },
        window: { type: 'string', default: 'auto' },
        frame: { type: 'string', default: 'middle' },
        'hu-offset': { type: 'string', default: String(DEFAULT_HU_OFFSET_16) },
        weights: { type: 'string' },
        out: { type: 'string', default: 'out' },
        overwrite: { type: 'boolean', default: false },
        backend: { type: 'string', default: 'wasm' },
        'max-slices': { type: 'string', default: String(DEFAULT_MAX_SLICES) },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    // node:util's messages are multi-line; the first line says what was wrong.
    throw new UsageError(((err as Error).message.split('\n')[0] ?? String(err)).trim());
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length === 0) throw new UsageError('no input files');
  const methods: MethodName[] =
    values.method === 'all'
      ? [...METHOD_NAMES]
      : values.method === 'none'
        ? []
        : values.method.split(',').map((m) => {
          if (!(ALL_METHOD_NAMES as readonly string[]).includes(m)) throw new UsageError(`unknown method "${m}"`);
          return m as MethodName;
        });
  if (new Set(methods).size !== methods.length) throw new UsageError(`--method names a method twice: "${values.method}"`);
  const label = (LABELS as readonly string[]).indexOf(values.label);
  if (label < 0) throw new UsageError(`unknown label "${values.label}"`);
  if (!(STAGES as readonly string[]).includes(values.layer)) throw new UsageError(`unknown layer "${values.layer}"`);
  if (values.backend !== 'wasm' && values.backend !== 'cpu') {
    throw new UsageError(`--backend must be wasm or cpu in Node, got "${values.backend}"`);
  }
  const maxSlices = /^\d+$/.test(values['max-slices'].trim()) ? Number(values['max-slices'].trim()) : NaN;
  if (!(Number.isSafeInteger(maxSlices) && maxSlices > 0)) throw new UsageError(`--max-slices wants a whole number above 0, got "${values['max-slices']}"`);
  return {
    files: positionals,
    methods,
    label,
    layer: values.layer as Stage,
    window8bit: parseWindowArg(values.window),
    frame: parseFrameArg(values.frame),
    huOffset16: parseHuOffsetArg(values['hu-offset']),
    weightsDir: values.weights,
    outDir: values.out,
    overwrite: values.overwrite,
    backend: values.backend,
    maxSlices,
  };
}
