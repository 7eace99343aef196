/** Reading a real validation folder's labels.csv for the caution and window measurements (in place). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One row of labels.csv: id, patient, slice number (ct-ich: from the bottom of the scan up) and `any`. */
export interface RealRow {
  readonly id: string;
  readonly patient: string;
  readonly slice: number;
  readonly any: number;
}

/** Parse labels.csv text (needs the columns id, patient, slice, any). */
export function parseRealRows(csv: string): RealRow[] {
  const lines = csv.trim().split(/\r?\n/);
  const head = (lines[0] ?? '').split(',');
  const col = (name: string): number => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`labels.csv has no column "${name}"`);
    return i;
  };
  const [id, patient, slice, any] = [col('id'), col('patient'), col('slice'), col('any')];
  return lines.slice(1).filter((l) => l.trim()).map((l) => {
    const f = l.split(',');
    return { id: f[id] ?? '', patient: f[patient] ?? '', slice: Number(f[slice]), any: Number(f[any]) };
  });
}

export async function readRealRows(dir: string): Promise<RealRow[]> {
  return parseRealRows(await readFile(join(dir, 'labels.csv'), 'utf8'));
}

export async function readRealIds(dir: string): Promise<string[]> {
  return (await readRealRows(dir)).map((r) => r.id);
}
