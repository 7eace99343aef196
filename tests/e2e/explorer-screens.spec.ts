/**
 * Screenshots of the explorer for a person to look at (`SCREENS=1 npx playwright test explorer-screens`):
 * screenshots/explorer-<device>-<view>.png, git-ignored.
 */
import { expect, test } from './fixtures';

const DEVICES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const READY = { timeout: 90_000 };

for (const d of DEVICES) {
  test(`@screens explorer ${d.name}`, async ({ page }) => {
    await page.setViewportSize({ width: d.width, height: d.height });
    await page.goto('/?backend=wasm', { waitUntil: 'commit' });
    const ex = page.locator('.lede .ex-root');
    await ex.scrollIntoViewIfNeeded();
    await expect(ex).toHaveAttribute('data-state', 'ready', READY);
    await ex.screenshot({ path: `screenshots/explorer-${d.name}-gradcam.png` });
    await ex.locator('input[type=radio][value="gradient"]').check();
    await ex.getByLabel('Gradient view').selectOption('1');
    await expect(ex).toHaveAttribute('data-method', 'gradient', READY);
    await expect(ex).toHaveAttribute('data-state', 'ready', READY);
    await ex.screenshot({ path: `screenshots/explorer-${d.name}-gradient-channel2.png` });
    await ex.getByRole('button', { name: 'Compare all methods' }).click();
    await expect(ex).toHaveAttribute('data-method', 'grid', READY);
    await ex.screenshot({ path: `screenshots/explorer-${d.name}-grid.png` });
    await page.goto('/es/?backend=wasm', { waitUntil: 'commit' });
    const focused = page.locator('#deconvnet .ex-root');
    await focused.scrollIntoViewIfNeeded();
    await expect(focused).toHaveAttribute('data-state', 'ready', READY);
    await focused.screenshot({ path: `screenshots/explorer-${d.name}-es-deconvnet.png` });
  });
}
