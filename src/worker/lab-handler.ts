/**
 * The compute worker's evaluation-lab requests (lab-protocol.ts). Lab jobs run one at a time in their
 * own queue, beside the explorer's queue in handler.ts rather than behind it: each job yields to the
 * worker's event loop after every unit of work (src/lab/jobs.ts `tick`), so explorer requests and
 * `lab-cancel` messages are handled between the job's steps and the explorer never waits for a whole
 * job. A cancelled job stops at its next step and answers `error` with code 'stale'.
 */
import { runLabJob, type LabModel } from '../lab/jobs';
import type { LabRequest, LabResult } from './lab-protocol';
import type { Post } from './protocol';

/** Thrown from `tick` to stop a cancelled job. */
class Cancelled extends Error {}

/** Let queued messages (a cancel, the explorer's requests) run: a macrotask, not a microtask. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Transferable buffers of a result (its maps). */
function buffersOf(r: LabResult): ArrayBuffer[] {
  if (r.kind === 'faithfulness') return [];
  const maps = r.kind === 'sanity' ? [...r.trained, ...r.steps.flatMap((s) => s.maps)] : r.maps;
  return maps.map((a) => a.buffer as ArrayBuffer);
}

export interface LabHandler {
  /** Queue a job, or cancel one; resolves when this request's responses are posted. Never rejects. */
  handle(req: LabRequest, post: Post): Promise<void>;
}

/** @param model the loaded model, or null before `init` (jobs then answer 'not-ready') */
export function createLabHandler(model: () => LabModel | null): LabHandler {
  let queue: Promise<void> = Promise.resolve();
  /** Jobs queued or running, and which of them were cancelled. */
  const open = new Set<number>();
  const cancelled = new Set<number>();

  async function run(req: Extract<LabRequest, { type: 'lab' }>, post: Post): Promise<void> {
    const m = model();
    try {
      if (cancelled.has(req.id)) throw new Cancelled();
      if (!m) {
        post({ type: 'error', id: req.id, code: 'not-ready', message: 'the model is not loaded yet' });
        return;
      }
      const result = await runLabJob(
        m,
        req.label,
        req.job,
        req.slices,
        async (done, total) => {
          post({ type: 'lab-progress', id: req.id, done, total });
          await yieldToEvents();
          if (cancelled.has(req.id)) throw new Cancelled();
        },
        (column, maps) => {
          // Copies: the result still holds the originals.
          const copies = maps.map((a) => a.slice());
          post({ type: 'lab-column', id: req.id, column, maps: copies }, copies.map((a) => a.buffer as ArrayBuffer));
        },
      );
      post({ type: 'lab-result', id: req.id, result }, buffersOf(result));
    } catch (e) {
      if (e instanceof Cancelled) post({ type: 'error', id: req.id, code: 'stale', message: `lab job ${req.id} was cancelled` });
      else post({ type: 'error', id: req.id, code: 'compute', message: e instanceof Error ? e.message : String(e) });
    } finally {
      open.delete(req.id);
      cancelled.delete(req.id);
    }
  }

  return {
    handle(req, post) {
      if (req.type === 'lab-cancel') {
        if (open.has(req.target)) cancelled.add(req.target);
        return Promise.resolve();
      }
      open.add(req.id);
      const next = queue.then(() => run(req, post));
      queue = next;
      return next;
    },
  };
}
