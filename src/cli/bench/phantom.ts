/** `npm run bench -- phantom`: phantom generation speed (slices/s, one thread) at 224 and 512. */
import { generatePhantom, type PhantomSize } from '../../phantom/index';

function measure(size: PhantomSize, count: number, seed0: number): number {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) generatePhantom(seed0 + i, { size });
  return count / ((performance.now() - t0) / 1000);
}

/** Print slices per second on one thread (after a short warm-up). */
export async function run(): Promise<void> {
  measure(224, 20, 999_000);
  const r224 = measure(224, 300, 1);
  const r512 = measure(512, 40, 1);
  console.log(`phantom 224x224: ${r224.toFixed(0)} slices/s (one thread, 300 slices)`);
  console.log(`phantom 512x512: ${r512.toFixed(1)} slices/s (one thread, 40 slices)`);
  await Promise.resolve();
}
