/**
 * How well the 8-bit window estimate (src/ct/window-estimate.ts) does on the real validation folders,
 * whose true window is known (both were exported at L40/W120): read in place, nothing written.
 *
 *   npx tsx src/cli/window-real.ts --real DIR [--real DIR2] [--truth L,W] [--slices]
 *
 * Per slice: right (confident, level within ±5 HU and width within ±1 of the truth), unsure (the
 * estimate says it is not confident), or wrong (confident and not right). The goal (#23): right or
 * unsure on every slice, right on at least 95 %. The last column counts the window the page would use,
 * whether or not the estimate is sure of it (when only the level is doubtful, the page uses the common
 * window of the comb's width and says it is unsure).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeSlice } from '../ct/decode';
import { estimateWindow, type WindowEstimate } from '../ct/window-estimate';
import type { Window } from '../ct/window';
import { readRealRows } from './caution-real-data';

const { values } = parseArgs({
  options: {
    real: { type: 'string', multiple: true },
    truth: { type: 'string', default: '40,120' },
    slices: { type: 'boolean', default: false },
  },
});

export type WindowVerdict = 'right' | 'unsure' | 'wrong';

/** Right: confident and within ±5 HU of level and ±1 of width; unsure: not confident; else wrong. */
export function windowVerdict(e: Pick<WindowEstimate, 'window' | 'confident'>, truth: Window): WindowVerdict {
  if (!e.confident) return 'unsure';
  return Math.abs(e.window.level - truth.level) <= 5 && Math.abs(e.window.width - truth.width) <= 1 ? 'right' : 'wrong';
}

/** The slice's grey levels: read through the identity window (grey g → g HU). */
async function greyLevels(bytes: Uint8Array): Promise<Float32Array> {
  const s = await decodeSlice(bytes, { window8bit: { level: 127.5, width: 255 } });
  return s.hu;
}

async function main(): Promise<void> {
  if (!values.real?.length) throw new Error('usage: window-real --real DIR [--real DIR2] [--truth L,W] [--slices]');
  const [level, width] = (values.truth ?? '40,120').split(',').map(Number);
  const truth: Window = { level: level ?? 40, width: width ?? 120 };
  console.log(`truth L${truth.level}/W${truth.width}\n`);
  console.log('| set | slices | right | unsure | wrong | right or unsure | the window itself right (confident or not) |');
  console.log('|---|---|---|---|---|---|---|');
  const lines: string[] = [];
  for (const dir of values.real) {
    const rows = await readRealRows(dir);
    const n = { right: 0, unsure: 0, wrong: 0, value: 0 };
    for (const row of rows) {
      const grey = await greyLevels(new Uint8Array(await readFile(join(dir, 'images', `${row.id}.png`))));
      const e = estimateWindow(grey);
      const v = windowVerdict(e, truth);
      n[v]++;
      if (windowVerdict({ window: e.window, confident: true }, truth) === 'right') n.value++;
      if (values.slices || v === 'wrong') {
        const ev = e.evidence;
        lines.push(`${row.id} slice=${row.slice} ${v} L${e.window.level}/W${e.window.width} raw=${ev.raw ? `L${ev.raw.level}/W${ev.raw.width}` : '-'} from=${ev.widthFrom} peak=${ev.peakLevel} snapped=${ev.snappedTo ?? '-'}${e.evidence.doubt ? ` doubt=${e.evidence.doubt}` : ''}`);
      }
    }
    const p = (x: number): string => `${x} (${((100 * x) / rows.length).toFixed(1)} %)`;
    console.log(`| ${dir.split('/').pop()} | ${rows.length} | ${p(n.right)} | ${p(n.unsure)} | ${p(n.wrong)} | ${p(n.right + n.unsure)} | ${p(n.value)} |`);
  }
  if (lines.length) console.log(`\n${lines.join('\n')}`);
}

if (process.argv[1]?.endsWith('window-real.ts')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
