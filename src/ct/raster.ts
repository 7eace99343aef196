/**
 * PNG and JPEG → HU, decoded as a viewer displays them (EXIF orientation applied, transparency over
 * black) so the analysis sees the picture the reader sees.
 *
 * - 8-bit (and lower-depth, and colour) images are already windowed: each grey level g (0..255) maps back
 *   through the window that made it, HU = byteToHU(g, window). The window is the caller's, or estimated
 *   from the histogram when `window8bit` is 'auto' (the default; src/ct/window-estimate.ts), with a
 *   'window-unsure' warning and brain L40/W80 when the estimate is not confident.
 * - A 16-bit greyscale PNG holds stored values, not a window: HU = value + huOffset16 (default −1024,
 *   the common "HU + 1024" export). 16-bit colour is reduced to 8 bits (v / 257) and read as windowed.
 * - Colour becomes grey by Rec. 601 luma (0.299 R + 0.587 G + 0.114 B, not rounded; exact grey kept); a
 *   picture with ≥ 2 % coloured pixels (channels more than 24 levels apart) is warned about as a colour
 *   image (`colour-image`): a photograph is not a CT slice, and the caution beside the scores flags it.
 * - Alpha: composited on black (grey · alpha), and fully transparent pixels are air (−1024 HU), not the
 *   window's bottom, which would be soft tissue in a brain window and mid-grey in the model's bone
 *   channel; an 'alpha-composited' warning gives their share.
 * Pure-JS decoders (fast-png, jpeg-js with typed arrays; exifr for EXIF) so the same code runs in Node
 * and browsers.
 */
import jpeg from 'jpeg-js';
import { jpegOrientation, orientPlane, pngOrientation, type Orientation } from './exif';
import { decodeOtherJpeg, JPEG_JS_MARKERS } from './jpeg-turbo';
import { decodePngSamples, PNG_DEPTHS, readPngHeader, type PngSamples } from './png-pixels';
import { checkSize, DEFAULT_MAX_PIXELS, SliceError, sliceWarning, type CtSlice, type DecodeOptions, type SliceWarning } from './slice';
import { byteToHU, WINDOWS, type Window } from './window';
import { estimateWindow } from './window-estimate';

/** Window assumed for an 8-bit image when the estimate is not confident. */
export const DEFAULT_WINDOW_8BIT: Window = WINDOWS.brain;
/** Default `huOffset16`: a 16-bit greyscale PNG stores HU + 1024. */
export const DEFAULT_HU_OFFSET_16 = -1024;
/** HU given to fully transparent pixels (air). */
export const AIR_HU = -1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG signature at offset 0. */
export function isPng(b: Uint8Array): boolean {
  return b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v);
}

/** JPEG start-of-image marker FFD8 at offset 0. */
export function isJpeg(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}

/** A decoded picture before HU: grey levels (0..255) of a windowed image, or HU of a 16-bit grey one. */
interface Picture {
  readonly width: number;
  readonly height: number;
  readonly kind: 'windowed' | 'hu';
  /** Row-major; already composited over black (windowed) or air (HU) where alpha < 1. */
  readonly values: Float32Array;
  /** Coverage 0..1 per pixel, or null when every pixel is opaque. */
  readonly alpha: Float32Array | null;
  /** Pixels whose channels differ by more than COLOURED_CHROMA (0..255 scale), counted in a colour picture. */
  readonly coloured?: number;
}

/**
 * A pixel whose largest and smallest channel differ by more than this (0..255) is coloured: a grey CT
 * saved as a colour JPEG differs by a few levels (chroma subsampling, quantisation), a photograph by tens.
 */
export const COLOURED_CHROMA = 24;
/** A picture with at least this share of coloured pixels is warned about as a colour image ('colour-image'). */
export const COLOUR_IMAGE_SHARE = 0.02;

/** Whether a pixel's channels (0..255 scale) differ by more than COLOURED_CHROMA. */
function isColoured(r: number, g: number, b: number): boolean {
  return Math.max(r, g, b) - Math.min(r, g, b) > COLOURED_CHROMA;
}

