/**
 * Conformance against an independent decoder (GDCM decompresses, dcmjs reads; ./reference.ts):
 * Debian's pydicom test files, and compressed twins of the project's real CT slices made with GDCM and
 * DCMTK. Lossless syntaxes must give identical HU; lossy ones stay within a stated tolerance.
 * Prints the conformance table (file, syntax, max |ΔHU|) quoted in the closing note.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeDicom } from '../../../../src/ct/dicom/index';
import { applyTransform, displayTransform } from '../../../../src/ct/dicom/orientation';
import { transferSyntax } from '../../../../src/ct/dicom/syntax';
import { REAL_DICOM_DIR } from '../../../shared-data';
import { writeDicom } from '../write-dicom';
import { convert, HAVE_PYDICOM_FILES, HAVE_TOOLS, PYDICOM_FILES, referenceHu, syntaxOf } from './reference';

const rows: string[] = [];

/** Max |ΔHU| between our decode of `file` and the reference decode of `refFile` (default: the same file). */
async function maxDiff(file: string, refFile = file): Promise<number> {
  const ours = await decodeDicom(new Uint8Array(readFileSync(file)));
  const ref = referenceHu(refFile);
  // Our decoder turns axial slices to the display convention; do the same to the reference.
  const t = displayTransform(ref.iop);
  const shown = applyTransform(Float32Array.from(ref.hu), ref.width, ref.height, t);
  expect([ours.width, ours.height]).toEqual([shown.width, shown.height]);
  let max = 0;
  for (let i = 0; i < ours.hu.length; i++) max = Math.max(max, Math.abs((ours.hu[i] as number) - (shown.values[i] as number)));
  const uid = syntaxOf(file);
  rows.push(`| ${file.split('/').slice(-2).join('/')} | ${transferSyntax(uid)?.name ?? uid} | ${max} |`);
  return max;
}

afterAll(() => {
  if (rows.length) console.log(['| file | transfer syntax | max abs ΔHU |', '|---|---|---|', ...rows].join('\n'));
});

const PYDICOM_GREY = [
  'CT_small.dcm',
  'MR_small.dcm',
  'MR_small_implicit.dcm',
  'MR_small_bigendian.dcm',
  'MR_small_expb.dcm',
  'MR_small_padded.dcm',
  'MR_small_RLE.dcm',
  'MR_small_jp2klossless.dcm',
  'MR_small_jpeg_ls_lossless.dcm',
  'J2K_pixelrep_mismatch.dcm',
  'image_dfl.dcm',
];
const PYDICOM_LOSSY = ['JPEG2000.dcm', '693_J2KI.dcm'];

describe.skipIf(!HAVE_TOOLS || !HAVE_PYDICOM_FILES)('pydicom test files (skipped without apt python3-pydicom, libgdcm-tools, dcmtk)', () => {
  it.each(PYDICOM_GREY)('%s: identical HU to GDCM', async (name) => {
    expect(await maxDiff(join(PYDICOM_FILES, name))).toBe(0);
  });
  it.each(PYDICOM_LOSSY)('%s (lossy JPEG 2000): within 1 HU of GDCM, which also uses OpenJPEG', async (name) => {
    expect(await maxDiff(join(PYDICOM_FILES, name))).toBeLessThanOrEqual(1);
  });
  it('8-bit JPEG Baseline made by GDCM from image_dfl.dcm: libjpeg-turbo within 1 grey level of GDCM (IJG)', async () => {
    // Two JPEG decoders may round the inverse DCT differently; 1 level is the usual bound.
    expect(await maxDiff(convert('gdcmconv', ['--jpeg', '--lossy'], join(PYDICOM_FILES, 'image_dfl.dcm')))).toBeLessThanOrEqual(1);
  });
});

const REAL = existsSync(REAL_DICOM_DIR) ? readdirSync(REAL_DICOM_DIR).filter((f) => f.endsWith('.dcm')).slice(0, 2) : [];

