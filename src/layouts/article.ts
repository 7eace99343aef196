/** Loads the article of one language from the `article` collection, in order, and checks its shape. */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Lang } from '../i18n/langs';

type Entry = CollectionEntry<'article'>;
/** The opening entry (frontmatter `kind: lede`). */
export type LedeEntry = Entry & { data: Extract<Entry['data'], { kind: 'lede' }> };
/** A section entry (frontmatter `kind: section`). */
export type SectionEntry = Entry & { data: Extract<Entry['data'], { kind: 'section' }> };

/** One language's article: its opening and its sections sorted by `order`. */
export interface Article {
  lede: LedeEntry;
  sections: SectionEntry[];
}

/**
 * Read content/<lang>/*.mdx. Throws (failing the build) when the folder and `lang` disagree, when there
 * is not exactly one lede, or when two sections share an order or an id.
 */
export async function loadArticle(lang: Lang): Promise<Article> {
  const entries = await getCollection('article', (e) => e.id.startsWith(`${lang}/`));
  const wrong = entries.find((e) => e.data.lang !== lang);
  if (wrong) throw new Error(`content/${wrong.id}: lang "${wrong.data.lang}" in a ${lang}/ file`);
  const ledes = entries.filter((e): e is LedeEntry => e.data.kind === 'lede');
  const [lede] = ledes;
  if (!lede || ledes.length > 1) throw new Error(`content/${lang}: expected one lede, found ${ledes.length}`);
  const sections = entries
    .filter((e): e is SectionEntry => e.data.kind === 'section')
    .sort((a, b) => a.data.order - b.data.order);
  for (const key of ['order', 'section'] as const) {
    const seen = new Set(sections.map((s) => s.data[key]));
    if (seen.size !== sections.length) throw new Error(`content/${lang}: two sections share a ${key}`);
  }
  return { lede, sections };
}
