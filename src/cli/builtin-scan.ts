/**
 * `npm run builtin-scan [-- --background FILE --out FILE --sheet PNG]`: render the explorer's built-in
 * whole scan (src/phantom/builtin-scan.ts) from the UNC cadaver head (src/cli/cthead.ts, read in place
 * from ../shared/data/backgrounds/cthead) into public/samples/builtin-scan/. Deterministic: the same
 * volume gives the same bytes (gzip by fflate at level 9 with no time stamp or file name).
 * --sheet writes a contact sheet of every slice (brain window, mask outlines) to check by eye.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { BUILTIN_SCAN_FILE, encodeBuiltinScan, renderBuiltinScan, type BuiltinScan } from '../phantom/builtin-scan';
import { drawText, grid, windowRgba } from '../phantom/preview';
import type { CtVolume } from '../phantom/volume';
import { CTHEAD_PATH, loadCthead } from './cthead';

/**
 * The base-up slices shown (of 113): from the upper jaw and skull base, the levels where real scans raise
 * false alarms, to the last slice with much head in it; the neck below and the three near-empty slices
 * above are left out to keep the file under 3 MB (2.5 MB).
 */
export const BUILTIN_FIRST_SLICE = 24;
export const BUILTIN_LAST_SLICE = 109;

/** The scan and the gzip bytes of the asset, from the loaded volume. */
export function renderBuiltinScanAsset(vol: CtVolume): { scan: BuiltinScan; raw: Uint8Array; gz: Uint8Array } {
  const scan = renderBuiltinScan(vol, BUILTIN_FIRST_SLICE, BUILTIN_LAST_SLICE);
  const raw = encodeBuiltinScan(scan);
  return { scan, raw, gz: gzipSync(raw, { level: 9, mtime: 0 }) };
}

function sheet(scan: BuiltinScan, path: string): void {
  const tiles = scan.hu.map((hu, j) => {
    const t = windowRgba(hu, scan.size, 40, 80, scan.masks[j]);
    drawText(t, String(j + 1), 4, 4, 2, [255, 255, 0]);
    return t;
  });
  const g = grid(tiles, 12);
  const png = new PNG({ width: g.width, height: g.height });
  png.data = Buffer.from(g.data);
  writeFileSync(path, PNG.sync.write(png));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { background: { type: 'string', default: CTHEAD_PATH }, out: { type: 'string', default: join('public', BUILTIN_SCAN_FILE) }, sheet: { type: 'string' } } });
  const vol = loadCthead(values.background);
  const { scan, gz } = renderBuiltinScanAsset(vol);
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, gz);
  const painted = scan.masks.filter((m) => m.some((v) => v !== 0)).length;
  console.log(`builtin-scan: ${scan.count} slices of ${scan.size}², ${painted} with the painted subdural, ${(gz.length / 2 ** 20).toFixed(2)} MiB to ${values.out}`);
  if (values.sheet) sheet(scan, values.sheet);
}