/** Compressed twins: [label, tool, flags]. */
const LOSSLESS: readonly [string, string, readonly string[]][] = [
  ['GDCM JPEG-LS', 'gdcmconv', ['--jpegls']],
  ['GDCM JPEG 2000', 'gdcmconv', ['--j2k']],
  ['GDCM RLE', 'gdcmconv', ['--rle']],
  ['GDCM JPEG Lossless', 'gdcmconv', ['--jpeg']],
  ['GDCM deflated', 'gdcmconv', ['--deflated']],
  ['DCMTK JPEG Lossless SV1', 'dcmcjpeg', ['+e1']],
  ['DCMTK RLE', 'dcmcrle', []],
  ['DCMTK JPEG-LS', 'dcmcjpls', []],
  ['DCMTK big endian', 'dcmconv', ['+tb']],
];

describe.skipIf(!HAVE_TOOLS || REAL.length === 0)('compressed twins of the real CT-ICH slices (skipped without the tools or ../shared/data)', () => {
  for (const file of REAL) {
    it.each(LOSSLESS)(`${file} as %s: identical HU to the original`, async (_label, tool, flags) => {
      const original = join(REAL_DICOM_DIR, file);
      const twin = convert(tool, flags, original);
      const a = await decodeDicom(new Uint8Array(readFileSync(original)));
      const b = await decodeDicom(new Uint8Array(readFileSync(twin)));
      expect(b.hu).toEqual(a.hu);
      expect(await maxDiff(twin, original)).toBe(0);
    });
    it(`${file} as GDCM lossy JPEG 2000 and near-lossless JPEG-LS: within the codec's error of GDCM's own decode`, async () => {
      const original = join(REAL_DICOM_DIR, file);
      expect(await maxDiff(convert('gdcmconv', ['--j2k', '--lossy', '-q', '30'], original))).toBeLessThanOrEqual(1);
      expect(await maxDiff(convert('gdcmconv', ['--jpegls', '--lossy', '-e', '2'], original))).toBe(0);
    });
  }
});

/** Encode signed 16-bit samples losslessly with OpenJPH's HTJ2K encoder (the package the site decodes with). */
async function htj2k(stored: Int16Array, width: number, height: number): Promise<Uint8Array> {
  const factory = (await import('@cornerstonejs/codec-openjph/wasmjs')).default;
  const mod = (await factory({ print: () => {}, printErr: () => {} })) as unknown as Record<string, new () => HtEncoder>;
  const enc = new (mod['HTJ2KEncoder'] as new () => HtEncoder)();
  try {
    enc.getDecodedBuffer({ width, height, bitsPerSample: 16, componentCount: 1, isSigned: true, isUsingColorTransform: false }).set(new Uint8Array(stored.buffer));
    enc.setQuality(true, 0);
    enc.encode();
    return enc.getEncodedBuffer().slice();
  } finally {
    enc.delete();
  }
}
interface HtEncoder {
  getDecodedBuffer(info: { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean; isUsingColorTransform: boolean }): Uint8Array;
  setQuality(lossless: boolean, quantizationStep: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

// No Debian tool writes HTJ2K yet: a round trip through OpenJPH's own encoder, wrapped by dcmjs.
describe.skipIf(REAL.length === 0)('HTJ2K Lossless (1.2.840.10008.1.2.4.201): round trip of a real slice', () => {
  it('decodes to the HU it was made from', async () => {
    const original = await decodeDicom(new Uint8Array(readFileSync(join(REAL_DICOM_DIR, REAL[0] as string))));
    const stored = Int16Array.from(original.hu); // CT-ICH stores HU directly (no rescale)
    const bytes = writeDicom({ rows: original.height, cols: original.width, stored: [], signed: true, transferSyntax: '1.2.840.10008.1.2.4.201', pixelBytes: await htj2k(stored, original.width, original.height) });
    const back = await decodeDicom(bytes);
    expect(back.hu).toEqual(original.hu);
    rows.push(`| ${REAL[0]} via OpenJPH | HTJ2K Lossless (round trip) | 0 |`);
  });
});
