/**
 * The classroom (#23 items 1 and 2): presentation mode (the map at least 80 % of the window's height,
 * keyboard shortcuts listed in a help dialog, Escape leaves, axe clean in light and dark), the
 * side-by-side compare of two labels, slices or layers, and one viewport: at 1280×800 and 390×844, in
 * English and Spanish, the map, the method choice and the scores on one screen, and a tap on a method
 * never moves the map. Against the built site on wasm; waits on data-* attributes.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { AXE_TAGS, axeSummary, expect, test } from './fixtures';

const READY = { timeout: 90_000 };

async function openMain(page: Page, path = '/', query = ''): Promise<Locator> {
  await page.goto(`${path}?backend=wasm${query}`, { waitUntil: 'commit' });
  const ex = page.locator('.lede .ex-root');
  await ex.scrollIntoViewIfNeeded(); // client:visible: nothing loads until the island is on screen
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  return ex;
}

/** Wait until the map on show is `method`'s, drawn. */
async function drawn(ex: Locator, method: string): Promise<void> {
  await expect(ex).toHaveAttribute('data-method', method, READY);
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
}

/** Whether a box lies wholly inside the viewport. */
function inside(b: { x: number; y: number; width: number; height: number } | null, vw: number, vh: number): boolean {
  return b !== null && b.y >= 0 && b.x >= 0 && b.y + b.height <= vh + 0.5 && b.x + b.width <= vw + 0.5;
}

