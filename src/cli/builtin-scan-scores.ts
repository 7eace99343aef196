/**
 * `npx tsx src/cli/builtin-scan-scores.ts`: re-make src/components/scan/builtin-scan-scores.json, the
 * shipped network's six probabilities on every slice of the built-in scan (the article's strip), after a
 * weight change. The scan's slices are written as a DICOM series (bench-scan-series.ts, 2 mm apart) into
 * a temporary folder and scored by `npm run explain -- DIR --method none`, the CLI's own path (wasm).
 * @throws Error when the explain run fails or its scan.json is missing
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { benchSeries } from './bench-scan-series';
import { BUILTIN_SCAN_FILE, parseBuiltinScan } from '../phantom/builtin-scan';
import { LABELS } from '../model/arch';

const OUT_FILE = 'src/components/scan/builtin-scan-scores.json';

function main(): void {
  const scan = parseBuiltinScan(gunzipSync(new Uint8Array(readFileSync(`public/${BUILTIN_SCAN_FILE}`))));
  const dir = mkdtempSync(join(tmpdir(), 'builtin-scan-'));
  const out = join(dir, 'out');
  try {
    for (const f of benchSeries(scan.count, 0, 7)) writeFileSync(join(dir, f.name), f.buffer);
    execFileSync('npx', ['tsx', 'src/cli/explain.ts', dir, '--method', 'none', '--out', out], { stdio: 'inherit' });
    const series = readdirSync(out).find((d) => d.startsWith('series-'));
    if (!series) throw new Error(`builtin-scan-scores: no series folder in ${out}`);
    const s = JSON.parse(readFileSync(join(out, series, 'scan.json'), 'utf8')) as {
      thresholds: Record<string, number>;
      slices: { positionMm: number | null; probabilities: Record<string, number> }[];
    };
    if (s.slices.length !== scan.count) throw new Error(`builtin-scan-scores: ${s.slices.length} slices scored, ${scan.count} in the scan`);
    const old = JSON.parse(readFileSync(OUT_FILE, 'utf8')) as Record<string, unknown>;
    const p0 = s.slices[0]?.positionMm ?? 0;
    const weights = `models/resnet34 (model.json ${JSON.parse(readFileSync('models/resnet34/model.json', 'utf8')).meta?.date ?? 'undated'})`;
    const next = {
      ...old,
      weights,
      thresholds: LABELS.map((l) => Number((s.thresholds[l] ?? 0.5).toFixed(6))),
      positionsMm: s.slices.map((x, i) => (x.positionMm === null ? 2 * i : Math.round((x.positionMm - p0) * 100) / 100)),
      scores: s.slices.map((x) => LABELS.map((l) => Number((x.probabilities[l] ?? 0).toFixed(4)))),
    };
    writeFileSync(OUT_FILE, JSON.stringify(next) + '\n');
    console.log(`builtin-scan-scores: ${scan.count} slices -> ${OUT_FILE} (${weights})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
