/**
 * DICOM → HU slice, with dicom-parser. Uncompressed transfer syntaxes only (implicit/explicit VR little
 * endian, explicit big endian); compressed ones are refused with a hint on how to convert them.
 * HU = stored * RescaleSlope + RescaleIntercept (defaults 1 and 0, as in the CT-ICH files, whose
 * stored values are already HU).
 */
import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import { checkSize, SliceError, type CtSlice, type DecodeOptions } from './slice';

const IMPLICIT_LE = '1.2.840.10008.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const EXPLICIT_BE = '1.2.840.10008.1.2.2';
const UNCOMPRESSED = new Set([IMPLICIT_LE, EXPLICIT_LE, EXPLICIT_BE]);

/** Human names of the compressed transfer syntaxes people meet, for the error message. */
function compressedName(uid: string): string {
  if (uid === '1.2.840.10008.1.2.5') return 'RLE';
  if (uid === '1.2.840.10008.1.2.1.99') return 'deflate';
  if (/^1\.2\.840\.10008\.1\.2\.4\.8[01]$/.test(uid)) return 'JPEG-LS';
  if (/^1\.2\.840\.10008\.1\.2\.4\.9\d$/.test(uid)) return 'JPEG 2000';
  if (/^1\.2\.840\.10008\.1\.2\.4\.20\d$/.test(uid)) return 'HTJ2K';
  if (uid.startsWith('1.2.840.10008.1.2.4.')) return 'JPEG';
  return 'unsupported';
}

/** dicom-parser throws strings, Errors, or `{ exception, dataSet }` when it fails part-way; keep the text. */
function errorText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && 'exception' in e) return errorText(e.exception);
  return String(e);
}

/** Parse failures that mean "the bytes stop early" rather than "the bytes are wrong". */
function isEndOfData(text: string): boolean {
  return /past end|greater than or equal to|beyond the end|buffer overr(?:un|ead)|missing required meta header/i.test(text);
}

/** True when the file starts with the 128-byte preamble and "DICM". */
export function hasDicmPrefix(b: Uint8Array): boolean {
  return b.length >= 132 && b[128] === 0x44 && b[129] === 0x49 && b[130] === 0x43 && b[131] === 0x4d;
}

/**
 * A raw DICOM data set without preamble: starts with a little-endian tag of group 0002 or 0008
 * (meta header or identifying group). Returns the likely transfer syntax, or null when it does not look
 * like one.
 */
export function sniffRawDicom(b: Uint8Array): 'part10' | typeof IMPLICIT_LE | typeof EXPLICIT_LE | null {
  if (b.length < 8) return null;
  const group = (b[0] as number) | ((b[1] as number) << 8);
  const upper = (c: number | undefined): boolean => c !== undefined && c >= 0x41 && c <= 0x5a;
  const explicitVr = upper(b[4]) && upper(b[5]);
  if (group === 0x0002) return explicitVr ? 'part10' : null; // the meta header is always explicit VR
  if (group === 0x0008) return explicitVr ? EXPLICIT_LE : IMPLICIT_LE;
  return null;
}

/** Prepend the 128-byte preamble and "DICM" to a meta header that lacks them. */
function withPreamble(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(132 + b.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(b, 132);
  return out;
}

function parse(bytes: Uint8Array): DataSet {
  let data = bytes;
  let options: { TransferSyntaxUID: string } | undefined;
  if (!hasDicmPrefix(bytes)) {
    const raw = sniffRawDicom(bytes);
    if (raw === null) throw new SliceError('unknown-format', 'not a DICOM file (no "DICM" marker, no DICOM tags)');
    if (raw === 'part10') data = withPreamble(bytes);
    else options = { TransferSyntaxUID: raw };
  }
  try {
    if (!options) {
      // Read the meta header alone first: a compressed file is refused before its pixel data is parsed.
      const meta = dicomParser.readPart10Header(data);
      const metaEnd = 132 + 12 + (meta.uint32('x00020000') ?? 0);
      if (metaEnd > data.length) throw new SliceError('truncated', `DICOM file ends early, inside its meta header (${data.length} bytes)`);
      const ts = (meta.string('x00020010') ?? '').trim();
      if (!UNCOMPRESSED.has(ts)) {
        throw new SliceError(
          'compressed-dicom',
          `${compressedName(ts)} compressed DICOM (transfer syntax ${ts || 'missing'}) is not supported; ` +
            'convert it to uncompressed first (e.g. "gdcmconv --raw in.dcm out.dcm" or "dcmdjpeg")',
        );
      }
    }
    return dicomParser.parseDicom(data, options);
  } catch (e) {
    if (e instanceof SliceError) throw e;
    const text = errorText(e);
    if (isEndOfData(text)) throw new SliceError('truncated', `DICOM file ends early (${text})`);
    throw new SliceError('corrupt', `DICOM file could not be parsed (${text})`);
  }
}

function transferSyntax(ds: DataSet, bytes: Uint8Array): string {
  const ts = ds.string('x00020010')?.trim();
  if (ts) return ts;
  return sniffRawDicom(bytes) === EXPLICIT_LE ? EXPLICIT_LE : IMPLICIT_LE;
}

function numberOr(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) ? v : fallback;
}

