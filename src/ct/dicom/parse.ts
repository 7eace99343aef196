/**
 * DICOM bytes → dicom-parser DataSet and its transfer syntax (PS3.10 file format, PS3.5 encodings).
 * Accepts Part 10 files, a meta header without the 128-byte preamble, and raw data sets (implicit or
 * explicit VR little endian) as some archives write them. Deflated files are inflated with fflate.
 */
import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import { inflateSync } from 'fflate';
import { SliceError } from '../slice';
import { transferSyntax, unsupportedName, type TransferSyntax } from './syntax';

const IMPLICIT_LE = '1.2.840.10008.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';

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

/** The first bytes as printable text, for "what is this file" messages. */
export function printablePrefix(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 12), (c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.')).join('');
}

/** True when the file starts with the 128-byte preamble and "DICM". */
export function hasDicmPrefix(b: Uint8Array): boolean {
  return b.length >= 132 && b[128] === 0x44 && b[129] === 0x49 && b[130] === 0x43 && b[131] === 0x4d;
}

/** Value representations (PS3.5 Table 6.2-1), to tell an explicit-VR data set from other bytes. */
const VRS = new Set('AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '));

/**
 * A raw DICOM data set without preamble: starts with a little-endian tag of an even (public) group,
 * 0002 (a meta header) up to 7FE0, followed by a known VR (explicit) or a length that fits the file
 * (implicit). Archives write data sets that start at 0008, and anonymisers that drop group 0008 leave
 * them starting at 0010, 0018, 0020 or 0028. Returns the likely transfer syntax, or null.
 */
export function sniffRawDicom(b: Uint8Array): 'part10' | typeof IMPLICIT_LE | typeof EXPLICIT_LE | null {
  if (b.length < 8) return null;
  const group = (b[0] as number) | ((b[1] as number) << 8);
  const vr = String.fromCharCode(b[4] as number, b[5] as number);
  const explicitVr = VRS.has(vr);
  if (group === 0x0002) return explicitVr ? 'part10' : null; // the meta header is always explicit VR
  if (group < 0x0008 || group > 0x7fe0 || group % 2 !== 0) return null;
  if (explicitVr) return EXPLICIT_LE;
  const length = new DataView(b.buffer, b.byteOffset, 8).getUint32(4, true);
  return length === 0xffffffff || length <= b.length - 8 ? IMPLICIT_LE : null;
}

/**
 * dicom-parser reads the length of the pixel data's Sequence Delimitation Item (FFFE,E0DD) and skips
 * it; some encoders write 0xFFFFFFFF there instead of 0 (PS3.5 7.5.2 says 0), and the skip then runs
 * past the end ("buffer overrun"). Walk the encapsulated items of the last undefined-length Pixel Data
 * and, only where that walk ends exactly at such a delimiter, give a copy with its length set to 0.
 */
export function fixPixelDelimiter(b: Uint8Array): Uint8Array {
  const tag = [0xe0, 0x7f, 0x10, 0x00];
  for (let p = b.length - 12; p >= 0; p--) {
    if (b[p] !== 0xe0 || !tag.every((v, k) => b[p + k] === v)) continue;
    const explicit = b[p + 4] === 0x4f && (b[p + 5] === 0x42 || b[p + 5] === 0x57); // OB / OW
    const lenAt = p + (explicit ? 8 : 4);
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    if (lenAt + 4 > b.length || view.getUint32(lenAt, true) !== 0xffffffff) continue;
    for (let i = lenAt + 4; i + 8 <= b.length; ) {
      const item = view.getUint32(i, true); // group FFFE, element E000 / E0DD, little endian
      const length = view.getUint32(i + 4, true);
      if (item === 0xe0ddfffe) {
        if (length === 0) return b;
        const copy = b.slice();
        new DataView(copy.buffer).setUint32(i + 4, 0, true);
        return copy;
      }
      if (item !== 0xe000fffe || length === 0xffffffff) return b;
      i += 8 + length;
    }
    return b;
  }
  return b;
}

/** Prepend the 128-byte preamble and "DICM" to a meta header that lacks them. */
function withPreamble(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(132 + b.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(b, 132);
  return out;
}

/** dicom-parser's hook for Deflated Explicit VR Little Endian: raw-inflate everything after the meta header. */
function inflater(bytes: Uint8Array, position: number): Uint8Array {
  const inflated = inflateSync(bytes.subarray(position));
  const out = new Uint8Array(position + inflated.length);
  out.set(bytes.subarray(0, position));
  out.set(inflated, position);
  return out;
}

/** A parsed file: its data set and transfer syntax. */
export interface ParsedDicom {
  readonly dataSet: DataSet;
  readonly syntax: TransferSyntax;
}

/**
 * Parse a DICOM file.
 * @throws SliceError 'unknown-format' | 'truncated' | 'unsupported-syntax' | 'corrupt'
 */
export function parseDicom(bytes: Uint8Array): ParsedDicom {
  let data = bytes;
  let rawSyntax: string | undefined;
  if (!hasDicmPrefix(bytes)) {
    const raw = sniffRawDicom(bytes);
    if (raw === null) throw new SliceError('unknown-format', { start: printablePrefix(bytes) });
    if (raw === 'part10') data = withPreamble(bytes);
    else rawSyntax = raw;
  }
  try {
    let uid = rawSyntax;
    if (!uid) {
      // Read the meta header alone first: an undecodable syntax is refused before its pixel data is parsed.
      const meta = dicomParser.readPart10Header(data);
      const metaEnd = 132 + 12 + (meta.uint32('x00020000') ?? 0);
      if (metaEnd > data.length) throw new SliceError('truncated', { format: 'DICOM', detail: `inside its meta header, ${data.length} bytes` });
      // PS3.10 7.1: a missing Transfer Syntax UID is an error; readers commonly assume implicit VR LE.
      uid = (meta.string('x00020010') ?? '').replace(/\0/g, '').trim() || IMPLICIT_LE;
    }
    const syntax = transferSyntax(uid);
    if (!syntax) throw new SliceError('unsupported-syntax', { uid, name: unsupportedName(uid) });
    const dataSet = dicomParser.parseDicom(syntax.encoding === 'native' ? data : fixPixelDelimiter(data), {
      TransferSyntaxUID: uid, // used only when the meta header lacks (0002,0010)
      ...(syntax.deflated ? { inflater } : {}),
    } as dicomParser.ParseDicomOptions);
    return { dataSet, syntax };
  } catch (e) {
    if (e instanceof SliceError) throw e;
    const text = errorText(e);
    if (isEndOfData(text)) throw new SliceError('truncated', { format: 'DICOM', detail: text });
    throw new SliceError('corrupt', { format: 'DICOM', detail: text });
  }
}
