/**
 * Screenshots of the instructor's features for a person to look at
 * (`SCREENS=1 npx playwright test explorer-instructor-screens`): screenshots/instructor-*.png, git-ignored.
 */
import { expect, test } from './fixtures';

const DEVICES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const READY = { timeout: 90_000 };

for (const d of DEVICES) {
  for (const lang of ['en', 'es'] as const) {
    test(`@screens instructor ${d.name} ${lang}`, async ({ page }) => {
      await page.setViewportSize({ width: d.width, height: d.height });
      await page.goto(`${lang === 'es' ? '/es/' : '/'}?backend=wasm&seed=2045&label=5`, { waitUntil: 'commit' });
      const ex = page.locator('.lede .ex-root');
      await ex.scrollIntoViewIfNeeded();
      await expect(ex).toHaveAttribute('data-state', 'ready', READY);
      await ex.locator('.ex-scores g.row').nth(5).hover();
      await ex.screenshot({ path: `screenshots/instructor-${d.name}-${lang}-gradcam.png` });
      await ex.locator('input[type=radio][value="gradient"]').check();
      await expect(ex).toHaveAttribute('data-method', 'gradient', READY);
      await expect(ex).toHaveAttribute('data-state', 'ready', READY);
      await ex.locator('.ex-scores summary').click();
      await ex.screenshot({ path: `screenshots/instructor-${d.name}-${lang}-gradient.png` });
    });
  }
}
