/**
 * `npm run explain -- <files...> [--method M] [--label L] [--layer layerN] [--window L,W]
 *   [--weights DIR] [--out DIR] [--backend wasm|cpu]`
 * Explain CT slices (DICOM, PNG, JPEG) with the same modules the site uses. Exit code 1 when any file
 * failed (each failure is one line on stderr), 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import { LABELS, STAGES, type Stage } from '../model/arch';
import { METHOD_NAMES, type MethodName } from '../explain/method';
import { explainFiles } from './explain-files';
import { loadNodeModel } from './node-model';

const USAGE = `usage: npm run explain -- <files...> [--method ${METHOD_NAMES.join('|')}|all] [--label ${LABELS.join('|')}]
       [--layer ${STAGES.join('|')}] [--window L,W (window of 8-bit images, default 40,80)]
       [--weights DIR] [--out DIR (default out/)] [--backend wasm|cpu]`;

function fail(message: string): never {
  console.error(`explain: ${message}\n${USAGE}`);
  process.exit(2);
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      method: { type: 'string', default: 'all' },
      label: { type: 'string', default: 'any' },
      layer: { type: 'string', default: 'layer4' },
      window: { type: 'string', default: '40,80' },
      weights: { type: 'string' },
      out: { type: 'string', default: 'out' },
      backend: { type: 'string', default: 'wasm' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length === 0) fail('no input files');
  const methods: MethodName[] =
    values.method === 'all' ? [...METHOD_NAMES] : values.method.split(',').map((m) => {
      if (!(METHOD_NAMES as readonly string[]).includes(m)) fail(`unknown method "${m}"`);
      return m as MethodName;
    });
  const label = (LABELS as readonly string[]).indexOf(values.label);
  if (label < 0) fail(`unknown label "${values.label}"`);
  if (!(STAGES as readonly string[]).includes(values.layer)) fail(`unknown layer "${values.layer}"`);
  const win = values.window.split(',').map(Number);
  if (win.length !== 2 || !win.every(Number.isFinite) || (win[1] as number) <= 0) fail(`--window wants L,W with W > 0, got "${values.window}"`);
  if (!['wasm', 'cpu'].includes(values.backend)) fail(`--backend must be wasm or cpu in Node, got "${values.backend}"`);
  return {
    files: positionals,
    methods,
    label,
    layer: values.layer as Stage,
    window8bit: { level: win[0] as number, width: win[1] as number },
    weightsDir: values.weights,
    outDir: values.out,
    backend: values.backend as 'wasm' | 'cpu',
  };
}

const args = parse(process.argv.slice(2));
const model = await loadNodeModel({ backend: args.backend, ...(args.weightsDir ? { weightsDir: args.weightsDir } : {}) });
console.error(`explain: backend ${model.backend}, weights ${model.weightsDescription}`);
const outcomes = await explainFiles(model.net, args.files, {
  methods: args.methods,
  label: args.label,
  layer: args.layer,
  window8bit: args.window8bit,
  outDir: args.outDir,
  provenance: { backend: model.backend, weights: model.weightsDescription },
});
for (const o of outcomes) {
  if (o.ok) {
    const ms = Object.entries(o.methodMs ?? {}).map(([m, t]) => `${m} ${t.toFixed(0)} ms`).join(', ');
    console.log(`${o.file} → ${o.message} (forward ${o.forwardMs?.toFixed(0)} ms${ms ? `, ${ms}` : ''})`);
  } else {
    console.error(`explain: ${o.file}: ${o.message}`);
  }
}
model.dispose();
process.exit(outcomes.every((o) => o.ok) ? 0 : 1);
