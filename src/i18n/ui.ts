/** Interface strings of the page frame (not the article's prose, which lives in content/). */
import type { Lang } from './langs';

/** Every UI string, in every language; a missing key is a type error. */
export interface UiStrings {
  /** Skip link text. */
  skip: string;
  /** Table of contents heading. */
  toc: string;
  /** Accessible name of the language switch. */
  langNav: string;
  /** Text of the link that leads to this language, shown on the other language's page. */
  readIn: string;
  /** Language name in itself. */
  langName: string;
  /** The one-line disclaimer in the header. */
  disclaimer: string;
  /** On the article's first screen: the live explorer is just below (a link to it). */
  live: string;
  /** Footer: where the page comes from. */
  footerBuilt: string;
  /** Footer: the post this article re-imagines (text before the link). */
  footerOrigin: string;
  /** Footer: label of the link to the source code, shown when a source URL is configured. */
  footerSource: string;
  /** Footer: label before the licence name, shown when a licence is configured. */
  footerLicence: string;
  /** Footer: label of the link to the original post's code. */
  footerCode: string;
  /** "Back to top" link. */
  top: string;
}

/** UI strings by language. */
export const UI: Record<Lang, UiStrings> = {
  en: {
    skip: 'Skip to the article',
    toc: 'Contents',
    langNav: 'Language',
    readIn: 'Read in English',
    langName: 'English',
    disclaimer:
      'A teaching tool. The model was trained on synthetic head-CT phantoms and on one normal head CT with painted bleeds, never on patients’ bleeds; it is not a medical device and must not be used for diagnosis.',
    live: 'Try it live: the network runs in this page, on a CT slice just below',
    footerBuilt: 'The model on this page runs in your own browser: nothing you open here is uploaded.',
    footerOrigin: 'A new take on the Spanish post',
    footerSource: 'Source code',
    footerLicence: 'Licence',
    footerCode: 'its code',
    top: 'Back to top',
  },
  es: {
    skip: 'Saltar al artículo',
    toc: 'Índice',
    langNav: 'Idioma',
    readIn: 'Leer en español',
    langName: 'Español',
    disclaimer:
      'Herramienta didáctica. El modelo se entrenó con fantomas sintéticos de TC craneal y con una TC craneal sana con sangrados pintados, nunca con sangrados de pacientes; no es un dispositivo médico y no debe usarse para diagnosticar.',
    live: 'Pruébelo en directo: la red se ejecuta en esta página, sobre un corte de TC justo debajo',
    footerBuilt: 'El modelo de esta página se ejecuta en su propio navegador: nada de lo que abra aquí se sube a ningún servidor.',
    footerOrigin: 'Una nueva versión de la entrada',
    footerSource: 'Código fuente',
    footerLicence: 'Licencia',
    footerCode: 'su código',
    top: 'Volver al inicio',
  },
};

/** Facts about the site that are not prose. */
export const SITE = {
  /** Public repository of this project; the footer links to it when set. */
  sourceUrl: null as string | null,
  /** Licence of text and code (SPDX id); the footer names it when set. */
  licence: null as string | null,
  /** The post this article re-imagines (see References). */
  origin: {
    title: 'Interpretabilidad en modelos convolucionales',
    author: 'ivan-jgr',
    year: 2020,
    code: 'https://github.com/ivan-jgr/intracraneal-hem-detection',
  },
} as const;
