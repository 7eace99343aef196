/**
 * `npm run real-samples [-- --background FILE --out DIR]`: render the explorer's real-background samples
 * (src/phantom/real-samples.ts) from Debian's InVesalius head CT into public/samples/real-background/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateComposite } from '../phantom/composite';
import { REAL_SAMPLES, encodeRealSample, realSampleFile, type RealSample } from '../phantom/real-samples';
import type { CtVolume } from '../phantom/volume';
import { INVESALIUS_CRANIUM, loadInvesalius } from './invesalius';

/** The bytes of one sample, from the loaded volume. */
export function renderRealSample(s: RealSample, vol: CtVolume): Uint8Array {
  const c = generateComposite(s.seed, vol, { size: 224, subtypes: s.subtypes });
  return encodeRealSample(c.hu, c.masks);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { background: { type: 'string', default: INVESALIUS_CRANIUM }, out: { type: 'string', default: 'public/samples/real-background' } } });
  const vol = await loadInvesalius(values.background);
  mkdirSync(values.out, { recursive: true });
  for (const s of REAL_SAMPLES) writeFileSync(join(values.out, realSampleFile(s)), renderRealSample(s, vol));
  console.log(`real-samples: wrote ${REAL_SAMPLES.length} samples to ${values.out}`);
}
