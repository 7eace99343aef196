/**
 * Read Debian's `invesalius-examples` head CT (an InVesalius 3 project: a gzip tar holding main.plist
 * and matrix.dat, int16 HU [slices][rows][columns]) as a CtVolume for composites. GPL-2, one normal
 * adult; installed with `apt-get install invesalius-examples`, never committed or bundled into the site.
 */
import { readFileSync } from 'node:fs';
import { list } from 'tar';
import type { CtVolume } from '../phantom/volume';
import { withCavityRange } from '../phantom/cavity-range';

/** Where Debian installs the example. */
export const INVESALIUS_CRANIUM = '/usr/share/doc/invesalius-examples/examples/Cranium.inv3';

/** The two members we need, read from the archive without unpacking it to disk. */
async function members(path: string): Promise<{ plist: string; matrix: Buffer }> {
  const got = new Map<string, Buffer>();
  await list({
    file: path,
    onReadEntry: (e) => {
      const name = e.path.split('/').pop() ?? '';
      if (name !== 'main.plist' && name !== 'matrix.dat') return;
      const chunks: Buffer[] = [];
      e.on('data', (c: Buffer) => chunks.push(c));
      e.on('end', () => got.set(name, Buffer.concat(chunks)));
    },
  });
  const plist = got.get('main.plist');
  const matrix = got.get('matrix.dat');
  if (!plist || !matrix) throw new Error(`${path}: not an InVesalius project (main.plist and matrix.dat expected)`);
  return { plist: plist.toString('utf8'), matrix };
}

/** `<key>K</key>` followed by an <array> of numbers, from a plist's text. */
function plistArray(plist: string, key: string): number[] {
  const m = new RegExp(`<key>${key}</key>\\s*<array>([\\s\\S]*?)</array>`).exec(plist);
  if (!m?.[1]) throw new Error(`main.plist: no ${key}`);
  return [...m[1].matchAll(/<(?:integer|real)>([^<]+)</g)].map((x) => Number(x[1]));
}

/**
 * Load the volume, rows flipped so anterior is up (the project's convention; the file has it at the
 * bottom), and find the slices whose cranial cavity the segmenter accepts.
 * @throws Error when the file is missing or is not an int16 InVesalius project
 */
export async function loadInvesalius(path = INVESALIUS_CRANIUM): Promise<CtVolume> {
  readFileSync(path, { flag: 'r' }).subarray(0, 0); // a clear ENOENT before tar's own error
  const { plist, matrix } = await members(path);
  if (!/<key>dtype<\/key>\s*<string>int16<\/string>/.test(plist)) throw new Error(`${path}: matrix is not int16`);
  const [depth, height, width] = plistArray(plist, 'shape') as [number, number, number];
  const [pixelMm] = plistArray(plist, 'spacing') as [number];
  if (matrix.length !== depth * height * width * 2) throw new Error(`${path}: matrix.dat holds ${matrix.length} bytes, not ${depth}x${height}x${width} int16`);
  const raw = new Int16Array(matrix.buffer.slice(matrix.byteOffset, matrix.byteOffset + matrix.length));
  const hu = new Int16Array(raw.length);
  for (let k = 0; k < depth; k++) {
    for (let y = 0; y < height; y++) hu.set(raw.subarray((k * height + y) * width, (k * height + y + 1) * width), (k * height + (height - 1 - y)) * width);
  }
  const probe: CtVolume = { hu, depth, height, width, pixelMm, cavity: [0, depth - 1] };
  return withCavityRange(probe, path);
}
