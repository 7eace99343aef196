/**
 * DICOM → HU slice, following the standard's chain (PS3.5 encodings, PS3.3 C.7.6.3 pixel module,
 * C.11.1 modality LUT, C.7.5.1.1.2 padding, C.7.6.2 orientation, functional groups C.7.6.16):
 * parse with dicom-parser, pick a frame (the middle one by default), decode it (codecs load only for
 * compressed files), map stored values to HU, and turn the image so anterior is up and the patient's
 * right is on the image's left. Pixel Spacing is passed on; square pixels are made by sliceToModel.
 */
import { SliceError, sliceWarning, type CtSlice, type DecodeOptions, type SliceWarning, checkSize } from '../slice';
import { decimals, findIn, scopes } from './attributes';
import { frameCount, readFrame } from './frame';
import { modalityChain, storedToHu } from './modality';
import { applyTransform, displayTransform } from './orientation';
import { parseDicom } from './parse';

export { hasDicmPrefix, printablePrefix, sniffRawDicom } from './parse';

/**
 * Decode one frame of a DICOM file to HU.
 * @param opts `frame` (0-based; default floor(frames / 2)), `maxPixels`
 * @throws SliceError 'unknown-format' | 'truncated' | 'corrupt' | 'unsupported-syntax' | 'codec-failed' |
 *   'no-pixel-data' | 'bit-depth' | 'not-greyscale' | 'too-large' | 'bad-size' | 'frame-range'
 */
export async function decodeDicom(bytes: Uint8Array, opts: DecodeOptions = {}): Promise<CtSlice> {
  const { dataSet: ds, syntax } = parseDicom(bytes);
  if (!ds.elements['x7fe00010']) throw new SliceError('no-pixel-data');
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  checkSize(columns, rows, opts, 'DICOM');
  const samples = ds.uint16('x00280002') ?? 1;
  if (samples !== 1) throw new SliceError('not-greyscale', { format: 'DICOM', samples });
  const bitsAllocated = ds.uint16('x00280100') ?? 16;
  if (bitsAllocated !== 8 && bitsAllocated !== 16) throw new SliceError('bit-depth', { format: 'DICOM', bits: bitsAllocated });

  const count = frameCount(ds);
  const frame = opts.frame ?? Math.floor(count / 2);
  if (!Number.isInteger(frame) || frame < 0 || frame >= count) throw new SliceError('frame-range', { frame, count });

  const geometry = { rows, columns, bitsAllocated };
  const raw = await readFrame(ds, frame, count, geometry, syntax);
  const chain = modalityChain(ds, frame, bitsAllocated);
  const { hu } = storedToHu(raw, chain, raw instanceof Uint8Array ? 8 : 16);

  const iop = decimals(findIn(scopes(ds, frame, 'x00209116'), 'x00200037'), 'x00200037');
  const transform = displayTransform(iop);
  const shown = applyTransform(hu, columns, rows, transform);

  const spacing = decimals(findIn(scopes(ds, frame, 'x00289110'), 'x00280030'), 'x00280030');
  const [sr, sc] = spacing;
  let pixelSpacing: [number, number] | undefined = spacing.length === 2 && sr! > 0 && sc! > 0 ? [sr!, sc!] : undefined;
  if (pixelSpacing && transform.transpose) pixelSpacing = [pixelSpacing[1], pixelSpacing[0]];

  const warnings: SliceWarning[] = [];
  if (transform.plane !== 'axial') warnings.push(sliceWarning('not-axial', { plane: transform.plane }));
  const lossyFlag = (ds.string('x00282110') ?? '').trim() === '01';
  if (syntax.lossy || lossyFlag) warnings.push(sliceWarning('lossy', { name: syntax.lossy ? syntax.name : 'Lossy Image Compression 01' }));

  return {
    hu: shown.values,
    width: shown.width,
    height: shown.height,
    source: 'dicom',
    ...(pixelSpacing ? { pixelSpacing } : {}),
    ...(count > 1 ? { frame: { index: frame, count } } : {}),
    warnings,
  };
}
