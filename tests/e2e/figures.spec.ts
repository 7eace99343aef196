/**
 * The teaching figures (#23 item 7) on the built pages: each where its method is explained, in the
 * page's language, every panel an image named by its title and described by its desc; axe clean in
 * light and dark mode, and nothing wider than a phone's screen. The @screens test writes
 * screenshots/figures-<lang>-<device>-<scheme>-<figure>.png for a person to look at.
 */
import AxeBuilder from '@axe-core/playwright';
import { FIGURES } from '../../src/i18n/figures';
import { AXE_TAGS, PAGES, axeSummary, expect, test } from './fixtures';

const WHERE = [
  { figure: 'deconvnet', section: '#deconvnet' },
  { figure: 'gradcam', section: '#grad-cam' },
  { figure: 'resnet-block', section: '#resnet34' },
] as const;

for (const p of PAGES) {
  const t = FIGURES[p.lang];
  const titles = {
    deconvnet: [t.deconv.flow.title, t.deconv.switches.title, t.deconv.filters.title],
    gradcam: [t.gradcam.forward.title, t.gradcam.weights.title, t.gradcam.map.title],
    'resnet-block': [t.block.title],
  } as const;

  test.describe(`teaching figures, ${p.lang} page`, () => {
    test('each figure sits in its section, in the page’s language, its panels named and described', async ({ page, problems }) => {
      await page.goto(p.path);
      for (const { figure, section } of WHERE) {
        const fig = page.locator(`${section} figure[data-figure="${figure}"]`);
        await expect(fig).toHaveCount(1);
        const panels = fig.locator('svg[role="img"]');
        await expect(panels).toHaveCount(titles[figure].length);
        for (const [i, title] of titles[figure].entries()) {
          // The accessible name is the panel's <title>; the heading drawn in the panel says the same.
          await expect(fig.getByRole('img', { name: title, exact: true })).toHaveCount(1);
          const desc = await panels.nth(i).evaluate((svg) => document.getElementById(svg.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
          expect(desc.length).toBeGreaterThan(80);
          await expect(panels.nth(i).locator('text').first()).toHaveText(title);
        }
        await expect(fig.locator('figcaption')).not.toBeEmpty();
        // Real text, visible and not clipped by the panel.
        const outside = await fig.evaluate((f) =>
          [...f.querySelectorAll('svg')].flatMap((svg) => {
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('text')]
              .map((el) => ({ el, r: el.getBoundingClientRect() }))
              .filter(({ r }) => r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
              .map(({ el }) => el.textContent);
          }),
        );
        expect(outside).toEqual([]);
      }
      // The ResNet block is drawn inside the stage diagram's island, under its cards.
      await expect(page.locator('#resnet34 .isl-resnet figure[data-figure="resnet-block"]')).toHaveCount(1);
      expect(problems).toEqual([]);
    });

    test('axe finds no violations in the three sections, light and dark; nothing overflows a phone', async ({ page }) => {
      await page.goto(p.path);
      const island = page.locator('#resnet34 .isl-resnet');
      await island.scrollIntoViewIfNeeded();
      await expect(island).toHaveAttribute('data-state', 'ready');
      const scope = () => new AxeBuilder({ page }).include('#resnet34 figure[data-figure]').include('#deconvnet figure[data-figure]').include('#grad-cam figure[data-figure]');
      expect(axeSummary(await scope().withTags(AXE_TAGS).analyze())).toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(axeSummary(await scope().withRules(['color-contrast']).analyze())).toEqual([]);
      await page.setViewportSize({ width: 360, height: 740 });
      // Whatever sticks out past the screen's right edge, named (the figures' own elements first).
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('figure[data-figure], figure[data-figure] *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute('class') ?? ''} ${Math.round(e.getBoundingClientRect().right)}`)
          .slice(0, 5),
      );
      expect(wide).toEqual([]);
    });
  });
}

const DEVICES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const p of PAGES) {
  for (const d of DEVICES) {
    for (const scheme of ['light', 'dark'] as const) {
      test(`@screens figures ${p.lang} ${d.name} ${scheme}`, async ({ page }) => {
        await page.setViewportSize({ width: d.width, height: d.height });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(p.path);
        await page.evaluate(() => document.fonts.ready);
        for (const { figure, section } of WHERE) {
          const fig = page.locator(`${section} figure[data-figure="${figure}"]`);
          const tall = Math.ceil((await fig.boundingBox())?.height ?? 0) + 40;
          await page.setViewportSize({ width: d.width, height: Math.max(d.height, tall) });
          await fig.scrollIntoViewIfNeeded();
          await fig.screenshot({ path: `screenshots/figures-${p.lang}-${d.name}-${scheme}-${figure}.png` });
          await page.setViewportSize({ width: d.width, height: d.height });
        }
      });
    }
  }
}

for (const p of PAGES) {
  test(`@screens figures ${p.lang} print`, async ({ page }) => {
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.goto(p.path);
    await page.evaluate(() => document.fonts.ready);
    for (const { figure, section } of WHERE) {
      await page.locator(`${section} figure[data-figure="${figure}"]`).screenshot({ path: `screenshots/figures-${p.lang}-print-${figure}.png` });
    }
  });
}
