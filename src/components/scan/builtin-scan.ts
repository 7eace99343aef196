/**
 * The built-in whole scan in the page (no tfjs): fetched only when the reader asks for it (about 2.5 MB),
 * gunzipped off the main thread by the browser's DecompressionStream where there is one (fflate
 * otherwise), and each slice turned into an explorer slice with its ground-truth masks, cropped to the
 * head like every input. What it is: src/phantom/builtin-scan.ts.
 */
import { cropMasksToGrid, cropToHead } from '../../ct/head-crop';
import { BUILTIN_SCAN_FILE, parseBuiltinScan, type BuiltinScan } from '../../phantom/builtin-scan';
import { labelsFromMasks } from '../../phantom/generate';
import type { Slice } from '../slices';

/** The asset's URL under the site's base. */
export function builtinScanUrl(): URL {
  return new URL(`${import.meta.env.BASE_URL}${BUILTIN_SCAN_FILE}`, location.href);
}

async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  // A server that sent the file with Content-Encoding: gzip has already unpacked it.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  if (typeof DecompressionStream === 'function') {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  const { gunzipSync } = await import('fflate');
  return gunzipSync(bytes);
}

/**
 * Fetch and read the built-in scan.
 * @param onBytes download progress (bytes so far, total or 0 when not known)
 * @throws Error when the file cannot be fetched or read
 */
export async function loadBuiltinScan(onBytes?: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<BuiltinScan> {
  const url = builtinScanUrl();
  const res = await fetch(url, signal ? { signal } : {});
  if (!res.ok || !res.body) throw new Error(`${url.pathname}: HTTP ${res.status}`);
  const total = Number(res.headers.get('content-length') ?? 0);
  const parts: Uint8Array[] = [];
  let loaded = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    loaded += value.length;
    onBytes?.(loaded, total);
  }
  const all = new Uint8Array(loaded);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return parseBuiltinScan(await gunzip(all));
}

/** Slice `i` of the built-in scan on the model grid, with its masks and labels. */
export function builtinSliceView(scan: BuiltinScan, i: number, name: string): Slice {
  const size = scan.size;
  const hu = Float32Array.from(scan.hu[i] as Int16Array);
  const masks = scan.masks[i] as Uint8Array;
  const g = cropToHead(hu, size, size);
  return {
    key: `builtin-scan:${i}`,
    hu: g.hu,
    masks: g.box ? cropMasksToGrid(masks, size, size, g.box) : masks,
    labels: labelsFromMasks(masks),
    seed: null,
    fileName: name,
    builtIn: true,
  };
}
