/**
 * The before-and-after lesson (#21 item 7) on the built site, on wasm, in both languages: the lesson and
 * its island render in the trust section; the page's network answers first and nothing under
 * models/resnet34-before/ is requested until the reader presses the button; after it, both panels show
 * a painted map, a probability of "any" and a pointing-game verdict computed from their own network's
 * map; axe finds nothing in the island before or after. Whether the two networks agree is not assumed:
 * the "same weights" note must appear exactly when the two model.json files carry the same sha256.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';
import { AXE_TAGS, PAGES, axeSummary, expect, test } from './fixtures';

const LONG = { timeout: 240_000 };
const HEADING = { en: 'Right for the wrong reasons, right for the right ones', es: 'Acertar por malas razones, acertar por buenas razones' } as const;
const BUTTON = { en: /^Load the earlier network \(\d+\.\d MiB\)$/, es: /^Cargar la red anterior \(\d+,\d MiB\)$/ } as const;
const sha = (dir: string): unknown => (JSON.parse(readFileSync(`models/${dir}/model.json`, 'utf8')) as { meta?: { sha256?: unknown } }).meta?.sha256;

/** A panel's figures: its painted map, P(any) in [0, 1] shown to two decimals, a pointing verdict. */
async function expectPanel(panel: Locator, lang: string): Promise<void> {
  await expect(panel.locator('canvas[data-drawn="map"]')).toBeVisible();
  const any = Number(await panel.getAttribute('data-any'));
  expect(any).toBeGreaterThanOrEqual(0);
  expect(any).toBeLessThanOrEqual(1);
  const shown = any.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  await expect(panel.locator('[data-figure="any"]')).toContainText(shown);
  // The default slice has a bleed: the map is scored (hit, miss, or flat), never "no mask".
  const verdict = await panel.getAttribute('data-pointing');
  expect(['hit', 'miss', 'flat']).toContain(verdict);
  await expect(panel.locator('[data-figure="pointing"]')).not.toHaveText('–');
}

for (const p of PAGES) {
  test(`${p.lang}: the before-and-after lesson loads the earlier network only on request and shows both`, async ({ page, problems }) => {
    test.setTimeout(600_000);
    const beforeRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/models/resnet34-before/')) beforeRequests.push(r.url());
    });
    await page.goto(`${p.path}?backend=wasm`);
    const heading = page.locator('#trust h3', { hasText: HEADING[p.lang] });
    await expect(heading).toHaveCount(1);
    const island = page.locator('#trust .ba-root');
    await expect(island).toHaveCount(1);
    await island.scrollIntoViewIfNeeded();

    await test.step('the page’s network answers first; nothing of the earlier one is requested', async () => {
      await expect(island).toHaveAttribute('data-state', 'done', LONG);
      await expect(island).toHaveAttribute('data-before', 'idle');
      await expect(island).toHaveAttribute('data-slice', 'phantom:1004');
      await expectPanel(island.locator('.ba-panel[data-network="main"]'), p.lang);
      await expect(island.locator('.ba-panel[data-network="before"] canvas')).toHaveCount(0);
      const button = island.locator('button.ba-load');
      await expect(button).toHaveText(BUTTON[p.lang]);
      await expect(button).toBeEnabled();
      expect(beforeRequests).toEqual([]);
      expect(axeSummary(await new AxeBuilder({ page }).include('#trust .ba-root').withTags(AXE_TAGS).analyze())).toEqual([]);
      expect(beforeRequests).toEqual([]);
    });

    await test.step('after the click both panels show a map, a probability and a pointing game', async () => {
      await island.locator('button.ba-load').click();
      await expect(island).toHaveAttribute('data-before', 'ready', LONG);
      await expect(island).toHaveAttribute('data-state', 'done', LONG);
      expect(beforeRequests.some((u) => u.endsWith('/models/resnet34-before/model.json'))).toBe(true);
      for (const network of ['before', 'main']) await expectPanel(island.locator(`.ba-panel[data-network="${network}"]`), p.lang);
      // Structure, not agreement: the note says "same weights" exactly when the two folders hold one hash.
      await expect(island).toHaveAttribute('data-same', sha('resnet34') === sha('resnet34-before') ? '1' : '0');
      await expect(island.locator('.ba-same')).toHaveCount(sha('resnet34') === sha('resnet34-before') ? 1 : 0);
      expect(axeSummary(await new AxeBuilder({ page }).include('#trust .ba-root').withTags(AXE_TAGS).analyze())).toEqual([]);
    });

    await test.step('another slice: both networks answer for it', async () => {
      await island.locator('select').first().selectOption('1082');
      await expect(island).toHaveAttribute('data-slice', 'phantom:1082', LONG);
      await expect(island).toHaveAttribute('data-state', 'done', LONG);
      for (const network of ['before', 'main']) await expectPanel(island.locator(`.ba-panel[data-network="${network}"]`), p.lang);
    });
    expect(problems).toEqual([]);
  });
}
