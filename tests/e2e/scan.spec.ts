/**
 * Whole scans in the explorer (#22): several files, a ZIP, two series and files that are not slices,
 * loaded through the one file input (multiple), ordered by position, scrolled, scored along the scan.
 * DICOMs are made here with the unit tests' writer (dcmjs), so expected orders are known exactly.
 * Waits only on data-* attributes.
 */
import { zipSync } from 'fflate';
import type { Locator, Page } from '@playwright/test';
import { writeDicom } from '../unit/ct/write-dicom';
import { expect, test } from './fixtures';

const READY = { timeout: 120_000 };
const SERIES_A = '1.2.826.0.1.3680043.2.1125.500';
const SERIES_B = '1.2.826.0.1.3680043.2.1125.600';

/** A 64×64 head-like slice: air, a bone ring, brain whose radius follows k. */
function headSlice(k: number, z: number, series = SERIES_A): Buffer {
  const n = 64;
  const stored = Array.from({ length: n * n }, (_, i) => {
    const r = Math.hypot((i % n) - 32, Math.floor(i / n) - 32);
    const hu = r < 14 + (k % 8) ? 35 : r < 18 + (k % 8) ? 1200 : -1000;
    return hu + 1024;
  });
  const bytes = writeDicom({
    rows: n,
    cols: n,
    stored,
    intercept: '-1024',
    slope: '1',
    pixelSpacing: [0.5, 0.5],
    extra: { SeriesInstanceUID: series, ImagePositionPatient: [-16, -16, z], ImageOrientationPatient: [1, 0, 0, 0, 1, 0], InstanceNumber: 100 - k },
  });
  return Buffer.from(bytes);
}

/** 30 slices 5 mm apart, names that carry no order, listed shuffled (a fixed permutation). */
const NAMES = Array.from({ length: 30 }, (_, k) => `IMG${String((k * 7919) % 1000).padStart(3, '0')}.dcm`);
const SHUFFLE = Array.from({ length: 30 }, (_, i) => (i * 11) % 30);
const thirty = () => SHUFFLE.map((k) => ({ name: NAMES[k] as string, mimeType: 'application/dicom', buffer: headSlice(k, -40 + 5 * k) }));

async function openMain(page: Page): Promise<Locator> {
  await page.goto('/?backend=wasm', { waitUntil: 'commit' });
  const ex = page.locator('.lede .ex-root');
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  return ex;
}

test('a shuffled folder of DICOMs with a second series and a non-image file: right order, both series listed, the file named, scored along the scan, scrolled', async ({ page, problems }) => {
  test.setTimeout(240_000);
  const ex = await openMain(page);
  const other = [2, 0, 1].map((k) => ({ name: `B${k}.dcm`, mimeType: 'application/dicom', buffer: headSlice(k, 3 * k, SERIES_B) }));
  const notes = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('patient moved during the scan\n') };
  await ex.locator('input[type=file]').setInputFiles([...thirty(), notes, ...other]);
  const panel = ex.locator('.scan-panel');
  await expect(panel).toHaveAttribute('data-scan-state', 'ready', READY);
  await expect(panel).toHaveAttribute('data-series', '2');
  await expect(panel).toHaveAttribute('data-slices', '30');
  await expect(panel.locator('.scan-order li')).toHaveText(NAMES);
  await expect(panel.locator('#scan-series option')).toHaveCount(2);
  await expect(panel.locator('.scan-notes')).toContainText('2 series found; showing the largest (30 slices)');
  await expect(panel.locator('.scan-skipped li[data-file="notes.txt"]')).toHaveAttribute('data-code', 'not-image');
  // The middle slice is on show in the explorer, and its maps are drawn.
  await expect(panel).toHaveAttribute('data-current', '15');
  await expect(ex).toHaveAttribute('data-slice', new RegExp(`^scan:\\d+:15:${NAMES[15]}$`));
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  // Every slice scored, and the strip drawn with six rows.
  await expect(panel).toHaveAttribute('data-scored', '30', READY);
  await expect(panel.locator('svg.scan-strip .strip-row')).toHaveCount(6);
  await expect(panel.locator('.scan-level li')).toHaveCount(6);
  // Scroll: the slider's arrow key, then the strip's.
  await panel.locator('#scan-slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect(panel).toHaveAttribute('data-current', '16');
  await expect(panel.locator('.scan-file')).toHaveText(NAMES[16] as string);
  await panel.locator('svg.scan-strip').focus();
  await page.keyboard.press('Home');
  await expect(panel).toHaveAttribute('data-current', '0');
  await expect(ex).toHaveAttribute('data-slice', new RegExp(`:0:${NAMES[0]}$`));
  // The other series.
  await panel.locator('#scan-series').selectOption('1');
  await expect(panel).toHaveAttribute('data-slices', '3', READY);
  await expect(panel.locator('.scan-order li')).toHaveText(['B0.dcm', 'B1.dcm', 'B2.dcm']);
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  expect(problems).toEqual([]);
});

