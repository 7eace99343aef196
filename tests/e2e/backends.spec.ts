/**
 * The WebGPU and WebGL code paths, proven under SwiftShader with a tiny network of the model's
 * operations: every kernel present and results equal to the cpu backend within tolerance.
 */
import { expect, test } from '@playwright/test';

test('WebGPU, WebGL and wasm run the network and agree with cpu', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/diagnostics/?run=1', { waitUntil: 'commit' });
  await expect(page.locator('.diagnostics')).toHaveAttribute('data-state', 'done', { timeout: 170_000 });
  for (const backend of ['webgpu', 'webgl', 'wasm']) {
    const row = page.locator(`tr[data-backend="${backend}"]`);
    await expect(row, backend).toHaveAttribute('data-missing', '');
    const diff = Number(await row.getAttribute('data-max-diff'));
    expect(diff, `${backend} relative difference from cpu`).toBeLessThan(1e-3);
    await expect(row, `${backend}: ${await row.locator('td').last().textContent()}`).toHaveAttribute('data-ok', 'true');
  }
  expect(errors).toEqual([]);
});
