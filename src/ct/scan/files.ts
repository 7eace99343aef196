/**
 * Inputs → candidate slices and skipped files: open ZIPs (fflate), read each DICOM's header (the
 * project's parser, no pixel decoding), split multi-frame files into frames, and name every file that
 * is not a CT slice with a reason. Nothing is dropped without a report.
 */
import { unzipSync } from 'fflate';
import type { DataSet } from 'dicom-parser';
import { sniffFormat } from '../decode';
import { decimals, findIn, scopes } from '../dicom/attributes';
import { frameCount } from '../dicom/frame';
import { parseDicom, printablePrefix } from '../dicom/parse';
import { SliceError, type MessageParams } from '../slice';
import { scanFileText, scanNoteText } from '../../i18n/scan-messages';
import type { ScanFileCode, ScanFileIssue, ScanInputFile, ScanNote, ScanNoteCode, SliceRef } from './types';

/** A candidate slice plus the series facts of its file. */
export interface Candidate extends SliceRef {
  readonly seriesUid: string | null;
  readonly seriesNumber?: number;
  readonly seriesDescription?: string;
  readonly modality?: string;
}

/** Build a file report with its English text. */
export function fileIssue(file: string, code: ScanFileCode, params: MessageParams = {}): ScanFileIssue {
  return { file, code, params, message: scanFileText('en', code, params) };
}

/** Build a note with its English text. */
export function scanNote(code: ScanNoteCode, params: MessageParams = {}, files: readonly string[] = []): ScanNote {
  return { code, params, files, message: scanNoteText('en', code, params) };
}

/** "PK\3\4" (a local file header) or "PK\5\6" (the end record of an empty archive). */
export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

const isPdf = (b: Uint8Array): boolean => b.length >= 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d;

/** Finder, Explorer and resource-fork litter that archives and dropped folders carry along. */
export function isSystemFile(name: string): boolean {
  const parts = name.split('/');
  const base = parts.at(-1) ?? '';
  return parts.includes('__MACOSX') || base === '.DS_Store' || base === 'Thumbs.db' || base === 'desktop.ini' || base.startsWith('._');
}

/** Expand ZIPs (nested ones too, up to `depth`) into their files; a ZIP that cannot be opened is reported. */
export function expandArchives(files: readonly ScanInputFile[], skipped: ScanFileIssue[], depth = 2): ScanInputFile[] {
  const out: ScanInputFile[] = [];
  for (const f of files) {
    if (!isZip(f.bytes) || depth === 0) {
      out.push(f);
      continue;
    }
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(f.bytes);
    } catch (e) {
      skipped.push(fileIssue(f.name, 'corrupt-zip', { detail: e instanceof Error ? e.message : String(e) }));
      continue;
    }
    // Directory entries ("dir/") hold no file; everything else is a file of the archive.
    const inner = Object.keys(entries)
      .filter((p) => !p.endsWith('/'))
      .sort()
      .map((p) => ({ name: `${f.name}/${p}`, bytes: entries[p] as Uint8Array }));
    out.push(...expandArchives(inner, skipped, depth - 1));
  }
  return out;
}

const ENCAPSULATED_PDF = '1.2.840.10008.5.1.4.1.1.104.1';
const MEDIA_DIRECTORY = '1.2.840.10008.1.3.10';

const text = (ds: DataSet, tag: string): string | undefined => {
  const v = ds.string(tag)?.replace(/\0/g, '').trim();
  return v ? v : undefined;
};

/** Image Position (Patient) of `frame`: the per-frame Plane Position Sequence item, else the top level. */
function position(ds: DataSet, frame: number): [number, number, number] | undefined {
  const v = decimals(findIn(scopes(ds, frame, 'x00209113'), 'x00200032'), 'x00200032');
  return v.length === 3 ? [v[0] as number, v[1] as number, v[2] as number] : undefined;
}

function orientation(ds: DataSet, frame: number): number[] | undefined {
  const v = decimals(findIn(scopes(ds, frame, 'x00209116'), 'x00200037'), 'x00200037');
  return v.length === 6 ? v : undefined;
}

