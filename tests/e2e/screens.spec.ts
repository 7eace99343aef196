/**
 * Screenshots for a person to look at (not compared automatically). Run with
 * `SCREENS=1 npx playwright test`; writes screenshots/<lang>-<device>-<scheme>-<where>.png (git-ignored).
 */
import { PAGES, test } from './fixtures';

const DEVICES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Places worth a look (element ids; `end` is the bottom of the page, with the footer). */
const SPOTS = ['top', 'toc-heading', 'ct-windows', 'resnet34', 'grad-cam', 'guided-backprop', 'comparison', 'references', 'end'] as const;

for (const p of PAGES) {
  for (const d of DEVICES) {
    for (const scheme of ['light', 'dark'] as const) {
      test(`@screens ${p.lang} ${d.name} ${scheme}`, async ({ page }) => {
        await page.setViewportSize({ width: d.width, height: d.height });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(p.path);
        await page.evaluate(() => document.fonts.ready);
        for (const spot of SPOTS) {
          await page.evaluate((id) => {
            const el = document.getElementById(id);
            const top = id === 'end' ? document.body.scrollHeight : el ? el.getBoundingClientRect().top + window.scrollY : 0;
            // Instant: the page scrolls smoothly for people, which a screenshot would catch mid-way.
            window.scrollTo({ top, behavior: 'instant' });
          }, spot);
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({ path: `screenshots/${p.lang}-${d.name}-${scheme}-${spot}.png` });
        }
        // Tables are where narrow screens go wrong first.
        const tables = page.locator('main table');
        for (let i = 0; i < (await tables.count()); i++) {
          await tables.nth(i).screenshot({ path: `screenshots/${p.lang}-${d.name}-${scheme}-table${i + 1}.png` });
        }
      });
    }
  }
  test(`@screens ${p.lang} print`, async ({ page }) => {
    await page.emulateMedia({ media: 'print' });
    await page.goto(p.path);
    await page.pdf({ path: `screenshots/${p.lang}-print.pdf`, format: 'A4' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: `screenshots/${p.lang}-print-top.png` });
    await page.locator('#references').screenshot({ path: `screenshots/${p.lang}-print-references.png` });
  });
}
