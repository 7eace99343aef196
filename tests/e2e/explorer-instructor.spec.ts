/**
 * The explorer as an instructor's instrument (issue 13): a chart that explains itself, honest links,
 * outlines with a key, controls that say why they are off, no layout shift between methods, and
 * figures fit for slides. Against the built site on wasm; waits on data-* state attributes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { copyFileSync, mkdirSync } from 'node:fs';
import { PNG } from 'pngjs';
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

/** A 256² 8-bit greyscale PNG of a drawn head (skull ring, brain, a bright blob): an upload without a mask. */
function headPng(): Buffer {
  const png = new PNG({ width: 256, height: 256, colorType: 0, inputColorType: 0, bitDepth: 8 });
  for (let y = 0; y < 256; y++) {
    for (let x = 0; x < 256; x++) {
      const r = Math.hypot(x - 128, y - 128);
      const v = r > 110 ? 0 : r > 100 ? 255 : Math.hypot(x - 150, y - 110) < 12 ? 200 : 110 + ((x * 7 + y * 13) % 9);
      png.data[y * 256 + x] = v;
    }
  }
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 });
}

/** A 256² 8-bit PNG of a disc filled with a sinusoidal texture: head-sized, nothing like a CT slice. */
function texturePng(): Buffer {
  const png = new PNG({ width: 256, height: 256, colorType: 0, inputColorType: 0, bitDepth: 8 });
  for (let y = 0; y < 256; y++) {
    for (let x = 0; x < 256; x++) {
      png.data[y * 256 + x] = Math.hypot(x - 128, y - 128) > 110 ? 0 : Math.round(128 + 100 * Math.sin(x / 5) * Math.cos(y / 7));
    }
  }
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 });
}

/** Load the drawn head as the reader's file. */
async function uploadHead(ex: Locator): Promise<void> {
  await ex.locator('input[type=file]').setInputFiles({ name: 'my-head.png', mimeType: 'image/png', buffer: headPng() });
  await expect(ex).toHaveAttribute('data-slice', /^file:\d+:my-head\.png$/, READY);
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
}

test('the score chart has a title, a key for its threshold ticks, and the probability and logit on hover, on focus and as a table', async ({ page, problems }) => {
  const ex = await openMain(page);
  const chart = ex.locator('.ex-scores');
  await expect(chart.locator('.ex-scores-title')).toContainText('six scores for this slice');
  await expect(chart.locator('.ex-scores-key')).toContainText(/decision threshold of each label, (chosen on validation phantoms|where sensitivity \+ specificity is highest on validation slices)/);
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
  await expect(chart.locator('.ex-scores-readout')).toContainText(/intraparenquimatosa: probabilidad \d,\d{3}, logit/);
});

test('Copy a link with a loaded file says plainly that the file cannot travel, and which slice the link shows', async ({ page, context, problems }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const ex = await openMain(page, '&seed=1082&method=gradient');
  const copy = ex.getByRole('button', { name: 'Copy a link to this view' });
  await expect(ex.locator('.ex-link-hint')).toHaveCount(0);
  await uploadHead(ex);
  // Before any click, beside the button (and as its description).
  const hint = ex.locator('.ex-link-hint');
  await expect(hint).toContainText('A link cannot carry your file');
  await expect(hint).toContainText('Epidural haematoma');
  await expect(copy).toHaveAttribute('aria-describedby', (await hint.getAttribute('id')) ?? '');
  await copy.click();
  const status = ex.locator('.ex-status');
  await expect(status).toContainText('Link copied, without your file: a local file cannot travel in a link');
  await expect(status).toContainText('“Phantom: Epidural haematoma”, not on your file');
  await expect(status).not.toContainText('Link copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('seed=1082');
  expect(copied).toContain('method=gradient');
  // Back on a built-in slice: the plain message, and the hint is gone.
  await ex.locator('select').first().selectOption('1004');
  await expect(ex).toHaveAttribute('data-slice', 'phantom:1004', READY);
  await expect(ex.locator('.ex-link-hint')).toHaveCount(0);
  await copy.click();
  await expect(status).toContainText('Link copied to the clipboard.');
  expect(problems).toEqual([]);
});

test('Copy a link with a loaded file says so in Spanish, even without a clipboard', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
  const ex = await openMain(page, '', '/es/');
  await uploadHead(ex);
  await ex.getByRole('button', { name: 'Copiar un enlace a esta vista' }).click();
  await expect(ex.locator('.ex-status')).toContainText('Un enlace no puede llevar su archivo');
  await expect(ex.locator('.ex-status')).toContainText('«Fantoma: Hematoma subdural»');
});