test.describe('presentation mode', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('enters with the map at ≥ 80 % of the window height; shortcuts change method, label, layer, opacity and slice; never while typing; Escape leaves', async ({ page, problems }) => {
    const ex = await openMain(page, '/', '&seed=1004&method=gradcam&label=5&layer=layer4&opacity=0.6');
    await ex.getByRole('button', { name: 'Presentation mode' }).click();
    await expect(ex).toHaveAttribute('data-present', '');
    await expect(page.locator('html')).toHaveClass(/ex-presenting/);
    const canvas = ex.locator('.ex-figures canvas.ex-canvas');
    const box = await canvas.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(0.8 * 800);
    expect(inside(box, 1280, 800)).toBe(true);
    // The page behind is inert: nothing there takes the focus.
    await expect(page.locator('.site-header')).toHaveAttribute('inert', '');

    // Method: a digit, then next and previous.
    await page.keyboard.press('1');
    await drawn(ex, 'gradient');
    await page.keyboard.press('m');
    await drawn(ex, 'deconvnet');
    await page.keyboard.press('Shift+M');
    await drawn(ex, 'gradient');
    await page.keyboard.press('3');
    await drawn(ex, 'gradcam');
    // Label (subdural is the last: next wraps to "any"), layer (layer4 is the last: next wraps to layer1).
    const label = ex.getByLabel('Explain the score of');
    await page.keyboard.press('l');
    await expect(label).toHaveValue('0');
    await page.keyboard.press('Shift+L');
    await expect(label).toHaveValue('5');
    await page.keyboard.press('g');
    await expect(ex.getByLabel('Grad-CAM layer')).toHaveValue('layer1');
    await page.keyboard.press('Shift+G');
    await expect(ex.getByLabel('Grad-CAM layer')).toHaveValue('layer4');
    await page.keyboard.press('+');
    await expect(page).toHaveURL(/[?&]opacity=0\.7(&|$)/);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect(page).toHaveURL(/[?&]opacity=0\.5(&|$)/);
    // Slice: the next built-in slice after the subdural sample, and back.
    await page.keyboard.press('n');
    await expect(ex).toHaveAttribute('data-slice', 'phantom:1077', READY);
    await page.keyboard.press('ArrowLeft');
    await expect(ex).toHaveAttribute('data-slice', 'phantom:1004', READY);
    await drawn(ex, 'gradcam');

    // Typing in a field is typing: no shortcut fires.
    const offset = ex.getByLabel(/Offset of a 16-bit PNG/);
    await offset.focus();
    await page.keyboard.press('1');
    await page.keyboard.press('m');
    await expect(ex).toHaveAttribute('data-method', 'gradcam');
    await offset.blur();

    // The controls stay reachable: the method radios in the scrolling column still switch the map.
    const radio = ex.locator('input[type=radio][value="guided-backprop"]');
    await radio.scrollIntoViewIfNeeded();
    await radio.check();
    await drawn(ex, 'guided-backprop');
    expect((await canvas.boundingBox())?.y).toBeCloseTo(box?.y ?? 0, 0); // the map stays put while the column scrolls

    // Escape leaves; the page scrolls again and nothing is inert.
    await page.keyboard.press('Escape');
    await expect(ex).not.toHaveAttribute('data-present', '');
    await expect(page.locator('html')).not.toHaveClass(/ex-presenting/);
    await expect(page.locator('.site-header')).not.toHaveAttribute('inert', '');
    // Outside presentation mode the shortcuts work while the focus is in the explorer ("f" enters again).
    await ex.getByRole('button', { name: 'Presentation mode' }).focus();
    await page.keyboard.press('2');
    await drawn(ex, 'deconvnet');
    await page.keyboard.press('f');
    await expect(ex).toHaveAttribute('data-present', '');
    await page.keyboard.press('Escape');
    await expect(ex).not.toHaveAttribute('data-present', '');
    expect(problems).toEqual([]);
  });

  test('"?" opens the list of shortcuts, Escape closes it first, then leaves; in Spanish too', async ({ page, problems }) => {
    for (const [path, enter, title, method, leave] of [
      ['/', 'Presentation mode', 'Keyboard shortcuts', 'next / previous method', 'Leave presentation (Esc)'],
      ['/es/', 'Modo presentación', 'Atajos de teclado', 'método siguiente / anterior', 'Salir de la presentación (Esc)'],
    ] as const) {
      const ex = await openMain(page, path);
      await ex.getByRole('button', { name: enter }).click();
      await expect(ex.getByRole('button', { name: leave })).toBeVisible();
      await page.keyboard.press('?');
      const dialog = page.getByRole('dialog', { name: title });
      await expect(dialog).toBeVisible();
      // Every shortcut has its line: keys and words.
      await expect(dialog.locator('tbody tr')).toHaveCount(12);
      for (const name of ['methodN', 'method', 'label', 'layer', 'opacity', 'slice', 'compare', 'present', 'help', 'leave']) {
        await expect(dialog.locator(`tr[data-shortcut="${name}"] kbd`).first()).toBeVisible();
      }
      await expect(dialog.locator('tr[data-shortcut="method"]')).toContainText(method);
      await expect(dialog.locator('tr[data-shortcut="methodN"]')).toContainText(path === '/' ? '4 Guided Backprop' : '4 Retropropagación guiada');
      // While the list is open, its keys are its own.
      await page.keyboard.press('1');
      await expect(ex).toHaveAttribute('data-method', 'gradcam');
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(ex).toHaveAttribute('data-present', '');
      await page.keyboard.press('Escape');
      await expect(ex).not.toHaveAttribute('data-present', '');
    }
    expect(problems).toEqual([]);
  });

  test('"a" shows all five methods on one screen, none over another, and "a" again one method', async ({ page, problems }) => {
    const ex = await openMain(page);
    await ex.getByRole('button', { name: 'Presentation mode' }).click();
    await page.keyboard.press('a');
    await drawn(ex, 'grid');
    const boxes = await ex.locator('.ex-grid canvas.ex-canvas').evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes).toHaveLength(5);
    for (const [i, b] of boxes.entries()) {
      expect(inside(b, 1280, 800), `tile ${i}`).toBe(true);
      for (const o of boxes.slice(i + 1)) expect(b.right <= o.left + 0.5 || o.right <= b.left + 0.5 || b.bottom <= o.top + 0.5 || o.bottom <= b.top + 0.5, `tiles ${i} and another overlap`).toBe(true);
    }
    await page.keyboard.press('a');
    await drawn(ex, 'gradcam');
    expect(problems).toEqual([]);
  });

  test('axe finds no violations in presentation mode and in its list of shortcuts, light and dark', async ({ page }) => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const ex = await openMain(page);
      await ex.getByRole('button', { name: 'Presentation mode' }).click();
      await expect(ex).toHaveAttribute('data-present', '');
      const check = async (): Promise<string[]> => axeSummary(await new AxeBuilder({ page }).include('.lede .ex-root').withTags(AXE_TAGS).analyze());
      expect(await check(), scheme).toEqual([]);
      await page.keyboard.press('c');
      await expect(ex.locator('.ex-compare')).toHaveAttribute('data-compare-state', 'ready', READY);
      expect(await check(), `${scheme}, compare`).toEqual([]);
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await check(), `${scheme}, shortcut list`).toEqual([]);
    }
  });
});

