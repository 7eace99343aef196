/**
 * Shared Playwright fixtures: a `problems` list that records, for the whole test, every console
 * error, uncaught page error, failed request, HTTP error response and request to another origin.
 * Tests assert it is empty at the end (`expect(problems).toEqual([])`).
 */
import { test as base, expect } from '@playwright/test';

/** The article's two pages: path, language, and the other language's path. */
export const PAGES = [
  { path: '/', lang: 'en', other: '/es/', otherLang: 'es' },
  { path: '/es/', lang: 'es', other: '/', otherLang: 'en' },
] as const;

/** The section ids of the article, in order (src/content.config.ts SECTION_IDS). */
export const SECTIONS = [
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

export const test = base.extend<{ problems: string[] }>({
  problems: async ({ page, baseURL }, use) => {
    const problems: string[] = [];
    const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith('data:') && new URL(url).origin !== origin) problems.push(`foreign request: ${url}`);
    });
    await use(problems);
  },
});

export { expect };

/** The axe rule tags every accessibility check here runs. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** One line per axe violation: rule id and the offending selectors (readable in a failed assertion). */
export function axeSummary(r: { violations: { id: string; nodes: { target: unknown[] }[] }[] }): string[] {
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
