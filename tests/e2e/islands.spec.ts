/**
 * The article's model-free islands in both languages: the subtypes gallery (five drawn phantoms, the
 * outline toggle), the windowing island (sliders, numbers and presets re-window the image) and the
 * ResNet diagram (keyboard focus and hover describe each stage). No console errors; axe on these sections.
 * `SCREENS=1 npx playwright test islands` writes screenshots/islands-<device>-<island>.png instead.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { AXE_TAGS, PAGES, axeSummary, expect, test } from './fixtures';

const ISLANDS = ['#haemorrhage .isl-gallery', '#ct-windows .isl-window', '#resnet34 .isl-resnet'] as const;

/** Scroll to each island (client:visible) and wait until it has drawn. */
async function drawAll(page: Page): Promise<void> {
  for (const sel of ISLANDS) {
    const el = page.locator(sel);
    await el.scrollIntoViewIfNeeded();
    await expect(el).toHaveAttribute('data-state', 'ready');
  }
}

/** axe limited to the three sections that hold these islands. */
function sections(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).include('#haemorrhage').include('#ct-windows').include('#resnet34');
}

/** A canvas's pixels summarised: how many are not black, how many are the outline magenta, and a hash. */
async function pixels(canvas: Locator): Promise<{ lit: number; magenta: number; hash: number; size: number }> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const d = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
    let lit = 0;
    let magenta = 0;
    let hash = 0;
    for (let i = 0; i < d.length; i += 4) {
      const r = d[i] as number;
      if (r > 20) lit++;
      if (r === 255 && d[i + 1] === 0 && d[i + 2] === 220) magenta++;
      hash = (hash * 31 + r) | 0;
    }
    return { lit, magenta, hash, size: c.width };
  });
}

