/**
 * A static host that sends no COOP/COEP headers (issue #14): the built site, served by a plain file
 * server, makes itself cross-origin isolated through coi-serviceworker (src/build/cross-origin-isolation.ts)
 * after one reload, so the wasm backend can run threads there too; and nothing goes wrong on the way.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sirv from "sirv";
import { expect, test } from "@playwright/test";

const READY = { timeout: 90_000 };
// The build the Playwright web server made (playwright.config.ts: one folder per port).
const SITE_DIR = `node_modules/.cache/e2e-site-${Number(process.env["E2E_PORT"] ?? 4391)}`;

let server: Server;
let origin = "";

test.beforeAll(async () => {
  const files = sirv(SITE_DIR, { dev: false, etag: true });
  server = createServer((req, res) =>
    files(req, res, () => {
      res.statusCode = 404;
      res.end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(
  () => new Promise<void>((resolve) => server.close(() => resolve())),
);

test("without COOP/COEP headers, the service worker isolates the page and wasm runs two threads", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });

  const first = await page.goto(`${origin}/?backend=wasm&threads=2`, {
    waitUntil: "commit",
  });
  expect(
    first?.headers()["cross-origin-embedder-policy"],
    "the file server itself sends no COEP",
  ).toBeUndefined();
  // coi-serviceworker registers, then reloads the page once under its control.
  await page.waitForFunction(
    () =>
      self.crossOriginIsolated === true &&
      navigator.serviceWorker.controller !== null,
    null,
    READY,
  );

  const ex = page.locator(".lede .ex-root");
  await ex.scrollIntoViewIfNeeded(READY);
  await expect(ex).toHaveAttribute("data-state", "ready", READY);
  await expect(ex).toHaveAttribute("data-backend", "wasm");
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(ex.locator(".ex-threads")).toHaveAttribute(
    "data-threads",
    String(Math.min(2, cores)),
  );
  await expect(ex.locator(".ex-threads")).not.toContainText(
    "not cross-origin isolated",
  );
  expect(errors).toEqual([]);
});
