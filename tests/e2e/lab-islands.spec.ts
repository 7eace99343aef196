/**
 * The "Can we trust these pictures?" section's three live islands (sanity check, localisation,
 * faithfulness), on wasm (?backend=wasm), in both languages: each reaches its result computed in the
 * worker, the page keeps painting frames while it computes, a new slice or Stop discards a running
 * job, and axe finds nothing in the section. Waits on data-* state attributes only. Writes one
 * screenshot per island and language to screenshots/lab-<lang>-<island>.png, and logs each island's
 * wall time (data-seconds).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { AXE_TAGS, PAGES, axeSummary, expect, test } from './fixtures';

const READY = { timeout: 120_000 };
const LONG = { timeout: 300_000 };

/** Scroll an island into view (client:visible) and wait until its model is loaded. */
async function island(page: Page, cls: string): Promise<Locator> {
  const el = page.locator(`#trust .${cls}`);
  await el.scrollIntoViewIfNeeded();
  await expect(el).not.toHaveAttribute('data-state', /idle|loading/, READY);
  return el;
}

/** The longest gap between animation frames over `ms`: the main thread's worst stall. */
async function worstFrameGap(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    (span) =>
      new Promise<number>((resolve) => {
        let last = performance.now();
        let worst = 0;
        const end = last + span;
        const frame = (now: number): void => {
          worst = Math.max(worst, now - last);
          last = now;
          if (now < end) requestAnimationFrame(frame);
          else resolve(worst);
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
}

/** Distinct colours on a canvas (a blank one has one). */
async function colours(canvas: Locator): Promise<number> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4) seen.add(((d[i] ?? 0) << 16) | ((d[i + 1] ?? 0) << 8) | (d[i + 2] ?? 0));
    return seen.size;
  });
}

/** A table cell's number in either language ("0,25" or "0.25"; "25 %" → 25). */
const num = (s: string): number => Number(s.replace(/\s*%$/, '').replace(',', '.'));

