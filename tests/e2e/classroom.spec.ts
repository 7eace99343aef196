/**
 * The classroom (#23): the caution beside the scores flags what is not a brain-level head-CT slice
 * (a colour photograph here) in both languages; an 8-bit upload's window can be typed and stays in the
 * link; the language switch carries the view; the article prints without its controls; a missing page
 * has its own 404 in both languages.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const READY = { timeout: 90_000 };

async function openMain(page: Page, path = '/', query = ''): Promise<Locator> {
  await page.goto(`${path}?backend=wasm${query}`, { waitUntil: 'commit' });
  const ex = page.locator('.lede .ex-root');
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  return ex;
}

/** A 256² colour "photograph": sky, a red house with a door, grass. */
function photoPng(): Buffer {
  const png = new PNG({ width: 256, height: 256 });
  for (let y = 0; y < 256; y++) {
    for (let x = 0; x < 256; x++) {
      const house = x > 60 && x < 196 && y > 100 && y < 220;
      const door = house && x > 112 && x < 144 && y > 160;
      const c = y >= 220 ? [40, 150, 50] : door ? [60, 30, 20] : house ? [190, 50, 40] : [110, 170, 235];
      png.data.set([...c, 255], (y * 256 + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

/** The drawn head of explorer-instructor.spec.ts: a skull ring, textured brain, a bright spot (8-bit). */
function headPng(): Buffer {
  const png = new PNG({ width: 256, height: 256, colorType: 0, inputColorType: 0, bitDepth: 8 });
  for (let y = 0; y < 256; y++) {
    for (let x = 0; x < 256; x++) {
      const r = Math.hypot(x - 128, y - 128);
      png.data[y * 256 + x] = r > 110 ? 0 : r > 100 ? 255 : Math.hypot(x - 150, y - 110) < 12 ? 200 : 110 + ((x * 7 + y * 13) % 9);
    }
  }
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 });
}

async function upload(ex: Locator, name: string, buffer: Buffer): Promise<void> {
  await ex.locator('input[type=file]').setInputFiles({ name, mimeType: 'image/png', buffer });
  await expect(ex).toHaveAttribute('data-slice', new RegExp(`${name.replace('.', '\\.')}$`), READY);
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
}

test('the caution beside the scores flags a colour photograph, in English and in Spanish', async ({ page, problems }) => {
  const ex = await openMain(page);
  const caution = ex.locator('.ex-scores .ex-ood');
  await upload(ex, 'house.png', photoPng());
  await expect(caution).toHaveAttribute('data-ood', 'far');
  await expect(caution).toHaveAttribute('data-caution', /^colour\b/);
  await expect(caution).toContainText('Not like a brain-level head-CT slice: it is a colour picture, and CT slices are grey');
  await expect(ex.locator('.ex-file')).toContainText('this is a colour image');

  const es = await openMain(page, '/es/');
  await upload(es, 'casa.png', photoPng());
  await expect(es.locator('.ex-ood')).toHaveAttribute('data-ood', 'far');
  await expect(es.locator('.ex-ood')).toContainText('No parece un corte de TC de cráneo a la altura del cerebro: es una imagen en color');
  expect(problems).toEqual([]);
});

test('an 8-bit window typed by the reader re-reads the file and stays in the link (w8=L,W)', async ({ page, problems }) => {
  const ex = await openMain(page, '/', '&w8=40,120');
  await upload(ex, 'head.png', headPng());
  const file = ex.locator('.ex-file');
  // The window from the link, not an estimate.
  await expect(file).toHaveAttribute('data-window', '40,120');
  const select = ex.getByLabel('Window of an 8-bit image');
  await expect(select).toHaveValue('custom');
  await ex.getByLabel('Width (HU)').fill('100');
  await ex.getByLabel('Width (HU)').blur();
  await expect(file).toHaveAttribute('data-window', '40,100', READY);
  await expect(page).toHaveURL(/[?&]w8=40%2C100(&|$)/);
  // Back to the estimate: the parameter leaves the link.
  await select.selectOption('auto');
  await expect(file).toHaveAttribute('data-window', /estimated$/, READY);
  await expect(page).not.toHaveURL(/w8=/);
  expect(problems).toEqual([]);
});

test('the language switch carries the view (slice, method, label)', async ({ page, problems }) => {
  const ex = await openMain(page, '/', '&seed=1082&method=guided-backprop&label=1');
  const link = page.locator('.lang-switch a');
  await expect(link).toHaveAttribute('href', /^\/es\/\?.*seed=1082/);
  await expect(link).toHaveAttribute('href', /method=guided-backprop/);
  await link.click();
  await expect(page).toHaveURL(/\/es\/\?.*seed=1082.*method=guided-backprop.*label=1/);
  const es = page.locator('.lede .ex-root');
  await es.scrollIntoViewIfNeeded();
  await expect(es).toHaveAttribute('data-slice', 'phantom:1082', READY);
  await expect(es).toHaveAttribute('data-method', 'guided-backprop', READY);
  void ex;
  expect(problems).toEqual([]);
});

test('printed, the article hides every control and keeps each explorer as a figure', async ({ page, problems }, info) => {
  const ex = await openMain(page);
  await page.emulateMedia({ media: 'print' });
  await expect(ex.locator('select').first()).toBeHidden();
  await expect(ex.locator('button').first()).toBeHidden();
  await expect(ex.locator('.ex-status')).toBeHidden();
  await expect(ex.locator('.ex-figures canvas').first()).toBeVisible();
  await expect(ex.locator('.ex-figures figcaption').first()).toBeVisible();
  await expect(ex.locator('.ex-scores')).toBeVisible();
  expect(await page.locator('main select:visible, main button:visible, main input:visible').count()).toBe(0);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  console.log(`printed article: ${pages} A4 pages`);
  await info.attach('article.pdf', { body: pdf, contentType: 'application/pdf' });
  expect(pages).toBeGreaterThan(3);
  expect(problems).toEqual([]);
});

test('a missing page has its own 404, in both languages', async ({ page }) => {
  // A static host (and astro preview) answers every missing path with /404.html: English first, then Spanish.
  for (const path of ['/no-such-page', '/es/no-existe']) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.locator('.not-found h2').first()).toHaveText('Page not found');
    await expect(page.locator('.not-found [lang=es] h2')).toHaveText('Página no encontrada');
    await expect(page.locator('.not-found a[href="/"]')).toHaveCount(1);
  }
  // The Spanish page (built as /es/404/) leads in Spanish, for a host that can send it for /es/ paths.
  await page.goto('/es/404/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.locator('.not-found h2').first()).toHaveText('Página no encontrada');
});

test('the figure saves as SVG and as a 16:9 slide, the score chart as SVG, in the reader’s language', async ({ page, problems }) => {
  const ex = await openMain(page, '/es/', '&seed=1004&method=gradcam&label=5');
  const [fig] = await Promise.all([page.waitForEvent('download'), ex.getByRole('button', { name: 'Guardar la figura como SVG' }).click()]);
  expect(fig.suggestedFilename()).toBe('gradcam-subdural-phantom-1004.svg');
  const figText = readFileSync(await fig.path(), 'utf8');
  expect(figText).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(figText).toMatch(/<image [^>]*href="data:image\/png;base64,/);
  expect(figText).toContain('subdural');
  // The 16:9 slide: 1920×1080, named like the figure.
  const [slide] = await Promise.all([page.waitForEvent('download'), ex.getByRole('button', { name: /diapositiva 16:9/ }).click()]);
  expect(slide.suggestedFilename()).toBe('gradcam-subdural-phantom-1004-16x9.png');
  const png = PNG.sync.read(readFileSync(await slide.path()));
  expect([png.width, png.height]).toEqual([1920, 1080]);
  const [chart] = await Promise.all([page.waitForEvent('download'), ex.getByRole('button', { name: 'Guardar el gráfico como SVG' }).click()]);
  expect(chart.suggestedFilename()).toBe('scores.svg');
  const chartText = readFileSync(await chart.path(), 'utf8');
  expect(chartText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(chartText).not.toContain('class=');
  // Six bars, values with a decimal comma.
  expect(chartText.match(/<rect[^>]*data-label=/g)?.length).toBe(6);
  expect(chartText).toMatch(/>\d,\d{3}</);
  expect(problems).toEqual([]);
});