function luma(r: number, g: number, b: number): number {
  return r === g && g === b ? r : 0.299 * r + 0.587 * g + 0.114 * b;
}

/**
 * PNG samples → picture. 16-bit grey (types 0 and 4) is HU = value + offset; everything else is grey
 * levels: low depths scaled by 255 / (2^depth − 1) (PNG §13.12), 16-bit colour by 1/257, palette looked up.
 * @throws SliceError 'corrupt' for a palette index past the palette's end
 */
function pngPicture(s: PngSamples, huOffset: number): Picture {
  const n = s.width * s.height;
  const { samples: v, channels: ch, depth } = s;
  const values = new Float32Array(n);
  let alpha: Float32Array | null = null;
  const setAlpha = (i: number, a: number): void => {
    if (a >= 1 && !alpha) return;
    alpha ??= new Float32Array(n).fill(1);
    alpha[i] = a;
  };
  const hu = depth === 16 && (s.colourType === 0 || s.colourType === 4);
  const toByte = depth === 16 ? 1 / 257 : depth < 8 ? 255 / ((1 << depth) - 1) : 1;
  const key = s.transparency;
  let coloured = 0;
  for (let i = 0; i < n; i++) {
    const o = i * ch;
    switch (s.colourType) {
      case 0:
      case 4: {
        const g = v[o] as number;
        values[i] = hu ? g + huOffset : g * toByte;
        if (s.colourType === 4) setAlpha(i, (v[o + 1] as number) / (depth === 16 ? 65535 : 255));
        else if (key && g === key[0]) setAlpha(i, 0);
        break;
      }
      case 2:
      case 6: {
        const r = v[o] as number;
        const g = v[o + 1] as number;
        const b = v[o + 2] as number;
        values[i] = luma(r, g, b) * toByte;
        // A fully transparent pixel shows no colour (it is read as air).
        if (isColoured(r * toByte, g * toByte, b * toByte) && !(s.colourType === 6 && v[o + 3] === 0)) coloured++;
        if (s.colourType === 6) setAlpha(i, (v[o + 3] as number) / (depth === 16 ? 65535 : 255));
        else if (key && r === key[0] && g === key[1] && b === key[2]) setAlpha(i, 0);
        break;
      }
      default: {
        const entry = s.palette?.[v[o] as number];
        if (!entry) throw new SliceError('corrupt', { format: 'PNG', detail: `palette index ${v[o]} past the palette's ${s.palette?.length ?? 0} entries` });
        values[i] = luma(entry[0] as number, entry[1] as number, entry[2] as number);
        if (isColoured(entry[0] as number, entry[1] as number, entry[2] as number)) coloured++;
        if (entry.length > 3) setAlpha(i, (entry[3] as number) / 255);
      }
    }
  }
  return { width: s.width, height: s.height, kind: hu ? 'hu' : 'windowed', values, alpha, coloured };
}

/** Share of fully transparent pixels as a percentage with one decimal, at least 0.1 when any. */
function transparentPercent(alpha: Float32Array): number {
  let t = 0;
  for (const a of alpha) if (a <= 0) t++;
  return t === 0 ? 0 : Math.max(0.1, Math.round((1000 * t) / alpha.length) / 10);
}

