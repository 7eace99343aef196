/**
 * The explorer as an instructor's instrument (issue 13): a chart that explains itself, honest links,
 * outlines with a key, controls that say why they are off, no layout shift between methods, and
 * figures fit for slides. Against the built site on wasm; waits on data-* state attributes.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const READY = { timeout: 90_000 };

/** The main explorer (after the lede), ready on wasm. */
async function openMain(page: Page, query = '', path = '/'): Promise<Locator> {
  await page.goto(`${path}?backend=wasm${query}`, { waitUntil: 'commit' });
  const ex = page.locator('.lede .ex-root');
  await ex.scrollIntoViewIfNeeded(); // client:visible: nothing loads until the island is on screen
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  return ex;
}

test('the score chart has a title, a key for its threshold ticks, and the probability and logit on hover, on focus and as a table', async ({ page, problems }) => {
  const ex = await openMain(page);
  const chart = ex.locator('.ex-scores');
  await expect(chart.locator('.ex-scores-title')).toContainText('six scores for this slice');
  await expect(chart.locator('.ex-scores-key')).toContainText('decision threshold of each label, chosen on validation phantoms');
  const rows = chart.locator('g.row');
  await expect(rows).toHaveCount(6);
  const probs = (await chart.getAttribute('data-scores'))?.split(',').map(Number) ?? [];
  // Each row is named in words for a screen reader: probability, logit, threshold.
  for (let i = 0; i < 6; i++) await expect(rows.nth(i)).toHaveAttribute('aria-label', /probability \d\.\d{3}, logit -?\d+\.\d{2}; threshold 0\.\d{3}, (at or above|below) it/);
  const readout = chart.locator('.ex-scores-readout');
  await expect(readout).toContainText('Point at a bar');
  await rows.nth(5).hover();
  await expect(readout).toContainText(`subdural: probability ${(probs[5] ?? 0).toFixed(3)}, logit `);
  await page.mouse.move(0, 0);
  await expect(readout).toContainText('Point at a bar');
  // Keyboard: Tab from the control before the chart lands on the first row.
  await rows.nth(0).focus();
  await expect(readout).toContainText('any: probability');
  await page.keyboard.press('Tab');
  await expect(readout).toContainText('epidural: probability');
  await expect(rows.nth(1)).toBeFocused();
  // The same numbers as a table.
  await chart.locator('summary').click();
  const table = chart.locator('table');
  await expect(table.locator('tbody tr')).toHaveCount(6);
  await expect(table.locator('tbody tr').nth(5).locator('td').first()).toHaveText((probs[5] ?? 0).toFixed(3));
  expect(problems).toEqual([]);
});

test('the score chart explains itself in Spanish too', async ({ page }) => {
  const ex = await openMain(page, '', '/es/');
  const chart = ex.locator('.ex-scores');
  await expect(chart.locator('.ex-scores-title')).toContainText('seis puntuaciones para este corte');
  await expect(chart.locator('.ex-scores-key')).toContainText('umbral de decisión de cada etiqueta');
  await chart.locator('g.row').nth(2).hover();
  await expect(chart.locator('.ex-scores-readout')).toContainText(/intraparenquimatosa: probabilidad \d\.\d{3}, logit/);
});
