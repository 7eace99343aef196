/**
 * The comparison section (#23 item 8): its table and the list under it speak of every method the
 * explorer's grid shows, in the same order, in both languages (the list once named four of five); the
 * live sanity check names Adebayo et al.'s second test, which it does not run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../src/explain/method';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILES = { en: 'content/en/09-comparison.mdx', es: 'content/es/09-comparacion.mdx' } as const;

/** Table rows' first cells and the bold lead of each bullet, soft hyphens dropped. */
function parts(text: string): { rows: string[]; bullets: string[] } {
  const clean = (s: string): string => s.replace(/&shy;/g, '').trim();
  const rows = text
    .split('\n')
    .filter((l) => /^\| [^-|]/.test(l))
    .slice(1)
    .map((l) => clean(l.split('|')[1] ?? ''));
  const bullets = [...text.matchAll(/^- \*\*([^*]+)\*\*/gm)].map((m) => clean(m[1] ?? ''));
  return { rows, bullets };
}

describe.each(Object.entries(FILES))('the comparison section (%s)', (_, file) => {
  const { rows, bullets } = parts(readFileSync(join(ROOT, file), 'utf8'));
  it('lists every method of the grid in its table and in its list', () => {
    expect(rows).toHaveLength(METHOD_NAMES.length);
    expect(bullets).toHaveLength(METHOD_NAMES.length);
  });
  it('names them in the same order in both', () => {
    // "Gradient (saliency)" ~ "The plain gradient", "Retropropagación guiada" ~ "La retropropagación guiada".
    const key = (s: string): string => (s.toLowerCase().match(/gradiente?|deconvnet|guided grad-cam|grad-cam|guided back|retropropagación guiada/)?.[0] ?? s);
    expect(bullets.map(key)).toEqual(rows.map(key));
  });
});

describe.each([
  ['en', 'content/en/09b-trust.mdx', /label randomisation/],
  ['es', 'content/es/09b-confianza.mdx', /aleatorización de etiquetas/],
] as const)('the live sanity check (%s)', (_, file, words) => {
  it("names Adebayo et al.'s label-randomisation test beside the cascading one it runs", () => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const para = text.split('\n\n').find((p) => p.includes('Adebayo')) ?? '';
    expect(para).toMatch(words);
  });
});