/** Orient, composite, choose the window, and build the slice. */
function finish(p: Picture, source: 'png' | 'jpeg', opts: DecodeOptions, orientation: Orientation): CtSlice {
  const oriented = orientPlane(p.values, p.width, p.height, orientation);
  const alpha = p.alpha ? orientPlane(p.alpha, p.width, p.height, orientation).data : null;
  const { data: values, width, height } = oriented;
  const n = width * height;
  const warnings: SliceWarning[] = [];
  const percent = alpha ? transparentPercent(alpha) : 0;
  if (percent > 0) warnings.push(sliceWarning('alpha-composited', { percent }));
  // Read as grey (luma), but a photograph is not a CT slice: say so (the caution flags it too).
  if ((p.coloured ?? 0) >= COLOUR_IMAGE_SHARE * n) warnings.push(sliceWarning('colour-image', { percent: Math.round((100 * (p.coloured ?? 0)) / n) }));
  const hu = new Float32Array(n);

  if (p.kind === 'hu') {
    // Stored values are HU already (offset applied); partial coverage mixes with air.
    for (let i = 0; i < n; i++) {
      const a = alpha ? (alpha[i] as number) : 1;
      hu[i] = a <= 0 ? AIR_HU : a * (values[i] as number) + (1 - a) * AIR_HU;
    }
    return { hu, width, height, source, warnings };
  }

  // Over black: what a viewer shows for partial coverage.
  const grey = alpha ? values.map((g, i) => g * (alpha[i] as number)) : values;
  const asked = opts.window8bit ?? 'auto';
  let window: Window;
  if (asked === 'auto') {
    const est = estimateWindow(grey, alpha ?? undefined, DEFAULT_WINDOW_8BIT);
    window = est.window;
    if (!est.confident) warnings.push(sliceWarning('window-unsure', { level: window.level, width: window.width }));
  } else {
    window = asked;
  }
  for (let i = 0; i < n; i++) {
    hu[i] = alpha && (alpha[i] as number) <= 0 ? AIR_HU : byteToHU(grey[i] as number, window);
  }
  return { hu, width, height, source, windowUsed: window, windowEstimated: asked === 'auto', warnings };
}

/**
 * Decode any valid PNG: colour types grey, grey+alpha, RGB, RGBA, palette (with tRNS); bit depths 1, 2,
 * 4, 8, 16; non-interlaced or Adam7 (PNG 3rd edition); EXIF orientation from an eXIf chunk before IDAT.
 * @param bytes the whole file
 * @param opts `window8bit` (default 'auto'), `huOffset16` (default −1024), `maxPixels` (default 4096²)
 * @returns a new CtSlice (owns its Float32Array), HU row-major as displayed; `windowUsed` and
 *   `windowEstimated` for windowed images; `warnings` ('alpha-composited', 'window-unsure') possibly empty
 * @throws SliceError 'truncated' (header or data cut short), 'too-large' / 'bad-size' (from the header,
 *   before decoding), 'corrupt' (bad header values, undecodable data)
 */
export async function decodePng(bytes: Uint8Array, opts: DecodeOptions = {}): Promise<CtSlice> {
  if (bytes.length < 33) throw new SliceError('truncated', { format: 'PNG', detail: `${bytes.length} bytes, no complete header` });
  const ihdr = String.fromCharCode(...bytes.subarray(12, 16));
  if (ihdr !== 'IHDR') throw new SliceError('corrupt', { format: 'PNG', detail: `first chunk is "${ihdr}", not IHDR` });
  const header = readPngHeader(bytes);
  checkSize(header.width, header.height, opts, 'PNG');
  const depths = PNG_DEPTHS[header.colourType];
  if (!depths) throw new SliceError('corrupt', { format: 'PNG', detail: `unknown colour type ${header.colourType}` });
  if (!depths.includes(header.depth)) {
    throw new SliceError('corrupt', { format: 'PNG', detail: `bit depth ${header.depth} is not allowed for colour type ${header.colourType}` });
  }
  if (header.interlace > 1) throw new SliceError('corrupt', { format: 'PNG', detail: `unknown interlace method ${header.interlace}` });
  let samples: PngSamples;
  try {
    samples = decodePngSamples(bytes, header);
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    const hasEnd = String.fromCharCode(...bytes.subarray(bytes.length - 8, bytes.length - 4)) === 'IEND';
    throw new SliceError(hasEnd ? 'corrupt' : 'truncated', { format: 'PNG', detail: text });
  }
  const picture = pngPicture(samples, opts.huOffset16 ?? DEFAULT_HU_OFFSET_16);
  return finish(picture, 'png', opts, await pngOrientation(bytes));
}

