/**
 * Screenshots of the instructor's features for a person to look at
 * (`SCREENS=1 npx playwright test explorer-instructor-screens`): screenshots/instructor-*.png, git-ignored.
 */
import { PNG } from 'pngjs';
import { expect, test } from './fixtures';

/** A textured disc: far from the training data, to show the caution. */
function texturePng(): Buffer {
  const png = new PNG({ width: 256, height: 256, colorType: 0, inputColorType: 0, bitDepth: 8 });
  for (let y = 0; y < 256; y++) {
    for (let x = 0; x < 256; x++) png.data[y * 256 + x] = Math.hypot(x - 128, y - 128) > 110 ? 0 : Math.round(128 + 100 * Math.sin(x / 5) * Math.cos(y / 7));
  }
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 });
}

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
      await ex.locator('input[type=file]').setInputFiles({ name: 'texture.png', mimeType: 'image/png', buffer: texturePng() });
      await expect(ex).toHaveAttribute('data-slice', /texture\.png$/, READY);
      await expect(ex).toHaveAttribute('data-state', 'ready', READY);
      await ex.screenshot({ path: `screenshots/instructor-${d.name}-${lang}-upload.png` });
    });
  }
}
