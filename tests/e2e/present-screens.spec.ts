/**
 * Screenshots of presentation mode, its list of shortcuts and the side-by-side compare, in English and
 * Spanish, for a person to look at (`SCREENS=1 npx playwright test present-screens`):
 * screenshots/present-<lang>-<view>.png (git-ignored), and the one-viewport layout at both sizes.
 */
import { expect, test } from './fixtures';

const READY = { timeout: 90_000 };

for (const lang of ['en', 'es'] as const) {
  test(`@screens presentation mode and compare (${lang})`, async ({ page }) => {
    test.setTimeout(240_000);
    const words = lang === 'en' ? { enter: 'Presentation mode' } : { enter: 'Modo presentación' };
    for (const [name, width, height] of [
      ['desktop', 1280, 800],
      ['phone', 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${lang === 'en' ? '/' : '/es/'}?backend=wasm&seed=1004&method=gradcam&label=5`, { waitUntil: 'commit' });
      const ex = page.locator('.lede .ex-root');
      await ex.scrollIntoViewIfNeeded();
      await expect(ex).toHaveAttribute('data-state', 'ready', READY);
      await ex.locator('.ex-figures').evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }));
      await page.screenshot({ path: `screenshots/present-${lang}-${name}-one-viewport.png` });
      await ex.getByRole('button', { name: words.enter }).click();
      await expect(ex).toHaveAttribute('data-present', '');
      await page.screenshot({ path: `screenshots/present-${lang}-${name}.png` });
      if (name === 'phone') continue;
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog')).toBeVisible();
      await page.screenshot({ path: `screenshots/present-${lang}-${name}-shortcuts.png` });
      await page.keyboard.press('Escape');
      await page.keyboard.press('c');
      await expect(ex.locator('.ex-compare')).toHaveAttribute('data-compare-state', 'ready', READY);
      await page.screenshot({ path: `screenshots/present-${lang}-${name}-compare-labels.png` });
      await ex.locator('.ex-compare-controls select').first().selectOption('slice');
      await ex.locator('.ex-compare-controls select').nth(1).selectOption('1082');
      await expect(ex.locator('.ex-pane-b figure')).toHaveAttribute('data-method', 'gradcam', READY);
      await expect(ex.locator('.ex-compare')).toHaveAttribute('data-compare-state', 'ready', READY);
      await page.screenshot({ path: `screenshots/present-${lang}-${name}-compare-slices.png` });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: `screenshots/present-${lang}-${name}-compare-slices-dark.png` });
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });
}
