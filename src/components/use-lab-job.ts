/**
 * The state every evaluation-lab island shares (no tfjs): its own slice (a built-in sample chosen in
 * the island), the shared model (src/worker/client.ts), and lab runs with their progress. Choosing
 * another slice cancels the running job and drops the old result: a result is shown only for the
 * slice it was computed on.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { MethodName } from '../explain/method';
import type { ReadyInfo } from '../worker/protocol';
import type { LabJob, LabResult, LabSlice } from '../worker/lab-protocol';
import { getClient, StaleError, type LabRun } from '../worker/client';
import { seedSlice, type Slice } from './slices';

/** The methods the islands compare: the article's three pictures plus the plain gradient they build on. */
export const ISLAND_METHODS: readonly MethodName[] = ['gradient', 'gradcam', 'guided-backprop', 'guided-gradcam'];

/** The label the islands explain: 0, "any" (its mask is every bleed). */
export const ISLAND_LABEL = 0;

/** A job and the slices it runs on. */
export interface LabTask {
  readonly job: LabJob;
  readonly slices: readonly LabSlice[];
}

/** A slice as the worker's lab reads it: HU and its "any bleed" mask (0/1), when it has masks. */
export function labSlice(s: Slice): LabSlice {
  return s.masks ? { hu: s.hu, mask: Uint8Array.from(s.masks, (b) => (b ? 1 : 0)) } : { hu: s.hu };
}

export type JobState =
  | { readonly phase: 'none' }
  | { readonly phase: 'running'; readonly key: string; readonly done: number; readonly total: number }
  | { readonly phase: 'done'; readonly key: string; readonly result: LabResult; readonly seconds: number }
  | { readonly phase: 'stopped' }
  | { readonly phase: 'error'; readonly message: string };

/** A sanity check's strip columns received so far (index 0 trained, k after randomising down to CASCADE[k - 1]). */
export type Columns = readonly (readonly Float32Array[] | undefined)[];

