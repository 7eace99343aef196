/**
 * DICOM → HU slice, following the standard's chain (PS3.5 encodings, PS3.3 C.7.6.3 pixel module,
 * C.11.1 modality LUT, C.7.5.1.1.2 padding, C.7.6.2 orientation, functional groups C.7.6.16):
 * parse with dicom-parser, pick a frame (the middle one by default), decode it (codecs load only for
 * compressed files), map stored values to HU, and turn the image so anterior is up and the patient's
 * right is on the image's left. Pixel Spacing is passed on; square pixels are made by sliceToModel.
 * Pixels: 8-, 16- or 32-bit integers (7FE0,0010) or float/double (7FE0,0008/0009); Photometric
 * Interpretation MONOCHROME1 or MONOCHROME2 only (HU are the same for both: the inversion is a display rule).
 */
import { SliceError, sliceWarning, type CtSlice, type DecodeOptions, type SliceWarning, checkSize } from '../slice';
import { decimalWarning, findIn, readDecimals, scopes } from './attributes';
import { FLOAT_PIXEL_TAGS, frameCount, readFloatFrame, readFrame } from './frame';
import type { TransferSyntax } from './syntax';
import { modalityChain, storedToHu } from './modality';
import { applyTransform, displayTransform } from './orientation';
import { parseDicom } from './parse';

export { hasDicmPrefix, printablePrefix, sniffRawDicom } from './parse';

/**
 * Decode one frame of a DICOM file to HU.
 * @param opts `frame` (0-based; default floor(frames / 2)), `maxPixels`
 * @throws SliceError 'unknown-format' | 'truncated' | 'corrupt' | 'unsupported-syntax' | 'codec-failed' |
 *   'no-pixel-data' | 'bit-depth' | 'not-greyscale' | 'photometric' | 'too-large' | 'too-small' | 'bad-size' | 'frame-range';
 *   warns 'attribute-lenient' / 'attribute-unreadable' by attribute name for a malformed decimal string
 */
export async function decodeDicom(bytes: Uint8Array, opts: DecodeOptions = {}): Promise<CtSlice> {
  const { dataSet: ds, syntax } = parseDicom(bytes);
  const floatTag = (Object.keys(FLOAT_PIXEL_TAGS) as (keyof typeof FLOAT_PIXEL_TAGS)[]).find((t) => ds.elements[t]);
  if (!ds.elements['x7fe00010'] && !floatTag) throw new SliceError('no-pixel-data');
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  checkSize(columns, rows, opts, 'DICOM');
  const samples = ds.uint16('x00280002') ?? 1;
  if (samples !== 1) throw new SliceError('not-greyscale', { format: 'DICOM', samples });
  // PS3.3 C.7.6.3.1.2: only the two monochrome interpretations hold one grey value per pixel.
  const photometric = (ds.string('x00280004') ?? 'MONOCHROME2').replace(/\0/g, '').trim().toUpperCase() || 'MONOCHROME2';
  if (photometric !== 'MONOCHROME1' && photometric !== 'MONOCHROME2') throw new SliceError('photometric', { photometric });
  const bitsAllocated = ds.uint16('x00280100') ?? (floatTag ? FLOAT_PIXEL_TAGS[floatTag] * 8 : 16);
  if (!floatTag) checkBits(bitsAllocated, syntax);

  const count = frameCount(ds);
  const frame = opts.frame ?? Math.floor(count / 2);
  if (!Number.isInteger(frame) || frame < 0 || frame >= count) throw new SliceError('frame-range', { frame, count });

  const geometry = { rows, columns, bitsAllocated };
  const chain = modalityChain(ds, frame, bitsAllocated);
  let hu: Float32Array;
  if (floatTag) {
    // Float pixels are real values already: only the rescale applies (as pydicom's apply_modality_lut does).
    hu = readFloatFrame(ds, floatTag, frame, geometry, syntax).map((v) => v * chain.slope + chain.intercept);
  } else {
    const raw = await readFrame(ds, frame, count, geometry, syntax);
    hu = storedToHu(raw, chain, raw.BYTES_PER_ELEMENT * 8).hu;
  }

  const warnings: SliceWarning[] = [...chain.warnings];
  const note = (w: SliceWarning | null): void => void (w && warnings.push(w));
  const iopRead = readDecimals(findIn(scopes(ds, frame, 'x00209116'), 'x00200037'), 'x00200037', 6);
  note(decimalWarning('x00200037', iopRead, 'none'));
  const transform = displayTransform(iopRead.values);
  const shown = applyTransform(hu, columns, rows, transform);

  const spacingRead = readDecimals(findIn(scopes(ds, frame, 'x00289110'), 'x00280030'), 'x00280030', 2);
  const [sr, sc] = spacingRead.values;
  const positive = spacingRead.values.length === 2 && sr! > 0 && sc! > 0;
  note(positive ? decimalWarning('x00280030', spacingRead, 'none') : decimalWarning('x00280030', { ...spacingRead, fault: spacingRead.text ? 'unreadable' : null }, 'none'));
  let pixelSpacing: [number, number] | undefined = positive ? [sr!, sc!] : undefined;
  if (pixelSpacing && transform.transpose) pixelSpacing = [pixelSpacing[1], pixelSpacing[0]];

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

/** Bits Allocated this decoder reads: 8 or 16 in every syntax, 32 in native and RLE pixel data. */
function checkBits(bits: number, syntax: TransferSyntax): void {
  if (bits === 8 || bits === 16) return;
  if (bits === 32 && (syntax.encoding === 'native' || syntax.encoding === 'rle')) return;
  const detail = bits === 32 ? `${syntax.name} holds at most 16-bit samples` : undefined;
  throw new SliceError('bit-depth', { format: 'DICOM', bits, ...(detail ? { detail } : {}) });
}
