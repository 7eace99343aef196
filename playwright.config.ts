/**
 * End-to-end tests against the built site (`astro build` + `astro preview`), in Debian's Chromium.
 * Playwright never downloads a browser here: `executablePath` points at /usr/bin/chromium
 * (`apt-get install -y chromium`). Flags as measured in ARCHITECTURE.md; Playwright itself gives
 * every launch a fresh temporary profile (it refuses a `--user-data-dir` flag).
 *
 *   npm run test:e2e                       the article checks (tests tagged @screens are skipped)
 *   SCREENS=1 npx playwright test          only the screenshot pass, writing screenshots/ (git-ignored)
 *   E2E_PORT=4400 npm run test:e2e         another port, e.g. when 4391 is taken or a second run
 *                                          goes on in the same tree
 */
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env['E2E_PORT'] ?? 4391);
const baseURL = `http://127.0.0.1:${port}`;
const screens = process.env['SCREENS'] === '1';
// Each port gets its own build and results folders, so two runs in one tree (or a developer's
// `astro build` into dist/) never overwrite the site or the artefacts another run is using.
const siteDir = `node_modules/.cache/e2e-site-${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: `test-results/e2e-${port}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  ...(screens ? { grep: /@screens/ } : { grepInvert: /@screens/ }),
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    screenshot: 'off',
    video: 'off',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      chromiumSandbox: false,
      args: [
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--enable-unsafe-webgpu',
        '--enable-unsafe-swiftshader',
      ],
    },
  },
  webServer: {
    // Build first so the tests always see the current tree; --ignore-lock lets this preview run
    // beside a developer's own `astro preview` on another port.
    command: `astro build --outDir ${siteDir} && astro preview --outDir ${siteDir} --host 127.0.0.1 --port ${port} --ignore-lock`,
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
