/**
 * WebAssembly threads in the built site (issue #14): the preview server sends COOP/COEP, so the page is
 * cross-origin isolated and tfjs's threaded wasm build loads (src/build/tfjs-wasm-threads.ts makes it
 * survive bundling). By default the page runs half the logical cores, at most 8, but two wherever there
 * are two (defaultWasmThreads: tfjs alone would run one there; src/model/backend.ts lifts its cap).
 * `?threads=2` runs two, `?threads=1` one, saying why. Threaded and single-thread runs give the same
 * scores and the same Grad-CAM picture.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const READY = { timeout: 90_000 };

async function openMain(page: Page, query: string): Promise<Locator> {
  await page.goto(`/?backend=wasm${query}`, { waitUntil: 'commit' });
  const ex = page.locator('.lede .ex-root');
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  await ex.locator('input[type=radio][value="gradcam"]').check();
  await expect(ex).toHaveAttribute('data-method', 'gradcam', READY);
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  await expect(ex.locator('canvas.ex-canvas')).toHaveAttribute('data-drawn', 'map');
  return ex;
}

const pixels = (ex: Locator): Promise<number[]> =>
  ex.locator('canvas.ex-canvas').evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? []));

test('threads on an isolated page, two or one on request, the same scores and map either way', async ({ page, problems }) => {
  const wasm: string[] = [];
  page.on('request', (r) => {
    if (/\.wasm$/.test(r.url())) wasm.push(r.url());
  });
  const ex = await openMain(page, '');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const expected = Math.min(8, Math.max(Math.min(2, cores), Math.floor(cores / 2)));
  const threads = ex.locator('.ex-threads');
  await expect(threads).toHaveAttribute('data-threads', String(expected));
  if (expected > 1) await expect(threads).toHaveText(` (${expected} threads)`);
  else await expect(threads).toContainText('1 thread: this browser reports one logical core');
  expect(wasm.some((u) => /threaded-simd[^/]*\.wasm$/.test(u)), `the threaded binary is the one fetched (${wasm.join(', ')})`).toBe(true);

  const two = await openMain(page, '&threads=2');
  await expect(two.locator('.ex-threads')).toHaveAttribute('data-threads', String(Math.min(2, cores)));
  const scores = await two.locator('.ex-scores').getAttribute('data-scores');
  const map = await pixels(two);

  const one = await openMain(page, '&threads=1');
  await expect(one.locator('.ex-threads')).toHaveAttribute('data-threads', '1');
  await expect(one.locator('.ex-threads')).toContainText('1 thread: as asked by ?threads=1');
  expect(await one.locator('.ex-scores').getAttribute('data-scores')).toBe(scores);
  const map1 = await pixels(one);
  expect(map1.length).toBe(map.length);
  let worst = 0;
  for (let i = 0; i < map.length; i++) worst = Math.max(worst, Math.abs((map[i] as number) - (map1[i] as number)));
  expect(worst, 'largest colour difference between the threaded and single-thread Grad-CAM').toBeLessThanOrEqual(1);
  expect(problems).toEqual([]);
});

test('a bad ?threads= value is said plainly and ignored, a count beyond the cores is lowered and said, and the model runs', async ({ page, problems }) => {
  const bad = await openMain(page, '&threads=zero');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const byDefault = Math.min(8, Math.max(Math.min(2, cores), Math.floor(cores / 2)));
  await expect(bad.locator('.ex-threads')).toHaveAttribute('data-threads', String(byDefault));
  await expect(bad.locator('.ex-threads')).toContainText('?threads=zero ignored: use a whole number from 1 to 64');

  const many = await openMain(page, '&threads=64');
  const most = Math.min(8, cores);
  await expect(many.locator('.ex-threads')).toHaveAttribute('data-threads', String(most));
  if (most > 1) await expect(many.locator('.ex-threads')).toHaveText(` (${most} threads: 64 asked for; no more run than the logical cores this browser reports, at most 8)`);

  await page.goto('/es/?backend=wasm&threads=cero', { waitUntil: 'commit' });
  const es = page.locator('.lede .ex-root');
  await es.scrollIntoViewIfNeeded();
  await expect(es).toHaveAttribute('data-state', 'ready', READY);
  await expect(es.locator('.ex-threads')).toContainText('?threads=cero no se tiene en cuenta: use un número entero de 1 a 64');
  expect(problems).toEqual([]);
});
