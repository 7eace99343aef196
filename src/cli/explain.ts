/**
 * `npm run explain -- <files...> [--method M] [--label L] [--layer layerN] [--window auto|L,W|NAME]
 *   [--frame N|middle] [--hu-offset N] [--weights DIR] [--out DIR] [--overwrite] [--backend wasm|cpu]`
 * Explain CT slices (DICOM, PNG, JPEG) with the same modules the site uses (src/cli/explain-files.ts
 * says how outputs are named and why none is overwritten). Per file: the JSON's path on stdout, or one
 * error line on stderr; one stderr line per decoder warning; a closing summary line on stderr.
 * Exit code 1 when any file failed (warnings alone do not fail), 2 on bad arguments.
 * Relative paths (inputs, --out, --weights) resolve in the folder the command was typed in (INIT_CWD).
 * A folder or ZIP among the inputs makes it a scan run (src/cli/explain-scan.ts): every input is read as
 * one scan, each series explained in anatomical order with its scan.json and strip figure.
 */
import { parseExplainArgs, UsageError, USAGE, type ExplainArgs } from './explain-args';
import { explainFiles, summarize, summaryLine, warningLine } from './explain-files';
import { loadNodeModel } from './node-model';
import { runAtTheEdge } from './cli-edge';
import { explainScans, isScanArg, readScanInputs, scanSummaryLine } from './explain-scan';
import { thresholdsFrom } from '../worker/handler';
import type { FileOutcome } from './explain-files';

function argsOrExit(argv: string[]): ExplainArgs {
  try {
    const args = parseExplainArgs(argv);
    if (args === 'help') {
      console.log(USAGE);
      process.exit(0);
    }
    return args;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`explain: ${err.message}\n${USAGE}`);
    process.exit(2);
  }
}

// Relative paths from the user's folder (npm's INIT_CWD); any escaping error is one line and exit 1.
runAtTheEdge('explain');
const args = argsOrExit(process.argv.slice(2));
const model = await loadNodeModel({ backend: args.backend, ...(args.weightsDir ? { weightsDir: args.weightsDir } : {}) });
console.error(`explain: backend ${model.backend}, weights ${model.weightsDescription}`);
const common = {
  methods: args.methods,
  label: args.label,
  layer: args.layer,
  window8bit: args.window8bit,
  huOffset16: args.huOffset16,
  outDir: args.outDir,
  overwrite: args.overwrite,
  provenance: { backend: model.backend, weights: model.weightsDescription },
  onOutcome: (o: FileOutcome) => {
    for (const w of o.warnings) console.error(warningLine(o.file, w));
    if (o.ok) {
      // Maps one batched backward pass made together are listed once, with that pass's time.
      const shared = Object.keys(o.methodShared ?? {});
      const alone = Object.entries(o.methodMs ?? {}).filter(([m]) => !shared.includes(m)).map(([m, t]) => `${m} ${t.toFixed(0)} ms`);
      const together = shared.length ? [`${shared.join(' + ')} ${(o.methodMs?.[shared[0] as string] ?? 0).toFixed(0)} ms in one pass`] : [];
      const ms = [...together, ...alone].join(', ');
      console.log(`${o.file} → ${o.message} (forward ${o.forwardMs?.toFixed(0)} ms${ms ? `, ${ms}` : ''})`);
    } else {
      console.error(`explain: ${o.file}: ${o.message}`);
    }
  },
};

const scanMode = (await Promise.all(args.files.map(isScanArg))).some((x) => x);
if (scanMode) {
  if (args.frame !== undefined) console.error('explain: --frame is ignored for folders and ZIPs: every frame of a multi-frame file is a slice of its scan');
  const { files, unreadable } = await readScanInputs(args.files);
  for (const o of unreadable) console.error(`explain: ${o.file}: ${o.message}`);
  const run = await explainScans(model.net, files, {
    ...common,
    thresholds: thresholdsFrom(model.meta),
    maxSlices: args.maxSlices,
    onSeries: (s, dir) => console.error(`explain: series ${s.uid ?? s.key}${s.description ? ` (${s.description})` : ''}: ${s.slices.length} slices → ${dir}`),
  });
  for (const f of run.index.skipped) console.error(`explain: ${f.file}: ${f.message} [${f.code}]`);
  for (const n of run.index.notes) console.error(`explain: ${n.message}`);
  for (const s of run.series) {
    if (s.refused) console.error(`explain: series ${s.series.uid ?? s.series.key}: ${s.refused.message} [${s.refused.code}]`);
    for (const n of s.series.notes) console.error(`explain: series ${s.series.uid ?? s.series.key}: ${n.message}${n.files.length ? `: ${n.files.join(', ')}` : ''}`);
    if (s.scanJson) console.log(`series ${s.series.uid ?? s.series.key} → ${s.scanJson}, ${s.strip}`);
  }
  console.error(scanSummaryLine(run, unreadable.length));
  model.dispose();
  const failed = unreadable.length > 0 || run.series.some((s) => s.refused || s.slices.some((o) => !o.ok)) || run.index.chosen < 0;
  process.exit(failed ? 1 : 0);
}

const outcomes = await explainFiles(model.net, args.files, {
  ...common,
  ...(args.frame !== undefined ? { frame: args.frame } : {}),
});
console.error(summaryLine(summarize(outcomes)));
model.dispose();
process.exit(outcomes.every((o) => o.ok) ? 0 : 1);
