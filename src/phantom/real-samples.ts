/**
 * Built-in real-background samples: composites (composite.ts) of Debian's InVesalius head CT with one
 * painted bleed each, or none. The head CT is GPL-2, so the site cannot make these in the browser
 * without shipping the volume; `npm run real-samples` renders them once into
 * public/samples/real-background/<seed>.bin (int16 HU then uint8 mask bits, 224² each, little-endian),
 * and tests/unit/phantom/real-samples.test.ts checks the committed files are what the code makes.
 * Their seeds stand for them in the explorer's `seed` state; a random phantom never draws one.
 */
import type { Subtype } from './bleeds';

export interface RealSample {
  readonly name: string;
  readonly seed: number;
  readonly subtypes: readonly Subtype[];
  readonly shows: Subtype | 'normal';
}

/** In display order; seeds chosen for a mid-brain level (picked by eye from a contact sheet). */
export const REAL_SAMPLES: readonly RealSample[] = [
  { name: 'Real head CT, normal', seed: 7_000_502, subtypes: [], shows: 'normal' },
  { name: 'Real head CT, painted intraparenchymal haemorrhage', seed: 7_000_034, subtypes: ['intraparenchymal'], shows: 'intraparenchymal' },
  { name: 'Real head CT, painted epidural haematoma', seed: 7_000_204, subtypes: ['epidural'], shows: 'epidural' },
  { name: 'Real head CT, painted subdural haematoma', seed: 7_000_105, subtypes: ['subdural'], shows: 'subdural' },
];

/** Side of a sample file's slice, and its byte length (HU int16 then mask uint8). */
export const REAL_SAMPLE_SIZE = 224;
export const REAL_SAMPLE_BYTES = REAL_SAMPLE_SIZE * REAL_SAMPLE_SIZE * 3;

/** The real sample with this seed, if any. */
export function realSample(seed: number): RealSample | undefined {
  return REAL_SAMPLES.find((s) => s.seed === seed);
}

/** File name of a sample under public/samples/real-background/. */
export function realSampleFile(s: RealSample): string {
  return `${s.seed}.bin`;
}

/** Split a sample file into HU and mask bits. @throws Error on a wrong length */
export function parseRealSample(bytes: Uint8Array): { hu: Int16Array; masks: Uint8Array } {
  if (bytes.length !== REAL_SAMPLE_BYTES) throw new Error(`real sample: ${bytes.length} bytes, expected ${REAL_SAMPLE_BYTES}`);
  const n = REAL_SAMPLE_SIZE * REAL_SAMPLE_SIZE;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hu = new Int16Array(n);
  for (let i = 0; i < n; i++) hu[i] = view.getInt16(2 * i, true);
  return { hu, masks: bytes.slice(2 * n) };
}

/** The bytes of a sample file. */
export function encodeRealSample(hu: Int16Array, masks: Uint8Array): Uint8Array {
  const n = REAL_SAMPLE_SIZE * REAL_SAMPLE_SIZE;
  const out = new Uint8Array(REAL_SAMPLE_BYTES);
  const view = new DataView(out.buffer);
  for (let i = 0; i < n; i++) view.setInt16(2 * i, hu[i] as number, true);
  out.set(masks, 2 * n);
  return out;
}
