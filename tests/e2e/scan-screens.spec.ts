/**
 * Screenshots of a scrolled whole scan for a person to look at (`SCREENS=1 npx playwright test scan-screens`):
 * the built-in scan, fully scored, scrolled down from its opening slice, with its strip; at 1280 and 390 px
 * wide, in English and Spanish. screenshots/scan-<lang>-<width>.png, git-ignored.
 */
import { expect, test } from './fixtures';

const READY = { timeout: 240_000 };

for (const lang of ['en', 'es'] as const) {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    test(`@screens scan ${lang} ${size.width}`, async ({ page }) => {
      test.setTimeout(400_000);
      await page.setViewportSize(size);
      await page.goto(lang === 'en' ? '/?backend=wasm' : '/es/?backend=wasm', { waitUntil: 'commit' });
      const ex = page.locator('.lede .ex-root');
      await ex.scrollIntoViewIfNeeded();
      await expect(ex).toHaveAttribute('data-state', 'ready', READY);
      await ex.locator('button.scan-builtin').click();
      const panel = ex.locator('.scan-panel');
      await expect(panel).toHaveAttribute('data-scan-state', 'ready', READY);
      await expect(panel).toHaveAttribute('data-scored', '86', READY);
      // Scrolled: eight slices down the head from where it opened.
      await panel.locator('#scan-slider').focus();
      for (let k = 0; k < 8; k++) await page.keyboard.press('ArrowLeft');
      await expect(ex).toHaveAttribute('data-state', 'ready', READY);
      await ex.screenshot({ path: `screenshots/scan-${lang}-${size.width}.png` });
    });
  }
}