test('a real drop event with the shuffled slices and a PDF report among them: same order, the report named, nothing dropped silently', async ({ page, problems }) => {
  test.setTimeout(180_000);
  const ex = await openMain(page);
  const files = [...thirty(), { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% a radiology report\n') }];
  // The bytes go into the page as Files in a DataTransfer, and the drop zone gets dragover and drop as the reader's drag would give them.
  const dt = await page.evaluateHandle((list: { name: string; type: string; bytes: number[] }[]) => {
    const d = new DataTransfer();
    for (const f of list) d.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    return d;
  }, files.map((f) => ({ name: f.name, type: f.mimeType, bytes: [...f.buffer] })));
  const zone = ex.locator('.ex-drop');
  await zone.dispatchEvent('dragover', { dataTransfer: dt });
  await zone.dispatchEvent('drop', { dataTransfer: dt });
  const panel = ex.locator('.scan-panel');
  await expect(panel).toHaveAttribute('data-scan-state', 'ready', READY);
  await expect(panel).toHaveAttribute('data-slices', '30');
  await expect(panel.locator('.scan-order li')).toHaveText(NAMES);
  await expect(panel.locator('.scan-skipped li[data-file="report.pdf"]')).toHaveAttribute('data-code', 'pdf');
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  expect(problems).toEqual([]);
});

test('a ZIP of the shuffled slices loads in the same order; a corrupt ZIP beside it is named', async ({ page, problems }) => {
  test.setTimeout(180_000);
  const ex = await openMain(page);
  const zip = zipSync(Object.fromEntries(thirty().map((f) => [`export/${f.name}`, new Uint8Array(f.buffer)])));
  const broken = Buffer.from(zip.slice(0, 4000));
  await ex.locator('input[type=file]').setInputFiles([
    { name: 'scan.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) },
    { name: 'broken.zip', mimeType: 'application/zip', buffer: broken },
  ]);
  const panel = ex.locator('.scan-panel');
  await expect(panel).toHaveAttribute('data-scan-state', 'ready', READY);
  await expect(panel.locator('.scan-order li')).toHaveText(NAMES.map((n) => `scan.zip/export/${n}`));
  await expect(panel.locator('.scan-skipped li[data-file="broken.zip"]')).toHaveAttribute('data-code', 'corrupt-zip');
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  expect(problems).toEqual([]);
});

test('the built-in scan: not fetched before the pick; a real head base to vertex with its painted bleed outlined and shaded on the strip; scored and scrolled', async ({ page, problems }) => {
  test.setTimeout(240_000);
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('builtin-scan')) fetched.push(r.url());
  });
  const ex = await openMain(page);
  // The first load stays light: the scan (2.5 MB) is not asked for until the reader picks it.
  expect(fetched).toEqual([]);
  await ex.locator('button.scan-builtin').click();
  const panel = ex.locator('.scan-panel');
  await expect(panel).toHaveAttribute('data-scan-state', 'ready', READY);
  expect(fetched).toHaveLength(1);
  await expect(panel).toHaveAttribute('data-slices', '86');
  await expect(panel.locator('.scan-about')).toContainText('University of North Carolina');
  // It opens on the slice where the bleed is largest: a subdural, outlined in the explorer.
  await expect(ex).toHaveAttribute('data-slice', /^builtin-scan:\d+$/);
  await expect(ex.locator('.ex-outline-key')).toHaveAttribute('data-subtypes', 'subdural');
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  await expect(ex.locator('.ex-picker select').first()).toContainText('Built-in head CT (UNC), slice');
  // The strip shades the painted slices in the any and subdural rows only.
  await expect(panel.locator('svg.scan-strip .strip-row')).toHaveCount(6);
  const shaded = await panel.locator('svg.scan-strip .strip-row').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('.strip-truth').length));
  expect(shaded).toEqual([32, 0, 0, 0, 0, 32]);
  await expect(panel).not.toHaveAttribute('data-scored', '0', READY);
  // Down to the skull base with Home: no bleed there, so no outline.
  await panel.locator('svg.scan-strip').focus();
  await page.keyboard.press('Home');
  await expect(panel).toHaveAttribute('data-current', '0');
  await expect(ex).toHaveAttribute('data-slice', 'builtin-scan:0');
  await expect(ex.locator('.ex-outline-key')).toHaveAttribute('data-subtypes', '');
  // The skull base is no brain-level slice: the caution flags it, and the strip marks it with a diamond.
  await expect(panel).not.toHaveAttribute('data-cautioned', '0', READY);
  await expect(panel.locator('svg.scan-strip .strip-caution path').first()).toBeAttached();
  await expect(panel.locator('.ex-hint').filter({ hasText: 'Diamonds:' })).toBeVisible();
  // The wheel over the image scrolls up the head.
  await ex.locator('.ex-figures').hover();
  await page.mouse.wheel(0, 120);
  await expect(panel).toHaveAttribute('data-current', '1');
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  expect(fetched).toHaveLength(1);
  expect(problems).toEqual([]);
});
