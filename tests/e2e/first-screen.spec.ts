/**
 * The article's first screen (#23 item 8): it says there is a live explorer just below and links to
 * it, at desktop and phone size, in both languages; the first explorer starts loading on its own,
 * without being scrolled into view (client:idle), and the link brings it on screen.
 */
import { PAGES, expect, test } from './fixtures';

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const p of PAGES) {
  for (const s of SIZES) {
    test(`${p.lang} ${s.name}: the first screen points at the live explorer, which loads without a scroll`, async ({ page, problems }) => {
      await page.setViewportSize({ width: s.width, height: s.height });
      await page.goto(p.path, { waitUntil: 'commit' });
      const note = page.locator('header .live-note a[href="#live"]');
      await expect(note).toBeInViewport();
      await expect(note).toHaveText(p.lang === 'es' ? /Pruébelo en directo/ : /Try it live/);
      const ex = page.locator('#live .ex-root');
      // Below the fold at load, and yet hydrated: its state leaves "idle" with no scroll.
      await expect(ex).not.toBeInViewport();
      await expect(ex).not.toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      await note.click();
      await expect(page).toHaveURL(/#live$/);
      await expect(ex).toBeInViewport();
      expect(problems).toEqual([]);
    });
  }
}
