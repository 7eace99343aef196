/**
 * The article's classroom fixes (#23 items 4 and 8): no command lines in the reader's prose, PHE-SICH in
 * the references, Adebayo et al.'s label-randomisation test named, the comparison table listing every
 * method the grid shows, a "how to cite" line and CITATION.cff, a 404 page in each language.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../src/explain/method';
import { withSearch } from '../../../src/components/lang-switch';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (p: string): string => readFileSync(join(ROOT, p), 'utf8');
const LANG_FILES = {
  en: { comparison: 'content/en/09-comparison.mdx', references: 'content/en/11-references.mdx' },
  es: { comparison: 'content/es/09-comparacion.mdx', references: 'content/es/11-referencias.mdx' },
} as const;

describe.each(['en', 'es'] as const)('the article (%s)', (lang) => {
  it('holds no command line in its prose', () => {
    for (const f of readdirSync(join(ROOT, 'content', lang))) expect(read(`content/${lang}/${f}`), f).not.toMatch(/npm run|npx /);
  });
  it('lists PHE-SICH in the references, and says how to cite the page', () => {
    const refs = read(LANG_FILES[lang].references);
    expect(refs).toMatch(/^\d+\. Ma, D\.,.*PHE-SICH-CT-IDS.*arXiv:2308\.10521/m);
    expect(refs).toContain('CITATION.cff');
    // Still numbered 1..n in order.
    const nums = [...refs.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
    expect(nums).toEqual(nums.map((_, i) => i + 1));
  });
  it("names Adebayo et al.'s label-randomisation test where the sanity check is discussed", () => {
    expect(read(LANG_FILES[lang].comparison)).toMatch(lang === 'en' ? /label randomisation/ : /aleatorización de etiquetas/);
  });
  it('the comparison table has one row per method the grid shows', () => {
    const rows = read(LANG_FILES[lang].comparison).split('\n').filter((l) => /^\| [^-|]/.test(l));
    expect(rows.length - 1).toBe(METHOD_NAMES.length); // minus the header row
  });
});

describe('citing and missing pages', () => {
  it('CITATION.cff names the article', () => {
    const cff = read('CITATION.cff');
    expect(cff).toMatch(/^cff-version: 1\.2\.0$/m);
    expect(cff).toContain('title: "How a convolutional network sees a brain bleed"');
  });
  it('a 404 page exists in each language', () => {
    expect(existsSync(join(ROOT, 'src/pages/404.astro'))).toBe(true);
    expect(existsSync(join(ROOT, 'src/pages/es/404.astro'))).toBe(true);
  });
});

describe('the language switch carries the view', () => {
  it('replaces the query of the link, keeping a relative path relative', () => {
    expect(withSearch('/es/', '?seed=1082&method=gradcam')).toBe('/es/?seed=1082&method=gradcam');
    expect(withSearch('/?seed=1', '?seed=2&w8=40%2C120')).toBe('/?seed=2&w8=40%2C120');
    expect(withSearch('/es/#top', '')).toBe('/es/#top');
    expect(withSearch('https://h.example/es/', '?a=1')).toBe('https://h.example/es/?a=1');
  });
});
