/**
 * The evaluation lab as `npm run evaluate -- --phantoms N` runs it: in this thread or over `--workers K`
 * threads, resuming from `--records FILE` when given, then summarised (lab-eval.ts).
 */
import { appendRecord, openRecords } from './lab-records';
import { bleedingSeeds, labRunner, summariseLab, type LabOptions, type LabSliceRecord } from './lab-eval';
import { runLabWorkers } from './lab-workers';
import type { NodeModel } from './node-model';
import type { LabReport } from '../model/lab-report';
import { METHOD_NAMES } from '../explain/method';

export interface LabRunOptions {
  readonly workers: number;
  readonly records?: string | undefined;
  /** How the workers load the same model as `model` (they cannot share its tensors). */
  readonly backend: 'wasm' | 'cpu';
  readonly weightsDir?: string | undefined;
  readonly onProgress?: (done: number, total: number) => void;
}

export async function runLab(model: NodeModel, n: number, options: Omit<LabOptions, 'onProgress'>, run: LabRunOptions): Promise<LabReport> {
  const seeds = bleedingSeeds(n, options.seedStart);
  const records: LabSliceRecord[] = [];
  if (run.records) {
    const header = {
      format: 'ich-lab-records/1',
      weights: model.weightsDescription,
      steps: options.steps ?? 10,
      methods: [...(options.methods ?? METHOD_NAMES)],
      randomSeed: options.randomSeed ?? 12345,
      independent: options.independent ?? false,
    } as const;
    const wanted = new Set(seeds);
    records.push(...(await openRecords(run.records, header)).filter((r) => wanted.has(r.seed)));
    if (records.length) console.error(`evaluate: ${records.length} of ${n} phantoms already in ${run.records}`);
  }
  const done = new Set(records.map((r) => r.seed));
  const todo = seeds.filter((s) => !done.has(s));
  const add = async (r: LabSliceRecord): Promise<void> => {
    records.push(r);
    if (run.records) await appendRecord(run.records, r);
    run.onProgress?.(records.length, n);
  };
  if (run.workers > 1 && todo.length > 1) {
    await runLabWorkers(todo, run.workers, { backend: run.backend, ...(run.weightsDir ? { weightsDir: run.weightsDir } : {}), options }, add);
  } else {
    const runner = labRunner(model.net, model.weights, model.spec, options);
    try {
      for (const seed of todo) await add(await runner.slice(seed));
    } finally {
      runner.dispose();
    }
  }
  return summariseLab(records, options);
}
