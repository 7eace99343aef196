/** Test helper: write a small CT DICOM with dcmjs, so expected HU are known exactly. */
import dcmjs from 'dcmjs';

export const IMPLICIT_LE = '1.2.840.10008.1.2';
export const EXPLICIT_LE = '1.2.840.10008.1.2.1';
export const EXPLICIT_BE = '1.2.840.10008.1.2.2';
export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';

export interface DicomSpec {
  rows: number;
  cols: number;
  /** Stored values, row-major; written as 16-bit (or 8-bit when bits is 8). */
  stored: number[];
  bits?: 8 | 16;
  signed?: boolean;
  slope?: string;
  intercept?: string;
  photometric?: 'MONOCHROME1' | 'MONOCHROME2';
  transferSyntax?: string;
  pixelSpacing?: [number, number];
  /** Override the pixel bytes (e.g. for a header that declares more than it holds). */
  pixelBytes?: Uint8Array;
  /** Bits Stored when fewer than allocated (High Bit follows). */
  bitsStored?: number;
  /** Number of Frames; `stored` then holds every frame, one after the other. */
  frames?: number;
  /** More attributes, naturalized as dcmjs names them (e.g. ImageOrientationPatient, PixelPaddingValue). */
  extra?: Record<string, unknown>;
}

/** A Part-10 DICOM file (preamble + "DICM" + meta header + data set). */
export function writeDicom(s: DicomSpec): Uint8Array {
  const { DicomMetaDictionary, DicomDict } = dcmjs.data;
  const ts = s.transferSyntax ?? EXPLICIT_LE;
  const bits = s.bits ?? 16;
  const n = s.rows * s.cols * (s.frames ?? 1);
  let pixels: Uint8Array;
  if (s.pixelBytes) pixels = s.pixelBytes;
  else if (bits === 8) pixels = s.signed ? new Uint8Array(Int8Array.from(s.stored).buffer) : Uint8Array.from(s.stored);
  else {
    pixels = new Uint8Array(n * 2);
    const view = new DataView(pixels.buffer);
    s.stored.forEach((v, i) => (s.signed ? view.setInt16(i * 2, v, ts !== EXPLICIT_BE) : view.setUint16(i * 2, v, ts !== EXPLICIT_BE)));
  }
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
    MediaStorageSOPInstanceUID: '1.2.826.0.1.3680043.2.1125.1',
    TransferSyntaxUID: ts,
    ImplementationClassUID: '1.2.826.0.1.3680043.2.1125',
  };
  const ds: Record<string, unknown> = {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
    SOPInstanceUID: '1.2.826.0.1.3680043.2.1125.1',
    Modality: 'CT',
    Rows: s.rows,
    Columns: s.cols,
    SamplesPerPixel: 1,
    PhotometricInterpretation: s.photometric ?? 'MONOCHROME2',
    BitsAllocated: bits,
    BitsStored: s.bitsStored ?? bits,
    HighBit: (s.bitsStored ?? bits) - 1,
    PixelRepresentation: s.signed ? 1 : 0,
    PixelData: [pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + pixels.byteLength)],
    _vrMap: { PixelData: bits === 8 ? 'OB' : 'OW' },
  };
  if (s.slope !== undefined) ds['RescaleSlope'] = s.slope;
  if (s.intercept !== undefined) ds['RescaleIntercept'] = s.intercept;
  if (s.pixelSpacing) ds['PixelSpacing'] = s.pixelSpacing;
  if (s.frames !== undefined) ds['NumberOfFrames'] = String(s.frames);
  Object.assign(ds, s.extra ?? {});
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(ds);
  return new Uint8Array(dict.write());
}
