/**
 * One contiguous run of training slices in the ich-phantom/1 byte layout (README.md): what a CLI
 * worker computes and sends back. Pure (no node: imports), so it bundles into a worker as is.
 */
import { generatePhantom, type PhantomSize } from './generate';
import { generateComposite } from './composite';
import type { CtVolume } from './volume';

/** Slices `first .. first + count - 1` of a set whose slice i is generatePhantom(seedStart + i). */
export interface ShardJob {
  readonly seedStart: number;
  readonly first: number;
  readonly count: number;
  readonly size: PhantomSize;
  /** Measured bleed densities and volumes plus hard negatives (PhantomOptions.realism). */
  readonly realism?: boolean;
}

/** A generated run; hu and masks own whole ArrayBuffers, so they can be transferred without a copy. */
export interface ShardPart {
  readonly first: number;
  /** int16 little-endian HU bytes, [count][size][size]. */
  readonly hu: Uint8Array;
  /** uint8 mask bits, [count][size][size]. */
  readonly masks: Uint8Array;
  /** Six 0/1 labels per slice, LABELS order. */
  readonly labels: number[][];
  /** Level name per slice (contact-sheet captions). */
  readonly levels: string[];
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** What a shard holds of one slice (a Phantom or a Composite). */
type Slice = { readonly hu: Int16Array; readonly masks: Uint8Array; readonly labels: readonly number[]; readonly meta: { readonly levelName: string } };

/**
 * Generate one run of slices into fresh buffers: phantoms, or real-background composites on `background`
 * (slice i = generateComposite(seedStart + i, background)).
 */
export function generateRange(job: ShardJob, background?: CtVolume): ShardPart {
  const realism = job.realism === true;
  const make = (seed: number): Slice => (background ? generateComposite(seed, background, { size: 224, realism }) : generatePhantom(seed, { size: job.size, realism }));
  const n = job.size * job.size;
  const hu = new Int16Array(job.count * n);
  const masks = new Uint8Array(job.count * n);
  const labels: number[][] = [];
  const levels: string[] = [];
  for (let i = 0; i < job.count; i++) {
    const p = make(job.seedStart + job.first + i);
    hu.set(p.hu, i * n);
    masks.set(p.masks, i * n);
    labels.push([...p.labels]);
    levels.push(p.meta.levelName);
  }
  const bytes = new Uint8Array(hu.buffer);
  if (!LITTLE_ENDIAN) {
    for (let k = 0; k < bytes.length; k += 2) {
      const t = bytes[k] as number;
      bytes[k] = bytes[k + 1] as number;
      bytes[k + 1] = t;
    }
  }
  return { first: job.first, hu: bytes, masks, labels, levels };
}

/**
 * Warm a fresh thread's JIT: throwaway slices at 64 pixels (about a twelfth of the work of a 224 slice)
 * walk every code path, so V8 compiles the per-pixel loops with complete type feedback instead of
 * deoptimising and recompiling them during the first real slices. Output is discarded.
 */
export function warmUp(slices = 40): void {
  for (let i = 0; i < slices; i++) generatePhantom(0x3a000000 + i, { size: 64 as PhantomSize });
}
