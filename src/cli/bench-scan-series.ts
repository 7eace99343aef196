/**
 * A CT series for the browser bench's scan row (src/cli/bench/browser.ts): `count` slices of the built-in
 * scan (public/samples/builtin-scan/, real anatomy from the UNC head; taken in order from `from`, cycling
 * when more are asked for than it holds) as signed 16-bit DICOM files written with dcmjs, 2 mm apart
 * along z, with names that carry no order. Dev-only: dcmjs is a dev dependency.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'fflate';
import dcmjs from 'dcmjs';
import { BUILTIN_SCAN_FILE, parseBuiltinScan } from '../phantom/builtin-scan';
import { FOV_MM } from '../phantom/types';

export interface BenchFile {
  readonly name: string;
  readonly mimeType: string;
  readonly buffer: Buffer;
}

/** `count` slices as DICOM files of one series (`series` makes the Series Instance UID), shuffled by name; `interceptHu` is added to every HU. */
export function benchSeries(count: number, from: number, series: number, interceptHu = 0): BenchFile[] {
  const scan = parseBuiltinScan(gunzipSync(new Uint8Array(readFileSync(`public/${BUILTIN_SCAN_FILE}`))));
  const { DicomMetaDictionary, DicomDict } = dcmjs.data;
  const uid = `1.2.826.0.1.3680043.2.1125.9${series}`;
  const px = Number((FOV_MM / scan.size).toFixed(6)); // DS holds at most 16 characters
  const out: BenchFile[] = [];
  for (let k = 0; k < count; k++) {
    const hu = scan.hu[(from + k) % scan.count] as Int16Array;
    const pixels = new Uint8Array(hu.buffer.slice(hu.byteOffset, hu.byteOffset + hu.byteLength));
    const sop = `${uid}.${k + 1}`;
    const meta = {
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
      MediaStorageSOPInstanceUID: sop,
      TransferSyntaxUID: '1.2.840.10008.1.2.1',
      ImplementationClassUID: '1.2.826.0.1.3680043.2.1125',
    };
    const ds = {
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
      SOPInstanceUID: sop,
      Modality: 'CT',
      SeriesInstanceUID: uid,
      InstanceNumber: String(k + 1),
      ImagePositionPatient: [-FOV_MM / 2, -FOV_MM / 2, 2 * k],
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      Rows: scan.size,
      Columns: scan.size,
      PixelSpacing: [px, px],
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      PixelRepresentation: 1,
      RescaleIntercept: String(interceptHu),
      RescaleSlope: '1',
      PixelData: [pixels.buffer],
      _vrMap: { PixelData: 'OW' },
    };
    const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
    dict.dict = DicomMetaDictionary.denaturalizeDataset(ds);
    // Names that carry no order: a fixed scramble of the slice number.
    out.push({ name: `S${series}-${String((k * 7919) % 10007).padStart(5, '0')}.dcm`, mimeType: 'application/dicom', buffer: Buffer.from(dict.write()) });
  }
  return out;
}
