/** The model's shards are kept in the Cache API: a return visit downloads none of them again (issue #14). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const READY = { timeout: 90_000 };

async function ready(page: Page): Promise<void> {
  const ex = page.locator('.lede .ex-root');
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
}

test('a return visit fetches model.json but no shard', async ({ page }) => {
  test.skip(!existsSync(join(process.cwd(), 'models/resnet34/model.json')), 'no trained model ships in this build');
  const shards: string[] = [];
  page.on('request', (r) => {
    if (/models\/resnet34\/.*\.bin$/.test(r.url())) shards.push(r.url());
  });
  await page.goto('/?backend=wasm', { waitUntil: 'commit' });
  await ready(page);
  const first = shards.length;
  expect(first).toBeGreaterThan(0);
  await page.reload({ waitUntil: 'commit' });
  await ready(page);
  await expect(page.locator('.lede .ex-root')).toHaveAttribute('data-weights', 'trained');
  expect(shards.length).toBe(first);
});
