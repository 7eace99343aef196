/**
 * The state every evaluation-lab island shares (no tfjs): its own slice (a built-in sample chosen in
 * the island), the shared model (src/worker/client.ts), and one lab job at a time with its progress.
 * Choosing another slice cancels the running job and drops the old result: a result is shown only for
 * the slice it was computed on.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { MethodName } from '../explain/method';
import type { ReadyInfo } from '../worker/protocol';
import type { LabJob, LabResult } from '../worker/lab-protocol';
import { getClient, StaleError, type LabRun } from '../worker/client';
import { seedSlice, type Slice } from './slices';

/** The methods the islands compare: the article's three pictures plus the plain gradient they build on. */
export const ISLAND_METHODS: readonly MethodName[] = ['gradient', 'gradcam', 'guided-backprop', 'guided-gradcam'];

/** The label the islands explain: 0, "any" (its mask is every bleed). */
export const ISLAND_LABEL = 0;

export type JobState =
  | { readonly phase: 'none' }
  | { readonly phase: 'running'; readonly key: string; readonly done: number; readonly total: number }
  | { readonly phase: 'done'; readonly key: string; readonly result: LabResult; readonly seconds: number }
  | { readonly phase: 'stopped' }
  | { readonly phase: 'error'; readonly message: string };

export interface LabIsland {
  readonly hydrated: boolean;
  readonly seed: number;
  /** The slice on show, once generated or fetched. */
  readonly slice: Slice | null;
  chooseSeed(seed: number): void;
  readonly model: { readonly status: 'loading' | 'ready' | 'error'; readonly pct: number | null; readonly info: ReadyInfo | null; readonly error: string };
  readonly job: JobState;
  /** Start `make(slice)` on the slice on show (cancelling a running job). */
  start(make: (slice: Slice) => LabJob): void;
  stop(): void;
  /** The `data-state` of the island's root, for tests. */
  readonly dataState: 'idle' | 'loading' | 'ready' | 'computing' | 'done' | 'stopped' | 'error';
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function useLabJob(initialSeed: number): LabIsland {
  const [hydrated, setHydrated] = useState(false);
  const [seed, setSeed] = useState(initialSeed);
  const [slice, setSlice] = useState<Slice | null>(null);
  const [model, setModel] = useState<LabIsland['model']>({ status: 'loading', pct: null, info: null, error: '' });
  const [job, setJob] = useState<JobState>({ phase: 'none' });
  const run = useRef<LabRun | null>(null);

  useEffect(() => {
    setHydrated(true);
    getClient()
      .init((loaded, total) => setModel((m) => ({ ...m, pct: total > 0 ? Math.round((100 * loaded) / total) : null })))
      .then(
        (info) => setModel({ status: 'ready', pct: 100, info, error: '' }),
        (e: unknown) => setModel({ status: 'error', pct: null, info: null, error: errorText(e) }),
      );
    return () => run.current?.cancel();
  }, []);

  useEffect(() => {
    let alive = true;
    setSlice(null);
    seedSlice(seed).then(
      (s) => alive && setSlice(s),
      (e: unknown) => alive && setJob({ phase: 'error', message: errorText(e) }),
    );
    return () => {
      alive = false;
    };
  }, [seed]);

  const stop = useCallback(() => {
    run.current?.cancel();
    run.current = null;
  }, []);

  const chooseSeed = useCallback((s: number) => {
    stop();
    setJob({ phase: 'none' });
    setSeed(s);
  }, [stop]);

  const start = useCallback((make: (slice: Slice) => LabJob) => {
    if (!slice || model.status !== 'ready') return;
    stop();
    const key = slice.key;
    const t0 = performance.now();
    const job = make(slice);
    setJob({ phase: 'running', key, done: 0, total: 0 });
    const r = getClient().lab(slice.hu, ISLAND_LABEL, job, (done, total) => {
      if (run.current === r) setJob({ phase: 'running', key, done, total });
    });
    run.current = r;
    r.result.then(
      (result) => {
        if (run.current !== r) return;
        run.current = null;
        setJob({ phase: 'done', key, result, seconds: (performance.now() - t0) / 1000 });
      },
      (e: unknown) => {
        // A superseded job (another slice, another start) says nothing; a stopped one says so.
        if (run.current !== r && run.current !== null) return;
        const wasCurrent = run.current === r;
        run.current = null;
        if (e instanceof StaleError) setJob((j) => (j.phase === 'running' && j.key === key ? { phase: 'stopped' } : j));
        else if (wasCurrent) setJob({ phase: 'error', message: errorText(e) });
      },
    );
  }, [slice, model.status, stop]);

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
  return { hydrated, seed, slice, chooseSeed, model, job, start, stop, dataState };
}
