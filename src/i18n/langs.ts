/** The article's languages; English is the default and lives at `/`. */
export const LANGS = ['en', 'es'] as const;

/** One of the article's languages. */
export type Lang = (typeof LANGS)[number];

/** The page path of each language, matching astro.config.mjs (`prefixDefaultLocale: false`). */
export const HOME: Record<Lang, string> = { en: '/', es: '/es/' };

/** The other language, for the language switch (two languages only). */
export function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'es' : 'en';
}