/** How many pixels of the figure's canvas have exactly this colour. */
async function countColour(canvas: Locator, rgb: readonly [number, number, number]): Promise<number> {
  return canvas.evaluate((c: HTMLCanvasElement, [r, g, b]) => {
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] === r && d[i + 1] === g && d[i + 2] === b) n++;
    return n;
  }, rgb);
}

const MAGENTA = [255, 0, 220] as const; // epidural
const ORANGE = [255, 120, 0] as const; // subdural
const YELLOW = [255, 230, 0] as const; // intraventricular

test('every subtype outline shows in its own colour with a key, the explained label emphasised; off with a reason for an upload', async ({ page, problems }) => {
  // Random phantom 2045 holds an epidural, an intraventricular and a subdural bleed.
  const ex = await openMain(page, '&seed=2045&method=gradcam&label=5&mask=1');
  const key = ex.locator('.ex-outline-key');
  await expect(key).toHaveAttribute('data-subtypes', 'epidural,intraventricular,subdural');
  await expect(key.locator('li[data-emphasis=true]')).toHaveAttribute('data-subtype', 'subdural');
  await expect(key.locator('li[data-emphasis=true]')).toContainText('the label explained');
  const canvas = ex.locator('canvas.ex-canvas');
  const thin = { epidural: await countColour(canvas, MAGENTA), subdural: await countColour(canvas, ORANGE), ivh: await countColour(canvas, YELLOW) };
  // Every outline is drawn, not only the explained label's (the issue: an epidural under "subdural" showed none).
  expect(thin.epidural).toBeGreaterThan(10);
  expect(thin.ivh).toBeGreaterThan(10);
  expect(thin.subdural).toBeGreaterThan(thin.epidural);
  // Explaining "epidural" instead: its outline becomes the thick one.
  await ex.getByLabel('Explain the score of').selectOption('1');
  await expect(key.locator('li[data-emphasis=true]')).toHaveAttribute('data-subtype', 'epidural');
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  expect(await countColour(canvas, MAGENTA)).toBeGreaterThan(1.5 * thin.epidural);
  // "any" emphasises all of them.
  await ex.getByLabel('Explain the score of').selectOption('0');
  await expect(key.locator('li[data-emphasis=true]')).toHaveCount(3);
  // An upload has no mask: the checkbox is off, disabled, and says why; no key.
  const box = ex.getByLabel('Show the ground-truth bleed outline');
  await expect(box).toBeEnabled();
  await uploadHead(ex);
  await expect(box).toBeDisabled();
  await expect(box).not.toBeChecked();
  const reason = ex.locator(`#${await box.getAttribute('aria-describedby')}`);
  await expect(reason).toBeVisible();
  await expect(reason).toContainText('your file has no ground-truth mask');
  await expect(key).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('the colour-map control is disabled with a reason where it has no effect (signed per-window views)', async ({ page }) => {
  const ex = await openMain(page, '&method=gradient&view=aggregate');
  const cmap = ex.getByLabel('Colour map');
  await expect(cmap).toBeEnabled();
  await ex.getByLabel('Gradient view').selectOption('0');
  await expect(cmap).toBeDisabled();
  const reason = ex.locator(`#${await cmap.getAttribute('aria-describedby')}`);
  await expect(reason).toContainText('signed views always use blue–red');
  for (const m of ['deconvnet', 'guided-backprop', 'guided-gradcam']) {
    await ex.locator(`input[type=radio][value="${m}"]`).check();
    await expect(cmap).toBeDisabled();
  }
  await ex.locator('input[type=radio][value="gradcam"]').check();
  await expect(cmap).toBeEnabled();
  await expect(reason).toBeEmpty();
  await ex.getByRole('button', { name: 'Compare all methods' }).click();
  await expect(cmap).toBeEnabled(); // the grid's Grad-CAM and Σ|g| tiles use it
});

test('outlines and disabled controls say why in Spanish', async ({ page }) => {
  const ex = await openMain(page, '&seed=2045&method=guided-backprop&view=2', '/es/');
  await expect(ex.locator('.ex-outline-key')).toContainText('Contornos reales');
  await expect(ex.locator('.ex-outline-key')).toContainText('la etiqueta explicada');
  const cmap = ex.getByLabel('Mapa de color');
  await expect(cmap).toBeDisabled();
  await expect(ex.locator(`#${await cmap.getAttribute('aria-describedby')}`)).toContainText('siempre azul–rojo');
  await expect(ex.getByLabel('Capa de Grad-CAM')).toBeDisabled();
  await expect(ex).toContainText('Desactivado: solo los Grad-CAM usan capa.');
  await uploadHead(ex);
  await expect(ex.getByLabel('Mostrar el contorno real del sangrado')).toBeDisabled();
  await expect(ex).toContainText('su archivo no tiene máscara real');
});

const METHODS = ['gradient', 'deconvnet', 'gradcam', 'guided-backprop', 'guided-gradcam'] as const;

/** Switch methods without scrolling (a script click, no pointer input); the explorer's height after each. */
async function heightsOverMethods(ex: Locator): Promise<number[]> {
  const heights: number[] = [];
  for (const m of [...METHODS, 'gradcam', 'gradient'] as const) {
    await ex.locator(`input[type=radio][value="${m}"]`).evaluate((el: HTMLInputElement) => el.click());
    await expect(ex).toHaveAttribute('data-method', m, READY);
    await expect(ex).toHaveAttribute('data-state', 'ready', READY);
    heights.push((await ex.boundingBox())?.height ?? 0);
  }
  return heights;
}

for (const d of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const) {
  test(`switching methods never moves the page (${d.name}): one height, no layout-shift entries`, async ({ page }) => {
    await page.setViewportSize({ width: d.width, height: d.height });
    const ex = await openMain(page, '&seed=2045&label=5');
    // Put the explorer's lower edge mid-screen: the article after it is in view, so any change of the
    // explorer's height, or of anything inside it, would be a layout shift.
    await page.evaluate(() => {
      const r = document.querySelector('.lede .ex-root')?.getBoundingClientRect();
      if (r) window.scrollBy(0, r.bottom - innerHeight / 2);
    });
    await page.evaluate(() => {
      const w = window as unknown as { shifts: { value: number; nodes: string[] }[] };
      w.shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; sources?: { node?: Node | null }[] }[]) {
          w.shifts.push({ value: e.value, nodes: (e.sources ?? []).map((s) => (s.node instanceof Element ? `${s.node.tagName}.${s.node.className}` : `${s.node?.nodeName ?? ""} in ${s.node?.parentElement?.tagName ?? ""}.${s.node?.parentElement?.className ?? ""} "${(s.node?.textContent ?? "").slice(0, 30)}"`)) });
        }
      }).observe({ type: 'layout-shift', buffered: false });
    });
    const heights = await heightsOverMethods(ex);
    await page.waitForTimeout(300); // let the observer deliver the last frame's entries
    const shifts = await page.evaluate(() => (window as unknown as { shifts: unknown[] }).shifts);
    expect(shifts).toEqual([]);
    expect(Math.max(...heights) - Math.min(...heights)).toBeLessThanOrEqual(0.5);
  });
}

