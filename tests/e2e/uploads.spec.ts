/**
 * The reader's own files in the built site (wasm backend): the decoding cases of ../shared/cases/
 * each give their right value through the upload path, compressed DICOM loads its codec on demand,
 * the 8-bit window choice re-reads the image on show, and errors come in the page's language.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Locator, Page } from '@playwright/test';
import { CASES_DIR, REAL_DICOM_DIR } from '../shared-data';
import { expect, test } from './fixtures';

const READY = { timeout: 90_000 };
const DICOM = join(REAL_DICOM_DIR, '049_21.dcm');
const haveGdcm = ((): boolean => {
  try {
    execFileSync('which', ['gdcmconv'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

async function openMain(page: Page, path = '/'): Promise<Locator> {
  await page.goto(`${path}?backend=wasm`, { waitUntil: 'commit' });
  const ex = page.locator('.lede .ex-root');
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  return ex;
}

async function upload(ex: Locator, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const before = await ex.getAttribute('data-slice');
  await ex.locator('input[type=file]').setInputFiles(file);
  await expect(ex).not.toHaveAttribute('data-slice', before ?? '', READY);
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
}

const range = async (ex: Locator): Promise<number[]> => ((await ex.locator('.ex-file').getAttribute('data-hu-range')) ?? '').split(',').map(Number);

test.describe('decoding cases through the upload', () => {
  test.skip(!existsSync(CASES_DIR), `${CASES_DIR} is absent`);

  test('each case file gives the right value', async ({ page, problems }) => {
    const ex = await openMain(page);
    const file = ex.locator('.ex-file');

    await upload(ex, join(CASES_DIR, 'enhanced-ct-rescale-in-functional-groups.dcm'));
    expect(await range(ex)).toEqual([40, 40]);

    await upload(ex, join(CASES_DIR, 'pixel-padding-unsigned.dcm'));
    expect(await range(ex)).toEqual([-1024, 40]);

    await upload(ex, join(CASES_DIR, 'anisotropic-spacing.dcm'));
    await expect(file).toHaveAttribute('data-size', '4x8');
    await expect(file).toHaveAttribute('data-square-size', '8x8');

    await upload(ex, join(CASES_DIR, 'exif-orientation-6.jpg'));
    await expect(file).toHaveAttribute('data-size', '16x32');

    await upload(ex, join(CASES_DIR, 'alpha-transparent-background.png'));
    expect((await range(ex))[0]).toBeLessThanOrEqual(-1000);
    await expect(file).toHaveAttribute('data-warnings', /alpha-composited/);
    await expect(ex.locator('.ex-warnings')).toContainText('transparent');

    // Two files with one name stay two slices.
    const a = join(CASES_DIR, 'same-name-two-folders/series1/IM0001.dcm');
    const b = join(CASES_DIR, 'same-name-two-folders/series2/IM0001.dcm');
    await upload(ex, a);
    const keyA = await ex.getAttribute('data-slice');
    await upload(ex, b);
    expect(await ex.getAttribute('data-slice')).not.toBe(keyA);
    expect(problems).toEqual([]);
  });
});

test('compressed DICOM (JPEG-LS, JPEG 2000, RLE) loads its codec on demand and reads the same HU', async ({ page, problems }) => {
  test.skip(!existsSync(DICOM) || !haveGdcm, 'needs the CT-ICH slice and gdcmconv (apt libgdcm-tools)');
  const ex = await openMain(page);
  await upload(ex, DICOM);
  const plain = await range(ex);
  const dir = mkdtempSync(join(tmpdir(), 'twins-'));
  for (const [flag, name] of [['--jpegls', 'jls'], ['--j2k', 'j2k'], ['--rle', 'rle']] as const) {
    const out = join(dir, `049_21-${name}.dcm`);
    execFileSync('gdcmconv', [flag, DICOM, out]);
    await upload(ex, out);
    await expect(ex.locator('.ex-error')).toBeEmpty();
    expect(await range(ex)).toEqual(plain);
  }
  expect(problems).toEqual([]);
});

test('the 8-bit window: estimated by default and shown; a choice re-reads the image on show at once', async ({ page }) => {
  test.skip(!existsSync(DICOM), `${DICOM} is absent`);
  // An 8-bit PNG of the real slice in the brain window (L40/W80), made here from its HU.
  const { decodeSlice } = await import('../../src/ct/decode');
  const s = await decodeSlice(new Uint8Array(readFileSync(DICOM)));
  const png = new PNG({ width: s.width, height: s.height, colorType: 0 });
  for (let i = 0; i < s.hu.length; i++) {
    const g = Math.round(Math.min(Math.max(((s.hu[i] as number) - 0) / 80, 0), 1) * 255);
    png.data.set([g, g, g, 255], i * 4);
  }
  const buffer = PNG.sync.write(png, { colorType: 0 });
  const ex = await openMain(page);
  await upload(ex, { name: 'brain.png', mimeType: 'image/png', buffer });
  const file = ex.locator('.ex-file');
  await expect(file).toHaveAttribute('data-window', '40,80,estimated');
  await expect(file).toContainText('estimated from its histogram: L40/W80');
  const scoresBefore = await ex.locator('.ex-scores').getAttribute('data-scores');
  const keyBefore = await ex.getAttribute('data-slice');

  await ex.getByLabel('Window of an 8-bit image').selectOption('bone');
  await expect(ex).not.toHaveAttribute('data-slice', keyBefore ?? '', READY);
  await expect(file).toHaveAttribute('data-window', '600,2800');
  await expect(ex).toHaveAttribute('data-state', 'ready', READY);
  expect(await ex.locator('.ex-scores').getAttribute('data-scores')).not.toBe(scoresBefore);
  // A phantom on show is not re-read (there is no file to re-read).
  await ex.locator('select').first().selectOption('1082');
  await expect(ex.locator('.ex-file')).toHaveCount(0);
});

test('on /es/, a file error is in Spanish and the page keeps its previous view', async ({ page }) => {
  const ex = await openMain(page, '/es/');
  const before = await ex.getAttribute('data-slice');
  await ex.locator('input[type=file]').setInputFiles({ name: 'notas.png', mimeType: 'image/png', buffer: Buffer.from('esto son notas\n') });
  await expect(ex.locator('.ex-error')).toContainText('no es un archivo DICOM, PNG ni JPEG');
  await expect(ex.locator('.ex-error')).not.toContainText('not a DICOM');
  expect(await ex.getAttribute('data-slice')).toBe(before);
});