/**
 * Decode one DICOM slice (the first frame of a multi-frame file) to HU.
 * @throws SliceError 'compressed-dicom' | 'truncated' | 'bit-depth' | 'too-large' | 'corrupt' | 'unknown-format'
 */
export function decodeDicom(bytes: Uint8Array, opts: DecodeOptions = {}): CtSlice {
  const ds = parse(bytes);
  const pixel = ds.elements['x7fe00010'];
  if (!pixel) throw new SliceError('truncated', 'DICOM file has no pixel data (7FE0,0010): it is truncated or not an image');
  if (pixel.encapsulatedPixelData) throw new SliceError('compressed-dicom', 'DICOM pixel data is encapsulated (compressed); convert it to uncompressed first');

  const rows = ds.uint16('x00280010') ?? 0;
  const cols = ds.uint16('x00280011') ?? 0;
  checkSize(cols, rows, opts, 'DICOM image');
  const samples = ds.uint16('x00280002') ?? 1;
  if (samples !== 1) throw new SliceError('bit-depth', `DICOM has ${samples} samples per pixel; only greyscale (1) CT is supported`);
  const bitsAllocated = ds.uint16('x00280100') ?? 16;
  if (bitsAllocated !== 8 && bitsAllocated !== 16) {
    throw new SliceError('bit-depth', `DICOM has ${bitsAllocated} bits allocated per pixel; only 8 and 16 are supported`);
  }
  const bitsStored = Math.min(ds.uint16('x00280101') ?? bitsAllocated, bitsAllocated);
  const signed = (ds.uint16('x00280103') ?? 0) === 1;
  const slope = numberOr(ds.floatString('x00281053'), 1);
  const intercept = numberOr(ds.floatString('x00281052'), 0);

  const bytesPer = bitsAllocated / 8;
  const n = rows * cols;
  const start = pixel.dataOffset;
  const available = Math.min(pixel.length, ds.byteArray.length - start);
  if (available < n * bytesPer) {
    throw new SliceError('truncated', `DICOM pixel data holds ${Math.max(available, 0)} bytes, ${n * bytesPer} needed for ${cols}x${rows}`);
  }

  const view = new DataView(ds.byteArray.buffer, ds.byteArray.byteOffset + start, n * bytesPer);
  const littleEndian = transferSyntax(ds, bytes) !== EXPLICIT_BE;
  // Keep the low BitsStored bits (higher bits may hold overlays) and sign-extend when signed.
  const mask = bitsStored >= 32 ? 0xffffffff : (1 << bitsStored) - 1;
  const signBit = 1 << (bitsStored - 1);
  const hu = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const raw = bytesPer === 2 ? view.getUint16(i * 2, littleEndian) : view.getUint8(i);
    let v = raw & mask;
    if (signed && v & signBit) v -= mask + 1;
    // MONOCHROME1 only changes display (PS3.3 C.7.6.3.1.2: minimum shown white after VOI); HU are physical.
    hu[i] = v * slope + intercept;
  }

  const spacing = (ds.string('x00280030') ?? '').split('\\').map(Number);
  const [sr, sc] = spacing;
  const pixelSpacing: [number, number] | undefined =
    spacing.length === 2 && sr !== undefined && sc !== undefined && sr > 0 && sc > 0 ? [sr, sc] : undefined;
  return { hu, width: cols, height: rows, source: 'dicom', ...(pixelSpacing ? { pixelSpacing } : {}) };
}