test('the comparison grid counts its maps, in the explorer and in the article heading', async ({ page }) => {
  const ex = await openMain(page);
  await ex.getByRole('button', { name: 'Compare all methods' }).click();
  await expect(ex).toHaveAttribute('data-method', 'grid', READY);
  await expect(ex.locator('canvas.ex-canvas')).toHaveCount(5);
  await expect(ex.locator('.ex-grid-title')).toHaveText('Five maps of one decision: the score of “subdural” on this slice');
  await expect(page.locator('#comparison h2').first()).toHaveText('Five pictures of one decision');
  await page.goto('/es/?backend=wasm', { waitUntil: 'commit' });
  await expect(page.locator('#comparison h2').first()).toHaveText('Cinco imágenes de una misma decisión');
  const grid = page.locator('#comparison .ex-root');
  await grid.scrollIntoViewIfNeeded();
  await expect(grid.locator('.ex-grid-title')).toContainText('Cinco mapas de una misma decisión');
  await expect(grid.locator('canvas.ex-canvas')).toHaveCount(5);
});

test('a forced backend that runs in software says so on the backend line', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?backend=webgl', { waitUntil: 'commit' });
  const ex = page.locator('.lede .ex-root');
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-backend', 'webgl', READY);
  await expect(ex.locator('.ex-backend')).toContainText(/WebGL renders in software \(.*\): this browser has no usable GPU here, so this backend runs in software, many times slower than wasm/);
  // wasm, the automatic choice here, has no such note.
  await openMain(page);
  await expect(page.locator('.lede .ex-root .ex-software')).toHaveCount(0);
});

