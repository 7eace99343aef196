/**
 * The reader's files as a scan, on the main thread (no tfjs): several picked files, a picked or dropped
 * folder (read through the File and Entry APIs; nothing leaves the page), then a decoded slice of the
 * series on the model grid, as the explorer shows any slice.
 */
import { MODEL_SIZE } from '../../ct/window';
import { sliceToModel, squareSize } from '../../ct/head-crop';
import { isZip, scanSliceToCtSlice, type ScanInputFile, type ScanSlice } from '../../ct/scan/index';
import type { FileFacts, Slice } from '../slices';

/** A File with the folder path a folder picker or a dropped folder gives it. */
export interface NamedFile {
  readonly name: string;
  readonly file: File;
}

/** Picked files, named by their folder-relative path when a folder was picked. */
export function namedFromList(list: ArrayLike<File>): NamedFile[] {
  return Array.from(list, (file) => ({ name: (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name, file }));
}

async function walkEntry(entry: FileSystemEntry, out: NamedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((ok, err) => (entry as FileSystemFileEntry).file(ok, err));
    out.push({ name: entry.fullPath.replace(/^\//, ''), file });
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries answers in batches (100 in Chromium) until an empty one.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((ok, err) => reader.readEntries(ok, err));
      if (batch.length === 0) break;
      for (const e of batch) await walkEntry(e, out);
    }
  }
}

/** Dropped items: folders walked recursively (when the browser gives entries), else the dropped files. */
export async function namedFromDrop(dt: DataTransfer): Promise<NamedFile[]> {
  const entries = Array.from(dt.items ?? [])
    .map((it) => it.webkitGetAsEntry?.() ?? null)
    .filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0 || !entries.some((e) => e.isDirectory)) return namedFromList(dt.files);
  const out: NamedFile[] = [];
  for (const e of entries) await walkEntry(e, out);
  return out;
}

/** True when the files should be read as a scan: more than one, or a ZIP. */
export async function isScanDrop(files: readonly NamedFile[]): Promise<boolean> {
  if (files.length > 1) return true;
  const f = files[0];
  return f !== undefined && isZip(new Uint8Array(await f.file.slice(0, 4).arrayBuffer()));
}

/** Read the files' bytes (each stays in the page). */
export async function readNamed(files: readonly NamedFile[]): Promise<ScanInputFile[]> {
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.file.arrayBuffer()) })));
}

/**
 * A decoded slice of a scan on the model grid, as the explorer shows it.
 * @param key the explorer's slice key (unique per scan load and slice)
 */
export function scanSliceView(s: ScanSlice, key: string): Slice {
  const ct = scanSliceToCtSlice(s);
  const hu = sliceToModel(ct, MODEL_SIZE).hu;
  const sq = squareSize(ct);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of s.hu) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const name = s.ref.frame ? `${s.ref.file} (${s.ref.frame.index + 1}/${s.ref.frame.count})` : s.ref.file;
  const file: FileFacts = {
    source: s.source,
    size: [s.width, s.height],
    squareSize: [sq.width, sq.height],
    huRange: [lo, hi],
    warnings: s.warnings,
    ...(s.windowUsed ? { windowUsed: s.windowUsed } : {}),
    ...(s.windowEstimated !== undefined ? { windowEstimated: s.windowEstimated } : {}),
    ...(s.ref.frame ? { frame: s.ref.frame } : {}),
  };
  return { key, hu, masks: null, labels: null, seed: null, fileName: name, file };
}
