/**
 * `--records FILE` for the evaluation lab: one JSON line per phantom, appended as each completes, so a
 * long run stopped part-way resumes where it stopped. The first line states the run's settings; a file
 * written with other settings is refused rather than mixed.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import type { LabSliceRecord } from './lab-eval';

/** The settings a record depends on (weights, curve steps, methods, randomisation seed, variants). */
export interface LabRecordsHeader {
  readonly format: 'ich-lab-records/1';
  readonly weights: string;
  readonly steps: number;
  readonly methods: readonly string[];
  readonly randomSeed: number;
  readonly independent: boolean;
}

/**
 * The records already in `file` (none when it does not exist; then it is created with `header`).
 * @throws Error when the file's settings differ from `header` or a line is not JSON
 */
export async function openRecords(file: string, header: LabRecordsHeader): Promise<LabSliceRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    await writeFile(file, `${JSON.stringify(header)}\n`);
    return [];
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const parse = (l: string, n: number): unknown => {
    try {
      return JSON.parse(l);
    } catch {
      throw new Error(`${file}:${n + 1}: not a JSON line`);
    }
  };
  const found = JSON.stringify(parse(lines[0] ?? 'null', 0));
  if (found !== JSON.stringify(header)) throw new Error(`${file} holds records of other settings (${found}); use another file or delete it`);
  const body = lines.slice(1);
  // A run killed mid-write leaves at most its last line cut short: that phantom is simply run again.
  const last = body.at(-1);
  if (last !== undefined) {
    try {
      JSON.parse(last);
    } catch {
      body.pop();
    }
  }
  return body.map((l, i) => parse(l, i + 1) as LabSliceRecord);
}

export const appendRecord = (file: string, r: LabSliceRecord): Promise<void> => appendFile(file, `${JSON.stringify(r)}\n`);