/** Click Save figure; the downloaded PNG decoded, and its suggested name. */
async function savedFigure(page: Page, ex: Locator): Promise<{ name: string; png: PNG; path: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), ex.getByRole('button', { name: /^(Save figure as PNG|Guardar la figura como PNG)$/ }).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), png: PNG.sync.read(readFileSync(path)), path };
}

/** Pixels darker than mid grey in a device-pixel rectangle (text on the white page). */
function ink(png: PNG, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if ((png.data[(y * png.width + x) * 4] ?? 255) < 128) n++;
  return n;
}

/** Distinct colours along one device-pixel row from x0 to x1. */
function colourCount(png: PNG, y: number, x0: number, x1: number): number {
  const seen = new Set<number>();
  for (let x = x0; x < x1; x++) {
    const i = (y * png.width + x) * 4;
    seen.add(((png.data[i] ?? 0) << 16) | ((png.data[i + 1] ?? 0) << 8) | (png.data[i + 2] ?? 0));
  }
  return seen.size;
}

test('Save figure exports the grid as one labelled figure at 2×: a title, text over every tile, a colour scale under each, a footer', async ({ page, problems }) => {
  const ex = await openMain(page, '&seed=2045&label=5&grid=1');
  await expect(ex).toHaveAttribute('data-method', 'grid', READY);
  const { name, png, path } = await savedFigure(page, ex);
  expect(name).toBe('all-methods-subdural-phantom-2045.png');
  // Keep one for a person to look at.
  mkdirSync('test-results/figures', { recursive: true });
  copyFileSync(path, `test-results/figures/${name}`);
  const S = 2;
  const TILE = 224 * S;
  const left = 16 * S;
  const step = (224 + 14) * S;
  expect(png.width).toBe(S * (2 * 16 + 5 * 224 + 4 * 14));
  // The colour scale under the first image: rows of a ramp of many colours, the same 8 device rows lower.
  const same = (y: number, dy: number, x0: number): boolean => {
    for (let x = x0; x < x0 + TILE; x++) for (let c = 0; c < 3; c++) if (png.data[(y * png.width + x) * 4 + c] !== png.data[((y + dy) * png.width + x) * 4 + c]) return false;
    return true;
  };
  let bar = 100 * S;
  while (bar < png.height - 10 && !(colourCount(png, bar, left, left + TILE) > 100 && same(bar, 8, left))) bar++;
  expect(bar).toBeLessThan(png.height - 10);
  const top = bar - 6 * S - TILE; // the images end 6 units above their scale
  expect(top).toBeGreaterThan(60 * S);
  // A title across the top, and a caption (method, label, layer or view) above each of the five images.
  expect(ink(png, left, 0, png.width - left, 24 * S)).toBeGreaterThan(300);
  for (let i = 0; i < 5; i++) {
    const x = left + i * step;
    expect(ink(png, x, 60 * S, x + TILE, top - 2)).toBeGreaterThan(200);
    // The image: a CT slice (many colours along its middle row).
    expect(colourCount(png, top + TILE / 2, x, x + TILE)).toBeGreaterThan(20);
    // The colour scale under each image: a ramp of many colours, constant down the bar.
    expect(colourCount(png, bar + 2, x, x + TILE)).toBeGreaterThan(100);
    expect(same(bar + 1, 8, x)).toBe(true);
    // Its tick texts below it ("0" … "1 = …").
    expect(ink(png, x, bar + 10 * S, x + TILE, bar + 24 * S)).toBeGreaterThan(50);
  }
  // Below the tiles: the outline key and the footer (model, link, caution).
  expect(ink(png, left, bar + 50 * S, png.width - left, png.height - 8)).toBeGreaterThan(1000);
  expect(problems).toEqual([]);
});

