/**
 * The slices of a real head-CT volume that show a cranial cavity, shared by the volume readers
 * (src/cli/invesalius.ts, src/cli/cthead.ts): each slice is resampled unwarped onto the 224 grid and
 * kept when the segmenter finds a cavity there.
 */
import { resliceVolume, type CtVolume } from './volume';
import { segmentSlice } from './segment';
import { FOV_MM } from './types';

/**
 * `vol` with `cavity` set to the lowest and highest slice the segmenter accepts.
 * @throws Error naming `source` when fewer than 10 slices show a cavity (not a head CT)
 */
export function withCavityRange(vol: CtVolume, source: string): CtVolume {
  const ok: number[] = [];
  const still = { scale: 1, aspect: 1, flip: false, dx: 0, dy: 0, warp: new Float64Array(50) };
  for (let k = 0; k < vol.depth; k++) if (segmentSlice(resliceVolume(vol, { ...still, z: k }, 224), 224, FOV_MM / 224)) ok.push(k);
  if (ok.length < 10) throw new Error(`${source}: only ${ok.length} slices show a cranial cavity`);
  return { ...vol, cavity: [ok[0] as number, ok[ok.length - 1] as number] };
}
