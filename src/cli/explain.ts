/**
 * `npm run explain -- <files...> [--method M] [--label L] [--layer layerN] [--window auto|L,W|NAME]
 *   [--frame N|middle] [--hu-offset N] [--weights DIR] [--out DIR] [--overwrite] [--backend wasm|cpu]`
 * Explain CT slices (DICOM, PNG, JPEG) with the same modules the site uses (src/cli/explain-files.ts
 * says how outputs are named and why none is overwritten). Per file: the JSON's path on stdout, or one
 * error line on stderr; one stderr line per decoder warning; a closing summary line on stderr.
 * Exit code 1 when any file failed (warnings alone do not fail), 2 on bad arguments.
 * Relative paths (inputs, --out, --weights) resolve in the folder the command was typed in (INIT_CWD).
 */
import { parseExplainArgs, UsageError, USAGE, type ExplainArgs } from './explain-args';
import { explainFiles, summarize, summaryLine, warningLine } from './explain-files';
import { loadNodeModel } from './node-model';
import { runAtTheEdge } from './cli-edge';

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
const outcomes = await explainFiles(model.net, args.files, {
  methods: args.methods,
  label: args.label,
  layer: args.layer,
  window8bit: args.window8bit,
  huOffset16: args.huOffset16,
  ...(args.frame !== undefined ? { frame: args.frame } : {}),
  outDir: args.outDir,
  overwrite: args.overwrite,
  provenance: { backend: model.backend, weights: model.weightsDescription },
  onOutcome: (o) => {
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
});
console.error(summaryLine(summarize(outcomes)));
model.dispose();
process.exit(outcomes.every((o) => o.ok) ? 0 : 1);