test('Save figure names a single map by method, label and slice, and an upload by its file name', async ({ page }) => {
  const ex = await openMain(page, '&seed=1082&method=guided-backprop&label=1', '/es/');
  const one = await savedFigure(page, ex);
  expect(one.name).toBe('guided-backprop-epidural-phantom-1082.png');
  expect(one.png.width).toBe(1040);
  await uploadHead(ex);
  const file = await savedFigure(page, ex);
  expect(file.name).toBe('guided-backprop-epidural-my-head.png');
});

test('an out-of-distribution caution beside the chart: quiet on a phantom, plain words on a slice far from the training data', async ({ page, problems }) => {
  test.skip(!existsSync('models/resnet34/ood.json'), 'models/resnet34/ood.json (npx tsx src/cli/ood-reference.ts) is absent');
  const ex = await openMain(page);
  const caution = ex.locator('.ex-ood');
  await expect(caution).toHaveAttribute('data-ood', 'near');
  await expect(caution).toContainText(/Near the training data: distance \d+\.\d, below the flag at \d+\.\d/);
  // A drawn head (skull ring, brain, a bright spot) looks like the phantoms the network learned from.
  await uploadHead(ex);
  await expect(caution).toHaveAttribute('data-ood', 'near');
  // A textured disc does not.
  await ex.locator('input[type=file]').setInputFiles({ name: 'texture.png', mimeType: 'image/png', buffer: texturePng() });
  await expect(ex).toHaveAttribute('data-slice', /texture\.png$/, READY);
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  await expect(caution).toHaveAttribute('data-ood', 'far');
  // Flagged by the feature distance or, first, by the brain-level head-CT check (no skull ring): either way in plain words.
  await expect(caution).toContainText(/Far from the training data\.|Not like a brain-level head-CT slice/);
  await expect(caution).toContainText(/[Ii]ts scores may mean nothing here/);
  // In the saved figure's name nothing changes; the caution is in its subtitle (checked in the unit test).
  await page.goto('/es/?backend=wasm', { waitUntil: 'commit' });
  const es = page.locator('.lede .ex-root');
  await es.scrollIntoViewIfNeeded();
  await expect(es).toHaveAttribute('data-state', 'ready', READY);
  await es.locator('input[type=file]').setInputFiles({ name: 'texture.png', mimeType: 'image/png', buffer: texturePng() });
  await expect(es).toHaveAttribute('data-slice', /texture\.png$/, READY);
  await expect(es.locator('.ex-ood')).toHaveAttribute('data-ood', 'far');
  expect(problems).toEqual([]);
});
