/**
 * `npm run evaluate -- [--phantoms N [--methods a,b] [--steps S]] [--real DIR [--window L,W] [--summary FILE
 *   --source TEXT] [--boot N] [--limit N]] [--weights DIR] [--backend wasm|cpu] [--json FILE]`:
 * the evaluation lab over N bleeding phantoms (lab-eval.ts: sanity checks, localisation, faithfulness)
 * and the real-CT validation harness (real-eval.ts), with the site's engine. Prints the figures; writes the full report (per-slice probabilities) or only
 * the figures (`--summary`, what the model card and the article read) as JSON when asked.
 * Exit 0 on success, 1 when the folder cannot be read, 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { writeFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { LABELS, type Label } from '../model/arch';
import { loadNodeModel } from './node-model';
import { evaluateReal, formatReport, reportSummary } from './real-eval';
import { formatLab } from './lab-eval';
import { runLab } from './lab-run';
import { ALL_METHOD_NAMES, METHOD_NAMES, type MethodName } from '../explain/method';

const USAGE = `usage: npm run evaluate -- [--phantoms N [--methods a,b] [--steps S (default 10)] [--independent] [--workers K (threads, one core each; default 1)]
                   [--records FILE (one line per phantom, resumes a stopped run)] [--lab-summary FILE (the article reads models/resnet34/lab.json)]] [--real DIR [--window L,W (of the 8-bit images, default 40,120)]]
       [--weights DIR] [--backend wasm|cpu] [--boot N (default 2000)] [--limit N]
       [--json FILE (everything, per slice too: keep it out of the project)]
       [--summary FILE --source "citation" (the figures only, e.g. models/resnet34/real-val.json)]`;

function fail(message: string): never {
  console.error(`evaluate: ${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        real: { type: 'string' },
        // PHE-SICH's PNGs hold exactly 121 grey levels at round(k·255/120): integer HU through a window
        // 120 HU wide (W80 would give at most 81). Level 40: parenchyma then reads 29-35 HU (window-estimate.ts).
        window: { type: 'string', default: '40,120' },
        weights: { type: 'string' },
        backend: { type: 'string', default: 'wasm' },
        json: { type: 'string' },
        summary: { type: 'string' },
        source: { type: 'string', default: '' },
        boot: { type: 'string', default: '2000' },
        limit: { type: 'string' },
        phantoms: { type: 'string' },
        methods: { type: 'string' },
        steps: { type: 'string', default: '10' },
        'lab-summary': { type: 'string' },
        independent: { type: 'boolean', default: false },
        workers: { type: 'string', default: '1' },
        records: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.real && !values.phantoms) fail('--real DIR or --phantoms N is required');
  const win = values.window.split(',').map(Number);
  if (win.length !== 2 || !win.every(Number.isFinite) || (win[1] as number) <= 0) fail(`--window wants L,W with W > 0, got "${values.window}"`);
  if (values.backend !== 'wasm' && values.backend !== 'cpu') fail(`--backend must be wasm or cpu, got "${values.backend}"`);
  const boot = Number(values.boot);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (!Number.isInteger(boot) || boot < 0) fail('--boot wants a whole number');
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) fail('--limit wants a positive whole number');
  const phantoms = values.phantoms === undefined ? undefined : Number(values.phantoms);
  if (phantoms !== undefined && (!Number.isInteger(phantoms) || phantoms < 1)) fail('--phantoms wants a positive whole number');
  const steps = Number(values.steps);
  if (!Number.isInteger(steps) || steps < 1) fail('--steps wants a positive whole number');
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) fail('--workers wants a positive whole number');
  const methods = values.methods?.split(',').map((m) => m.trim()) ?? [...METHOD_NAMES];
  const unknown = methods.filter((m) => !(ALL_METHOD_NAMES as readonly string[]).includes(m));
  if (unknown.length) fail(`--methods: unknown ${unknown.join(', ')} (known: ${ALL_METHOD_NAMES.join(', ')})`);
  const model = await loadNodeModel({ backend: values.backend, ...(values.weights ? { weightsDir: values.weights } : {}) });
  try {
    console.error(`evaluate: ${model.weightsDescription} on ${model.backend}`);
    const t0 = performance.now();
    const progress = (what: string, every: number) => (d: number, n: number, more = ''): void => {
      if (d % every === 0 || d === n) console.error(`evaluate: ${d}/${n} ${what} (${((performance.now() - t0) / 1000).toFixed(0)} s${more})`);
    };
    if (phantoms !== undefined) {
      const options = { methods: methods as MethodName[], steps, independent: values.independent, randomSeed: 12345 };
      // In one thread, each phantom's line also says what stays held (flat from one phantom to the next) and the process's memory.
      const memory = (): string => (workers > 1 ? '' : `, ${tf.memory().numTensors} tensors held, ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB resident`);
      const perPhantom = progress('phantoms', 1);
      const onPhantom = (d: number, n: number): void => perPhantom(d, n, memory());
      const lab = await runLab(model, phantoms, options, { workers, records: values.records, backend: values.backend, weightsDir: values.weights, onProgress: onPhantom });
      console.log(formatLab(lab));
      // The weights' path relative to the working folder: the summary is committed, a machine's absolute path is not.
      const weights = isAbsolute(model.weightsDescription) ? relative(process.cwd(), model.weightsDescription) : model.weightsDescription;
      if (values['lab-summary']) await writeFile(values['lab-summary'], `${JSON.stringify({ ...lab, weights, date: new Date().toISOString().slice(0, 10) }, null, 1)}\n`);
      if (values.json && !values.real) await writeFile(values.json, `${JSON.stringify(lab.methods, null, 1)}\n`);
      if (values.json && values.real) await writeFile(`${values.json.replace(/\.json$/, '')}.lab.json`, `${JSON.stringify(lab.methods, null, 1)}\n`);
    }
    if (!values.real) return;
    const thresholds = (model.meta['thresholds'] ?? {}) as Partial<Record<Label, number>>;
    const report = await evaluateReal(model.net, values.real, { level: win[0] as number, width: win[1] as number }, thresholds, {
      boot,
      ...(limit ? { limit } : {}),
      onProgress: progress('slices', 50),
    });
    console.log(formatReport(report));
    if (values.summary) await writeFile(values.summary, `${JSON.stringify(reportSummary(report, values.source), null, 1)}\n`);
    if (values.json) await writeFile(values.json, `${JSON.stringify({ ...report, weights: model.weightsDescription, labels: LABELS }, null, 1)}\n`);
  } catch (e) {
    console.error(`evaluate: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  } finally {
    model.dispose();
  }
}

await main();
