/**
 * Content collections: the article's prose, one MDX file per section and language under content/<lang>/.
 * Frontmatter is validated at build time; a file with a wrong or missing field fails the build.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { LANGS } from './i18n/langs';

/**
 * Stable section ids, shared by both languages: they become the `id` of each `<section>` and `<h2>`,
 * the table-of-contents anchors, and the names by which live islands are placed. Order of the article.
 */
export const SECTION_IDS = [
  'haemorrhage',
  'ct-windows',
  'ai-radiology',
  'resnet34',
  'deconvnet',
  'grad-cam',
  'guided-backprop',
  'guided-grad-cam',
  'comparison',
  'trust',
  'limitations',
  'references',
] as const;

/** The article's opening (order 0): it carries the page title and description. */
const lede = z.object({
  kind: z.literal('lede'),
  lang: z.enum(LANGS),
  order: z.literal(0),
  /** The page's `<title>` and `<h1>`. */
  title: z.string().min(1),
  /** One sentence for `<meta name="description">` and the header's standfirst. */
  description: z.string().min(20).max(220),
});

/** One `<h2>` section of the article. */
const section = z.object({
  kind: z.literal('section'),
  lang: z.enum(LANGS),
  /** Position in the article (1, 2, ...), the same in every language. */
  order: z.number().int().positive(),
  section: z.enum(SECTION_IDS),
  /** The section heading. */
  title: z.string().min(1),
  /** A shorter label for the table of contents, when the heading is long. */
  toc: z.string().min(1).optional(),
});

const article = defineCollection({
  loader: glob({ pattern: '*/*.mdx', base: './content' }),
  schema: z.discriminatedUnion('kind', [lede, section]),
});

export const collections = { article };