/** One DICOM file → its frames as candidates, or why it is not a CT slice. */
function dicomCandidates(f: ScanInputFile): Candidate[] | ScanFileIssue {
  let ds: DataSet;
  try {
    ds = parseDicom(f.bytes).dataSet;
  } catch (e) {
    if (e instanceof SliceError) return fileIssue(f.name, 'unreadable', { code: e.code, message: e.message });
    throw e;
  }
  const sopClass = text(ds, 'x00080016') ?? text(ds, 'x00020002') ?? '';
  if (sopClass === MEDIA_DIRECTORY || ds.elements['x00041220']) return fileIssue(f.name, 'dicomdir');
  if (sopClass === ENCAPSULATED_PDF || ds.elements['x00420011']) return fileIssue(f.name, 'pdf');
  if (!ds.elements['x7fe00010']) return fileIssue(f.name, 'no-image', { sopClass: sopClass || 'unknown' });
  const modality = text(ds, 'x00080060');
  if (modality && modality !== 'CT' && modality !== 'OT') return fileIssue(f.name, 'not-ct', { modality });
  const imageType = (text(ds, 'x00080008') ?? '').toUpperCase().split('\\');
  if (imageType.includes('LOCALIZER')) return fileIssue(f.name, 'localizer');

  const count = frameCount(ds);
  const instance = ds.intString('x00200013');
  const number = ds.intString('x00200011');
  const description = text(ds, 'x0008103e');
  const rows = ds.uint16('x00280010');
  const columns = ds.uint16('x00280011');
  const common = {
    file: f.name,
    bytes: f.bytes,
    format: 'dicom' as const,
    seriesUid: text(ds, 'x0020000e') ?? null,
    ...(number !== undefined && Number.isFinite(number) ? { seriesNumber: number } : {}),
    ...(description ? { seriesDescription: description } : {}),
    ...(modality ? { modality } : {}),
    ...(instance !== undefined && Number.isFinite(instance) ? { instance } : {}),
    ...(rows !== undefined ? { rows } : {}),
    ...(columns !== undefined ? { columns } : {}),
  };
  return Array.from({ length: count }, (_, index) => {
    const ipp = position(ds, index);
    const iop = orientation(ds, index);
    return { ...common, ...(count > 1 ? { frame: { index, count } } : {}), ...(ipp ? { ipp } : {}), ...(iop ? { iop } : {}) };
  });
}

/**
 * Sort inputs into candidate slices and skipped files.
 * @param files inputs as given (ZIPs are opened here)
 * @returns candidates in input order (a multi-frame file gives one per frame), every other file in
 *   `skipped` with its reason, and how many files were looked at (files inside ZIPs count, ZIPs not)
 */
export function readCandidates(files: readonly ScanInputFile[]): { candidates: Candidate[]; skipped: ScanFileIssue[]; fileCount: number } {
  const skipped: ScanFileIssue[] = [];
  const expanded = expandArchives(files, skipped);
  const candidates: Candidate[] = [];
  for (const f of expanded) {
    if (isSystemFile(f.name)) {
      skipped.push(fileIssue(f.name, 'system-file'));
      continue;
    }
    if (f.bytes.length === 0) {
      skipped.push(fileIssue(f.name, 'empty-file'));
      continue;
    }
    const format = sniffFormat(f.bytes);
    if (format === 'dicom') {
      const r = dicomCandidates(f);
      if (Array.isArray(r)) candidates.push(...r);
      else skipped.push(r);
    } else if (format === 'png' || format === 'jpeg') {
      candidates.push({ file: f.name, bytes: f.bytes, format, seriesUid: null });
    } else if (isPdf(f.bytes)) {
      skipped.push(fileIssue(f.name, 'pdf'));
    } else if (isZip(f.bytes)) {
      // Only past the nesting depth: say what it is rather than "not an image".
      skipped.push(fileIssue(f.name, 'corrupt-zip', { detail: 'a ZIP nested too deep' }));
    } else {
      skipped.push(fileIssue(f.name, 'not-image', { start: printablePrefix(f.bytes) }));
    }
  }
  // A corrupt ZIP counts as one file read; its entries were never seen.
  const corruptZips = skipped.filter((s) => s.code === 'corrupt-zip' && !expanded.some((f) => f.name === s.file)).length;
  return { candidates, skipped, fileCount: expanded.length + corruptZips };
}