/** Frame header (SOF) of a JPEG: size and sample precision, read by walking the marker segments. */
function jpegFrame(b: Uint8Array): { width: number; height: number; precision: number; marker: number } | null {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const m = b[i + 1] as number;
    if (m === 0xff) {
      i++; // fill byte
      continue;
    }
    if ((m >= 0xd0 && m <= 0xd8) || m === 0x01) {
      i += 2; // standalone markers have no length
      continue;
    }
    if (m === 0xda || m === 0xd9) return null; // scan or end before any frame header
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
      if (i + 9 > b.length) return null;
      return { marker: m, precision: b[i + 4] as number, height: ((b[i + 5] as number) << 8) | (b[i + 6] as number), width: ((b[i + 7] as number) << 8) | (b[i + 8] as number) };
    }
    i += 2 + (((b[i + 2] as number) << 8) | (b[i + 3] as number));
  }
  return null;
}

/**
 * Decode a baseline or progressive 8-bit JPEG (grey or colour), with its EXIF orientation applied;
 * arithmetic-coded ones through libjpeg-turbo, other coding processes refused by name (./jpeg-turbo.ts).
 * @param bytes the whole file
 * @param opts `window8bit` (default 'auto'), `maxPixels` (default 4096²)
 * @returns a new CtSlice as displayed (e.g. a 32×16 file with Orientation 6 becomes 16 wide, 32 high)
 * @throws SliceError 'too-large' / 'too-small' (from the frame header, before pixels are decoded),
 *   'unsupported-jpeg', 'truncated', 'corrupt'
 */
export async function decodeJpeg(bytes: Uint8Array, opts: DecodeOptions = {}): Promise<CtSlice> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const frame = jpegFrame(bytes);
  if (frame) checkSize(frame.width, frame.height, opts, 'JPEG');
  if (frame && !JPEG_JS_MARKERS.has(frame.marker)) {
    const other = await decodeOtherJpeg(bytes, frame.marker, frame.precision);
    const c = other.components;
    const grey = new Float32Array(other.width * other.height);
    let coloured = 0;
    for (let i = 0; i < grey.length; i++) {
      if (c >= 3) {
        const [r, g, b] = [other.data[c * i] as number, other.data[c * i + 1] as number, other.data[c * i + 2] as number];
        grey[i] = luma(r, g, b);
        if (isColoured(r, g, b)) coloured++;
      } else grey[i] = other.data[c * i] as number;
    }
    return finish({ width: other.width, height: other.height, kind: 'windowed', values: grey, alpha: null, coloured }, 'jpeg', opts, await jpegOrientation(bytes));
  }
  let img;
  try {
    img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: false,
      maxResolutionInMP: maxPixels / 1e6,
      maxMemoryUsageInMB: Math.max(512, (maxPixels * 8) / 2 ** 20),
    });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    // jpeg-js checks the frame size against maxResolutionInMP before it decodes any pixel.
    if (/maxResolutionInMP|maxMemoryUsageInMB/.test(text)) {
      throw new SliceError('too-large', { format: 'JPEG', width: frame?.width ?? '?', height: frame?.height ?? '?', max: maxPixels });
    }
    if (/out of bound|end of|unexpected|marker was not found/i.test(text)) throw new SliceError('truncated', { format: 'JPEG', detail: text });
    throw new SliceError('corrupt', { format: 'JPEG', detail: text });
  }
  checkSize(img.width, img.height, opts, 'JPEG');
  const n = img.width * img.height;
  const values = new Float32Array(n);
  let coloured = 0;
  for (let i = 0; i < n; i++) {
    const [r, g, b] = [img.data[3 * i] as number, img.data[3 * i + 1] as number, img.data[3 * i + 2] as number];
    values[i] = luma(r, g, b);
    if (isColoured(r, g, b)) coloured++;
  }
  return finish({ width: img.width, height: img.height, kind: 'windowed', values, alpha: null, coloured }, 'jpeg', opts, await jpegOrientation(bytes));
}