/** One lab run at a time: start (superseding the last), stop, its state. */
export interface LabRunner {
  readonly job: JobState;
  /** The running or finished sanity check's columns as they arrive (empty otherwise). */
  readonly columns: Columns;
  /** Prepare the task (may take a while, e.g. building slices), then run it; `key` names what it is for. */
  start(key: string, prepare: () => LabTask | Promise<LabTask>): void;
  /** Stop the running job (its state becomes 'stopped'). */
  stop(): void;
  /** Forget the state (a new slice), stopping a running job silently. */
  reset(): void;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function useLabRun(): LabRunner {
  const [job, setJob] = useState<JobState>({ phase: 'none' });
  const [columns, setColumns] = useState<Columns>([]);
  const run = useRef<LabRun | null>(null);
  /** Bumped by every start, stop and reset: callbacks of an older generation say nothing. */
  const gen = useRef(0);

  useEffect(() => () => run.current?.cancel(), []);

  const halt = (): void => {
    gen.current++;
    run.current?.cancel();
    run.current = null;
  };
  const stop = useCallback(() => {
    halt();
    setJob((j) => (j.phase === 'running' ? { phase: 'stopped' } : j));
  }, []);
  const reset = useCallback(() => {
    halt();
    setJob({ phase: 'none' });
    setColumns([]);
  }, []);

  const start = useCallback((key: string, prepare: () => LabTask | Promise<LabTask>) => {
    halt();
    const g = gen.current;
    const t0 = performance.now();
    setJob({ phase: 'running', key, done: 0, total: 0 });
    setColumns([]);
    const fail = (e: unknown): void => {
      if (g === gen.current && !(e instanceof StaleError)) setJob({ phase: 'error', message: errorText(e) });
    };
    Promise.resolve()
      .then(prepare)
      .then((task) => {
        if (g !== gen.current) return;
        const r = getClient().lab(
          ISLAND_LABEL,
          task.job,
          task.slices,
          (done, total) => {
            if (g === gen.current) setJob({ phase: 'running', key, done, total });
          },
          (column, maps) => {
            if (g === gen.current) setColumns((old) => Object.assign([...old], { [column]: maps }));
          },
        );
        run.current = r;
        r.result.then((result) => {
          if (g !== gen.current) return;
          run.current = null;
          setJob({ phase: 'done', key, result, seconds: (performance.now() - t0) / 1000 });
        }, fail);
      })
      .catch(fail);
  }, []);

  return { job, columns, start, stop, reset };
}

export interface LabIsland {
  readonly hydrated: boolean;
  readonly seed: number;
  /** The slice on show, once generated or fetched. */
  readonly slice: Slice | null;
  chooseSeed(seed: number): void;
  readonly model: { readonly status: 'loading' | 'ready' | 'error'; readonly pct: number | null; readonly info: ReadyInfo | null; readonly error: string };
  readonly job: JobState;
  /** A sanity check's strip columns so far, for the slice on show. */
  readonly columns: Columns;
  /** Run `make(slice)` on the slice on show (cancelling a running job). */
  start(make: (slice: Slice) => LabTask): void;
  stop(): void;
  /** The `data-state` of the island's root, for tests. */
  readonly dataState: 'idle' | 'loading' | 'ready' | 'computing' | 'done' | 'stopped' | 'error';
}

/** The `data-*` attributes every island's root carries (the e2e tests wait on them). */
export function islandRootData(lab: LabIsland): Record<string, string> {
  const done = lab.job.phase === 'done' ? lab.job : null;
  return {
    'data-state': lab.dataState,
    'data-seconds': done ? done.seconds.toFixed(1) : '',
    'data-result-slice': done ? done.key : '',
    'data-slice': lab.slice?.key ?? '',
  };
}

/** Slice and model state of one island, and its main run. */
export function useLabJob(initialSeed: number): LabIsland {
  const [hydrated, setHydrated] = useState(false);
  const [seed, setSeed] = useState(initialSeed);
  const [slice, setSlice] = useState<Slice | null>(null);
  const [sliceError, setSliceError] = useState('');
  const [model, setModel] = useState<LabIsland['model']>({ status: 'loading', pct: null, info: null, error: '' });
  const runner = useLabRun();
  const { reset } = runner;

  useEffect(() => {
    setHydrated(true);
    getClient()
      .init((loaded, total) => setModel((m) => ({ ...m, pct: total > 0 ? Math.round((100 * loaded) / total) : null })))
      .then(
        (info) => setModel({ status: 'ready', pct: 100, info, error: '' }),
        (e: unknown) => setModel({ status: 'error', pct: null, info: null, error: errorText(e) }),
      );
  }, []);

  useEffect(() => {
    let alive = true;
    setSlice(null);
    setSliceError('');
    seedSlice(seed).then(
      (s) => alive && setSlice(s),
      (e: unknown) => alive && setSliceError(errorText(e)),
    );
    return () => {
      alive = false;
    };
  }, [seed]);

  const chooseSeed = useCallback((s: number) => {
    reset();
    // In the same render as the reset: no job may start on the old slice in between.
    setSlice(null);
    setSeed(s);
  }, [reset]);

  const start = useCallback((make: (slice: Slice) => LabTask) => {
    if (!slice || model.status !== 'ready') return;
    runner.start(slice.key, () => make(slice));
  }, [slice, model.status, runner.start]);

  // A result or a run is shown only for the slice on show.
  const forOther = (runner.job.phase === 'done' || runner.job.phase === 'running') && runner.job.key !== slice?.key;
  const job: JobState = sliceError ? { phase: 'error', message: sliceError } : forOther ? { phase: 'none' } : runner.job;
  const dataState: LabIsland['dataState'] = !hydrated
    ? 'idle'
    : model.status === 'error' || job.phase === 'error'
      ? 'error'
      : model.status === 'loading' || !slice
        ? 'loading'
        : job.phase === 'running'
          ? 'computing'
          : job.phase === 'done'
            ? 'done'
            : job.phase === 'stopped'
              ? 'stopped'
              : 'ready';
  const columns = job.phase === 'running' || job.phase === 'done' ? runner.columns : [];
  return { hydrated, seed, slice, chooseSeed, model, job, columns, start, stop: runner.stop, dataState };
}
