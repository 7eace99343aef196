/**
 * DICOM transfer syntaxes (PS3.5 §10 and Annex A): which decoder each needs and whether it loses data.
 * Native syntaxes store pixels plainly; the others encapsulate each frame (PS3.5 A.4).
 */

/** How a frame's pixel data is stored. */
export type PixelEncoding = 'native' | 'rle' | 'jpeg-baseline' | 'jpeg-lossless' | 'jpeg-ls' | 'jpeg-2000' | 'htj2k';

export interface TransferSyntax {
  readonly uid: string;
  /** Short human name, for messages and the CLI's JSON. */
  readonly name: string;
  readonly encoding: PixelEncoding;
  /** True when the syntax may discard information (HU differ slightly from the scanner's). */
  readonly lossy: boolean;
  readonly bigEndian?: boolean;
  readonly implicitVr?: boolean;
  readonly deflated?: boolean;
}

const LIST: readonly TransferSyntax[] = [
  { uid: '1.2.840.10008.1.2', name: 'Implicit VR Little Endian', encoding: 'native', lossy: false, implicitVr: true },
  { uid: '1.2.840.10008.1.2.1', name: 'Explicit VR Little Endian', encoding: 'native', lossy: false },
  { uid: '1.2.840.10008.1.2.1.99', name: 'Deflated Explicit VR Little Endian', encoding: 'native', lossy: false, deflated: true },
  { uid: '1.2.840.10008.1.2.2', name: 'Explicit VR Big Endian', encoding: 'native', lossy: false, bigEndian: true },
  { uid: '1.2.840.10008.1.2.5', name: 'RLE Lossless', encoding: 'rle', lossy: false },
  { uid: '1.2.840.10008.1.2.4.50', name: 'JPEG Baseline (8-bit)', encoding: 'jpeg-baseline', lossy: true },
  { uid: '1.2.840.10008.1.2.4.51', name: 'JPEG Extended (12-bit)', encoding: 'jpeg-baseline', lossy: true },
  { uid: '1.2.840.10008.1.2.4.57', name: 'JPEG Lossless (Process 14)', encoding: 'jpeg-lossless', lossy: false },
  { uid: '1.2.840.10008.1.2.4.70', name: 'JPEG Lossless (Process 14, SV1)', encoding: 'jpeg-lossless', lossy: false },
  { uid: '1.2.840.10008.1.2.4.80', name: 'JPEG-LS Lossless', encoding: 'jpeg-ls', lossy: false },
  { uid: '1.2.840.10008.1.2.4.81', name: 'JPEG-LS Near-Lossless', encoding: 'jpeg-ls', lossy: true },
  { uid: '1.2.840.10008.1.2.4.90', name: 'JPEG 2000 Lossless', encoding: 'jpeg-2000', lossy: false },
  { uid: '1.2.840.10008.1.2.4.91', name: 'JPEG 2000', encoding: 'jpeg-2000', lossy: true },
  { uid: '1.2.840.10008.1.2.4.201', name: 'HTJ2K Lossless', encoding: 'htj2k', lossy: false },
  { uid: '1.2.840.10008.1.2.4.202', name: 'HTJ2K Lossless RPCL', encoding: 'htj2k', lossy: false },
  { uid: '1.2.840.10008.1.2.4.203', name: 'HTJ2K', encoding: 'htj2k', lossy: true },
];

const BY_UID = new Map(LIST.map((t) => [t.uid, t]));

/** The syntaxes this project decodes, by UID; undefined for any other. */
export function transferSyntax(uid: string): TransferSyntax | undefined {
  return BY_UID.get(uid);
}

/** A name for a UID this project does not decode, for the error message. */
export function unsupportedName(uid: string): string {
  if (/^1\.2\.840\.10008\.1\.2\.4\.1(0[0-6]|1[0-2])$/.test(uid)) return uid >= '1.2.840.10008.1.2.4.110' ? 'JPEG XL' : 'MPEG/HEVC video';
  if (uid.startsWith('1.2.840.10008.1.2.4.')) return 'JPEG-family';
  return 'unknown';
}

/** Every supported syntax, for docs and tests. */
export const TRANSFER_SYNTAXES = LIST;