test('compare: two labels, two slices and two layers side by side; the saved figure is the view set above (pane A)', async ({ page, problems }) => {
  const ex = await openMain(page, '/', '&seed=1004&method=gradcam&label=5&layer=layer4');
  const compare = ex.locator('.ex-compare');
  const what = ex.getByLabel('Compare', { exact: true });
  await what.selectOption('label');
  await expect(compare).toHaveAttribute('data-compare-state', 'ready', READY);
  await expect(ex.locator('.ex-pane-a canvas')).toHaveAttribute('data-drawn', 'map');
  await expect(ex.locator('.ex-pane-b canvas')).toHaveAttribute('data-drawn', 'map');
  await expect(ex.locator('.ex-pane-a figcaption')).toContainText('A · Grad-CAM · subdural · layer4 · score');
  await expect(ex.locator('.ex-pane-b figcaption')).toContainText('B · Grad-CAM · any · layer4 · score');
  await ex.getByLabel('Second label').selectOption('1');
  await expect(ex.locator('.ex-pane-b figcaption')).toContainText('B · Grad-CAM · epidural', READY);
  await expect(compare).toHaveAttribute('data-compare-state', 'ready', READY);

  // Two slices: B is another built-in slice, with its own score; A stays.
  await what.selectOption('slice');
  await ex.getByLabel('Second slice').selectOption('1082');
  await expect(ex.locator('.ex-pane-b figcaption')).toContainText('Epidural haematoma', READY);
  await expect(compare).toHaveAttribute('data-compare-state', 'ready', READY);
  await expect(ex).toHaveAttribute('data-slice', 'phantom:1004');
  // A method switch redraws both panes with the new method.
  await ex.locator('input[type=radio][value="gradient"]').check();
  await drawn(ex, 'gradient');
  await expect(compare).toHaveAttribute('data-compare-state', 'ready', READY);
  await expect(ex.locator('.ex-pane-b figure')).toHaveAttribute('data-method', 'gradient');

  // Two layers: off with its reason for a method without one, then Grad-CAM at layer4 beside layer3.
  await what.selectOption('layer');
  await expect(ex.locator('.ex-compare-controls .ex-reason')).toContainText('Only the Grad-CAMs use a layer');
  await ex.locator('input[type=radio][value="gradcam"]').check();
  await drawn(ex, 'gradcam');
  await expect(ex.locator('.ex-compare-controls .ex-reason')).toBeEmpty();
  await expect(ex.getByLabel('Second layer')).toHaveValue('layer3');
  await expect(compare).toHaveAttribute('data-compare-state', 'ready', READY);
  await expect(ex.locator('.ex-pane-b figcaption')).toContainText('B · Grad-CAM · subdural · layer3');

  // The saved figure is pane A alone, named as without the compare.
  const [download] = await Promise.all([page.waitForEvent('download'), ex.getByRole('button', { name: 'Save figure as PNG' }).click()]);
  expect(download.suggestedFilename()).toBe('gradcam-subdural-phantom-1004.png');
  expect(readFileSync(await download.path()).readUInt32BE(16)).toBe(1040);
  // "c" turns the compare off (and on again).
  await ex.getByRole('button', { name: 'Save figure as PNG' }).focus();
  await page.keyboard.press('c');
  await expect(compare).toHaveCount(0);
  await expect(what).toHaveValue('off');
  await page.keyboard.press('c');
  await expect(compare).toHaveAttribute('data-compare', 'layer');
  expect(problems).toEqual([]);
});

test('the slice shortcuts step through an open scan', async ({ page, problems }) => {
  test.setTimeout(180_000);
  const ex = await openMain(page);
  await ex.locator('button.scan-builtin').click();
  const panel = ex.locator('.scan-panel');
  await expect(panel).toHaveAttribute('data-scan-state', 'ready', READY);
  const start = Number(await panel.getAttribute('data-current'));
  await ex.getByRole('button', { name: 'Presentation mode' }).click();
  await page.keyboard.press('n');
  await expect(panel).toHaveAttribute('data-current', String(start + 1));
  await expect(ex).toHaveAttribute('data-slice', `builtin-scan:${start + 1}`);
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  await expect(panel).toHaveAttribute('data-current', String(start - 1));
  expect(problems).toEqual([]);
});

for (const d of [
  { name: 'desktop', width: 1280, height: 800, touch: false },
  { name: 'phone', width: 390, height: 844, touch: true },
] as const) {
  test.describe(`one viewport (${d.name})`, () => {
    test.use({ viewport: { width: d.width, height: d.height }, hasTouch: d.touch });
    for (const path of ['/', '/es/']) {
      test(`${path}: the map, the method choice and the scores fit on one screen, and a tap on a method never moves the map`, async ({ page, problems }) => {
        const ex = await openMain(page, path);
        const parts = { map: ex.locator('.ex-figures canvas.ex-canvas'), methods: ex.locator('fieldset.ex-methods'), scores: ex.locator('.ex-scores-chart svg') };
        // The reader scrolls to the map (again, should the page above it still move while it settles).
        await expect
          .poll(async () => {
            await ex.locator('.ex-figures').evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }));
            const y = (await parts.map.boundingBox())?.y ?? -1;
            return y >= 0 && y < 40;
          }, READY)
          .toBe(true);
        for (const [what, el] of Object.entries(parts)) {
          const b = await el.boundingBox();
          expect(inside(b, d.width, d.height), `${what} at ${JSON.stringify(b)} in ${d.width}×${d.height}`).toBe(true);
        }
        const before = await parts.map.boundingBox();
        const pageY = await page.evaluate(() => window.scrollY);
        const gradient = ex.locator('input[type=radio][value="gradient"]');
        if (d.touch) await gradient.tap();
        else await gradient.click();
        await drawn(ex, 'gradient');
        expect(await page.evaluate(() => window.scrollY)).toBe(pageY);
        const after = await parts.map.boundingBox();
        expect(after?.y).toBeCloseTo(before?.y ?? NaN, 0);
        for (const [what, el] of Object.entries(parts)) expect(inside(await el.boundingBox(), d.width, d.height), `${what} after the tap`).toBe(true);
        expect(problems).toEqual([]);
      });
    }
  });
}
