/**
 * Test helper: an independent decoder for conformance tests. GDCM (Debian's libgdcm-tools) decompresses
 * a file to Explicit VR Little Endian (`gdcmconv --raw`), dcmjs (not dicom-parser) reads that twin, and
 * the modality rescale is applied here, written apart from src/ct/dicom/modality.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import dcmjs from 'dcmjs';

/** True when the GDCM and DCMTK command-line tools are installed (apt: libgdcm-tools, dcmtk). */
export const HAVE_TOOLS = ['gdcmconv', 'dcmcjpeg', 'dcmcrle', 'dcmcjpls'].every((t) => {
  try {
    execFileSync('which', [t], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

/** Debian's python3-pydicom test files (uncompressed and compressed, little and big endian). */
export const PYDICOM_FILES = '/usr/lib/python3/dist-packages/pydicom/data/test_files';
export const HAVE_PYDICOM_FILES = existsSync(join(PYDICOM_FILES, 'CT_small.dcm'));

const work = mkdtempSync(join(tmpdir(), 'dicom-conformance-'));
let counter = 0;

/** Run a converter (`gdcmconv [flags] in out`, or a DCMTK tool `tool [flags] in out`) into a temp file. */
export function convert(tool: string, flags: readonly string[], input: string): string {
  const out = join(work, `${++counter}-${basename(input)}`);
  execFileSync(tool, [...flags, input, out], { stdio: 'ignore' });
  return out;
}

/** The Transfer Syntax UID of a file, read by dcmjs. */
export function syntaxOf(file: string): string {
  const b = readFileSync(file);
  const meta = dcmjs.data.DicomMessage.readFile(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength), { ignoreErrors: true }).meta;
  return (meta['00020010'] as { Value: string[] } | undefined)?.Value[0] ?? '';
}

export interface Reference {
  readonly hu: Float64Array;
  readonly width: number;
  readonly height: number;
  /** Image Orientation (Patient), [] when absent. */
  readonly iop: number[];
}

/** HU of frame 0 of `file` as GDCM decodes it, in stored order (no orientation applied). */
export function referenceHu(file: string): Reference {
  const twin = convert('gdcmconv', ['--raw'], file);
  const b = readFileSync(twin);
  // ignoreErrors: dcmjs refuses multi-valued Specific Character Set, which only affects text here.
  const dict = dcmjs.data.DicomMessage.readFile(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength), { ignoreErrors: true });
  const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict) as Record<string, unknown>;
  const rows = ds['Rows'] as number;
  const cols = ds['Columns'] as number;
  const allocated = ds['BitsAllocated'] as number;
  const stored = (ds['BitsStored'] as number | undefined) ?? allocated;
  const signed = ds['PixelRepresentation'] === 1;
  const slope = Number(ds['RescaleSlope'] ?? 1);
  const intercept = Number(ds['RescaleIntercept'] ?? 0);
  const padding = ds['PixelPaddingValue'] as number | undefined;
  const pixels = new Uint8Array((ds['PixelData'] as ArrayBuffer[])[0] as ArrayBuffer);
  const n = rows * cols;
  const hu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = allocated === 8 ? (pixels[i] as number) : (pixels[2 * i] as number) + 256 * (pixels[2 * i + 1] as number);
    v %= 2 ** stored;
    if (signed && v >= 2 ** (stored - 1)) v -= 2 ** stored;
    // Padding (PS3.3 C.7.5.1.1.2) is outside the patient: the project's rule reads it as air, -1024 HU.
    hu[i] = padding !== undefined && v === padding ? -1024 : v * slope + intercept;
  }
  const iop = ((ds['ImageOrientationPatient'] as (number | string)[] | undefined) ?? []).map(Number);
  return { hu, width: cols, height: rows, iop };
}