for (const p of PAGES) {
  test.describe(`${p.lang} islands`, () => {
    test('the gallery draws five phantoms with their outlines, and the toggle hides them', async ({ page, problems }) => {
      await page.goto(p.path);
      const g = page.locator('#haemorrhage .isl-gallery');
      await g.scrollIntoViewIfNeeded();
      await expect(g).toHaveAttribute('data-state', 'ready');
      const canvases = g.locator('canvas');
      await expect(canvases).toHaveCount(5);
      expect(await g.locator('figure').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-subtype')))).toEqual([
        'epidural',
        'subdural',
        'subarachnoid',
        'intraparenchymal',
        'intraventricular',
      ]);
      for (let i = 0; i < 5; i++) {
        const px = await pixels(canvases.nth(i));
        expect(px.size).toBe(224);
        // A head fills a good part of the frame; the outline is there.
        expect(px.lit).toBeGreaterThan(224 * 224 * 0.25);
        expect(px.magenta).toBeGreaterThan(20);
      }
      await g.getByRole('checkbox').uncheck();
      await expect(canvases.first()).toHaveAttribute('data-drawn', 'plain');
      for (let i = 0; i < 5; i++) expect((await pixels(canvases.nth(i))).magenta).toBe(0);
      expect(problems).toEqual([]);
    });

    test('the window controls re-window the image and the presets set the numbers', async ({ page, problems }) => {
      await page.goto(p.path);
      const w = page.locator('#ct-windows .isl-window');
      await w.scrollIntoViewIfNeeded();
      await expect(w).toHaveAttribute('data-state', 'ready');
      const image = w.locator('canvas.isl-window-image');
      const brain = await pixels(image);
      expect(brain.size).toBe(512);
      expect(brain.lit).toBeGreaterThan(512 * 512 * 0.25);
      // Three channels, all drawn, all different.
      const ch = w.locator('.isl-channels canvas');
      await expect(ch).toHaveCount(3);
      const hashes = new Set<number>();
      for (let i = 0; i < 3; i++) hashes.add((await pixels(ch.nth(i))).hash);
      expect(hashes.size).toBe(3);
      // The histogram with its ramp.
      expect(await w.locator('svg.hu-histogram rect.bin').count()).toBeGreaterThan(20);
      await expect(w.locator('svg.hu-histogram path.ramp')).toHaveAttribute('d', /^M/);

      const [levelRange, widthRange] = [w.locator('input[type=range]').nth(0), w.locator('input[type=range]').nth(1)];
      const [levelNum, widthNum] = [w.locator('input[type=number]').nth(0), w.locator('input[type=number]').nth(1)];
      await expect(levelNum).toHaveValue('40');
      await expect(widthNum).toHaveValue('80');
      await widthRange.fill('400');
      await expect(w).toHaveAttribute('data-width', '400');
      await expect(widthNum).toHaveValue('400');
      const wide = await pixels(image);
      expect(wide.hash).not.toBe(brain.hash);
      await levelNum.fill('120');
      await levelNum.press('Enter');
      await expect(w).toHaveAttribute('data-level', '120');
      await expect(levelRange).toHaveValue('120');
      expect((await pixels(image)).hash).not.toBe(wide.hash);

      const presets = w.locator('.isl-presets button');
      await expect(presets).toHaveCount(3);
      const expected: [number, string, string][] = [[2, '600', '2800'], [1, '80', '200'], [0, '40', '80']];
      for (const [i, level, width] of expected) {
        await presets.nth(i).click();
        await expect(levelNum).toHaveValue(level);
        await expect(widthNum).toHaveValue(width);
        await expect(presets.nth(i)).toHaveAttribute('aria-pressed', 'true');
      }
      // Back at brain L40/W80: the very same picture as at the start.
      expect((await pixels(image)).hash).toBe(brain.hash);
      expect(problems).toEqual([]);
    });

    test('the ResNet diagram describes each stage on keyboard focus and on hover', async ({ page, problems }) => {
      await page.goto(p.path);
      const d = page.locator('#resnet34 .isl-resnet');
      await d.scrollIntoViewIfNeeded();
      await expect(d).toHaveAttribute('data-state', 'ready');
      const items = d.locator('g.rn-item');
      await expect(items).toHaveCount(10);
      const ids = ['input', 'conv1', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4', 'avgpool', 'fc', 'sigmoid'];
      expect(await items.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-stage')))).toEqual(ids);
      await items.first().focus();
      for (const [i, id] of ids.entries()) {
        if (i > 0) await page.keyboard.press('Tab');
        await expect(items.nth(i)).toBeFocused();
        await expect(d).toHaveAttribute('data-active', id);
      }
      const desc = d.locator('.rn-desc');
      await items.nth(6).focus();
      await expect(desc).toContainText('7 × 7 × 512');
      await expect(desc).toContainText('Grad-CAM');
      await expect(desc).toContainText('32 × 32');
      await items.nth(4).hover();
      await expect(d).toHaveAttribute('data-active', 'layer2');
      await expect(desc).toContainText('28 × 28 × 128');
      // The text alternative lists every stage.
      await expect(d.locator('.rn-list li')).toHaveCount(10);
      expect(problems).toEqual([]);
    });

    test('axe finds no violations in the three sections once the islands are drawn', async ({ page }) => {
      await page.goto(p.path);
      await drawAll(page);
      await page.locator('#resnet34 g.rn-item').nth(6).focus();
      expect(axeSummary(await sections(page).withTags(AXE_TAGS).analyze())).toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(axeSummary(await sections(page).withRules(['color-contrast']).analyze())).toEqual([]);
    });

    test('at phone width the islands fit the screen and their targets are large enough', async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(p.path);
      await drawAll(page);
      await expect(page.locator('#resnet34 svg.rn-svg')).toHaveClass(/rn-column/);
      expect(axeSummary(await sections(page).withRules(['target-size', 'color-contrast']).analyze())).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
}

const DEVICES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const dev of DEVICES) {
  test(`@screens islands ${dev.name}`, async ({ page }) => {
    await page.setViewportSize({ width: dev.width, height: dev.height });
    for (const p of PAGES) {
      await page.goto(p.path);
      for (const [sel, name] of [
        ['#haemorrhage .isl-gallery', 'gallery'],
        ['#ct-windows .isl-window', 'window'],
        ['#resnet34 .isl-resnet', 'resnet'],
      ] as const) {
        const el = page.locator(sel);
        await el.scrollIntoViewIfNeeded();
        await expect(el).toHaveAttribute('data-state', 'ready');
        if (name === 'window') await el.locator('.isl-presets button').nth(1).click();
        if (name === 'resnet') {
          await page.mouse.move(0, 0); // a resting pointer would take the description over
          await el.locator('g.rn-item').nth(6).focus();
        }
        // An element taller than the viewport is captured by resizing the page, which shifts the layout
        // mid-shot: make the viewport tall enough first, then wait for a still box.
        const tall = Math.ceil((await el.boundingBox())?.height ?? 0) + 40;
        await page.setViewportSize({ width: dev.width, height: Math.max(dev.height, tall) });
        await el.scrollIntoViewIfNeeded();
        await expect.poll(async () => {
          const a = await el.boundingBox();
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const b = await el.boundingBox();
          return a && b && a.y === b.y && a.height === b.height;
        }).toBe(true);
        await el.screenshot({ path: `screenshots/islands-${dev.name}-${p.lang}-${name}.png` });
        await page.setViewportSize({ width: dev.width, height: dev.height });
      }
    }
  });
}