for (const p of PAGES) {
  test(`${p.lang}: the three lab islands compute their results in the worker, axe clean`, async ({ page, problems }) => {
    test.setTimeout(900_000);
    await page.goto(`${p.path}?backend=wasm`, { waitUntil: 'commit' });

    await test.step('localisation runs by itself, per method, and again on a new slice', async () => {
      const loc = await island(page, 'lab-localisation');
      await expect(loc).toHaveAttribute('data-state', 'done', LONG);
      console.log(`[lab ${p.lang}] localisation on ${await loc.getAttribute('data-slice')}: ${await loc.getAttribute('data-seconds')} s`);
      await expect(loc.locator('figure[data-method]')).toHaveCount(4);
      for (const c of await loc.locator('canvas').all()) expect(await colours(c)).toBeGreaterThan(50);
      const rows = loc.locator('table.lab-loc tbody tr');
      await expect(rows).toHaveCount(4);
      for (const r of await rows.all()) {
        await expect(r.locator('[data-figure=pointing]')).toHaveText(p.lang === 'en' ? /^(hit|miss)$/ : /^(acierto|fallo)$/);
        const e = num(await r.locator('[data-figure=energy]').innerText());
        expect(e).toBeGreaterThanOrEqual(0);
        expect(e).toBeLessThanOrEqual(100);
      }
      await loc.screenshot({ path: `screenshots/lab-${p.lang}-localisation.png` });
      // A new slice: the old figures go, the new ones are for the new slice.
      await loc.getByRole('combobox').selectOption('1059');
      await expect(loc).toHaveAttribute('data-slice', 'phantom:1059');
      await expect(loc).toHaveAttribute('data-state', 'done', LONG);
      await expect(loc).toHaveAttribute('data-result-slice', 'phantom:1059');
      await expect(loc.locator('figure[data-method]')).toHaveCount(4);
      await expect(loc.locator('.lab-status').first()).toContainText(p.lang === 'en' ? 'Intraparenchymal haemorrhage”' : 'Hemorragia intraparenquimatosa»');
      // Every built-in slice with a bleed, summarised per method.
      await loc.locator('button.lab-all-run').click();
      await expect(loc).toHaveAttribute('data-all-state', 'running');
      await expect(loc).toHaveAttribute('data-all-state', 'done', LONG);
      console.log(`[lab ${p.lang}] localisation over all built-in slices with a bleed: ${await loc.getAttribute('data-all-seconds')} s`);
      const all = loc.locator('table.lab-loc-all tbody tr');
      await expect(all).toHaveCount(4);
      // 10 phantoms and 3 real-background composites with a bleed, every one with a mask
      for (const r of await all.all()) await expect(r.locator('[data-figure=hits]')).toHaveText(p.lang === 'en' ? /^\d+ of 13$/ : /^\d+ de 13$/);
      await loc.screenshot({ path: `screenshots/lab-${p.lang}-localisation-all.png` });
    });

    await test.step('sanity check: a strip of maps per method and ρ against depth, page responsive meanwhile', async () => {
      const san = await island(page, 'lab-sanity');
      await expect(san).toHaveAttribute('data-state', 'ready');
      await san.getByRole('button', { name: p.lang === 'en' ? 'Run' : 'Calcular' }).click();
      await expect(san).toHaveAttribute('data-state', 'computing');
      await expect(san.locator('progress')).toBeVisible();
      expect(await worstFrameGap(page, 3000)).toBeLessThan(500);
      // The strip fills column by column while the worker computes: the trained maps come first.
      await expect(san.locator('canvas.lab-thumb[data-drawn="map"]').nth(3)).toBeAttached(LONG);
      await expect(san).toHaveAttribute('data-state', 'computing');
      await expect(san).toHaveAttribute('data-state', 'done', LONG);
      await expect(san.locator('canvas.lab-thumb[data-drawn="map"]')).toHaveCount(4 * 7);
      console.log(`[lab ${p.lang}] sanity check on ${await san.getAttribute('data-slice')}: ${await san.getAttribute('data-seconds')} s`);
      const thumbs = san.locator('canvas.lab-thumb');
      await expect(thumbs).toHaveCount(4 * 7);
      for (const c of await thumbs.all()) expect(await colours(c)).toBeGreaterThan(5);
      await expect(san.locator('svg.line-chart .series')).toHaveCount(4);
      const rho = async (m: string, b: string): Promise<number> => num(await san.locator(`table.lab-rho tr[data-method="${m}"] td[data-block="${b}"]`).innerText());
      for (const m of ['gradient', 'gradcam', 'guided-backprop', 'guided-gradcam']) {
        for (const b of ['fc', 'layer4', 'layer3', 'layer2', 'layer1', 'conv1']) expect(Math.abs(await rho(m, b))).toBeLessThanOrEqual(1);
      }
      // The lab's finding on this network (models/resnet34/lab.json): Grad-CAM collapses once fc is
      // random, Guided Backprop survives it.
      expect(await rho('gradcam', 'fc')).toBeLessThan(await rho('guided-backprop', 'fc'));
      await san.screenshot({ path: `screenshots/lab-${p.lang}-sanity.png` });
    });

    await test.step('faithfulness: Stop ends a run; 3-step curves and their areas', async () => {
      const fa = await island(page, 'lab-faithfulness');
      const run = fa.getByRole('button', { name: p.lang === 'en' ? 'Run' : 'Calcular' });
      await fa.getByLabel(p.lang === 'en' ? 'Steps per curve' : 'Pasos por curva').selectOption('20');
      await run.click();
      await expect(fa).toHaveAttribute('data-state', 'computing');
      await fa.getByRole('button', { name: p.lang === 'en' ? 'Stop' : 'Detener' }).click();
      await expect(fa).toHaveAttribute('data-state', 'stopped', READY);
      // A new slice while a run goes on: the run is dropped, nothing is shown for the old slice.
      const slice = fa.getByRole('combobox', { name: p.lang === 'en' ? 'Slice' : 'Corte' });
      await run.click();
      await expect(fa).toHaveAttribute('data-state', 'computing');
      await slice.selectOption('1059');
      await expect(fa).toHaveAttribute('data-state', 'ready', READY);
      await expect(fa).toHaveAttribute('data-result-slice', '');
      await expect(fa.locator('progress')).toHaveCount(0);
      await slice.selectOption('1004');
      await expect(fa).toHaveAttribute('data-state', 'ready', READY);
      await fa.getByLabel(p.lang === 'en' ? 'Steps per curve' : 'Pasos por curva').selectOption('3');
      await run.click();
      await expect(fa).toHaveAttribute('data-state', 'done', LONG);
      console.log(`[lab ${p.lang}] faithfulness (3 steps) on ${await fa.getAttribute('data-slice')}: ${await fa.getAttribute('data-seconds')} s`);
      await expect(fa).toHaveAttribute('data-steps', '3');
      await expect(fa.locator('svg.line-chart')).toHaveCount(2);
      await expect(fa.locator('svg.line-chart .series')).toHaveCount(8);
      for (const r of await fa.locator('table.lab-areas tbody tr').all()) {
        for (const k of ['deletion', 'insertion']) {
          const v = num(await r.locator(`[data-figure=${k}]`).innerText());
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }
      await fa.screenshot({ path: `screenshots/lab-${p.lang}-faithfulness.png` });
    });

    await test.step('axe finds no violations in the section', async () => {
      expect(axeSummary(await new AxeBuilder({ page }).include('#trust').withTags(AXE_TAGS).analyze())).toEqual([]);
    });
    expect(problems).toEqual([]);
  });
}

test('at phone width in dark mode a computed island fits the screen and keeps its contrast', async ({ page, problems }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/?backend=wasm', { waitUntil: 'commit' });
  const loc = await island(page, 'lab-localisation');
  await expect(loc).toHaveAttribute('data-state', 'done', LONG);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const rules = ['scrollable-region-focusable', 'target-size', 'color-contrast'];
  expect(axeSummary(await new AxeBuilder({ page }).include('#trust').withRules(rules).analyze())).toEqual([]);
  await loc.screenshot({ path: 'screenshots/lab-en-localisation-phone-dark.png' });
  expect(problems).toEqual([]);
});
