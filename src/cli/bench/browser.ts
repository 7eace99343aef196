/**
 * `npm run bench -- browser`: the built site in Debian's Chromium (playwright-core, /usr/bin/chromium, the
 * flags of ARCHITECTURE.md), as a reader meets it, with the backend the page picks itself.
 *
 * Per run, in a fresh browser profile: time from navigation to the first map (cold: nothing cached),
 * then a reload (warm: the Cache API holds the model's shards), then "Compare all methods" and the time
 * until all five maps are drawn, with the forward and per-method times the page shows. Also the model
 * bytes fetched over the network per load, the longest main-thread task (Long Tasks API) and the
 * backend. Prints each run, then one JSON line of medians over BENCH_BROWSER_RUNS runs (default 3).
 * BENCH_PORT (default 4424) serves a build of the current tree from node_modules/.cache; BENCH_NO_BUILD=1
 * reuses the last build; BENCH_THREADS=N opens the page with `?threads=N` (wasm threads; the preview
 * server sends COOP/COEP, so the page is cross-origin isolated). No timing is asserted anywhere: this is a measurement, not a test.
 *
 * The scan row (#22), per run in a fresh profile on `?backend=wasm&threads=2` once the model is ready:
 * a 40-slice DICOM series (the built-in scan's real slices, src/cli/bench-scan-series.ts) given to the
 * file input (the path a drop takes once the files are read), then the time to the first map of a scan
 * slice and to every slice scored; while it scores, 20 steps of the slider 250 ms apart; the main-thread
 * long tasks from the drop until every slice is scored (count over 100 ms, longest), and of those the ones
 * that started after the first map (scrolling and scoring). Then three loads of a
 * 100-slice series one after another, each waited until fully scored: after each, the main thread's JS
 * heap after a forced garbage collection (CDP) and the compute worker's tfjs tensors and bytes (its
 * engine, read in the worker). BENCH_SCAN=0 leaves the row out, BENCH_SCAN=only runs only it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { benchSeries, type BenchFile } from '../bench-scan-series';

const port = Number(process.env['BENCH_PORT'] ?? 4424);
const runs = Number(process.env['BENCH_BROWSER_RUNS'] ?? 3);
const siteDir = `node_modules/.cache/bench-site-${port}`;
const base = `http://127.0.0.1:${port}`;
const threads = process.env['BENCH_THREADS'];
const query = threads ? `?threads=${threads}` : '';
const LOAD_TIMEOUT = 180_000;
const STEADY_SLICES = Number(process.env['BENCH_STEADY_SLICES'] ?? 4);
const FLAGS = [
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
];

const median = (xs: number[]): number | null => (xs.length ? ([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number) : null);

function exec(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}`))));
  });
}

async function serve(): Promise<ChildProcess> {
  const server = spawn('npx', ['astro', 'preview', '--outDir', siteDir, '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const t0 = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${base}/`)).ok) return server;
    } catch {
      // not up yet
    }
    if (Date.now() - t0 > 60_000) throw new Error(`bench browser: ${base} did not answer within 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * In every document the context opens: collect the Long Tasks, and when the main explorer's data-state
 * first reaches each value (ms since navigation), to split the first map into its phases.
 */
const LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
  window.__states = {};
  new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target;
      if (el.matches && el.matches('.lede .ex-root')) {
        const v = el.getAttribute('data-state');
        if (v && !(v in window.__states)) window.__states[v] = Math.round(performance.now());
      }
    }
  }).observe(document, { attributes: true, attributeFilter: ['data-state'], subtree: true });
`;

interface LoadFigures {
  readonly firstMapMs: number;
  /** When the explorer first showed each data-state (loading, computing, ready), ms since navigation. */
  readonly states: Record<string, number>;
  /** The worker's own start-up (data-startup): backend up, weights in, model ready, ms since it was asked. */
  readonly worker: { backend: number; weights: number; ready: number } | null;
  readonly modelBytes: number;
  readonly longestTaskMs: number;
}

/** Navigate (or reload) and wait for the main explorer's first map; bytes counted from the network only. */
async function load(context: BrowserContext, page: Page, reload: boolean): Promise<LoadFigures> {
  const sizes: Promise<number>[] = [];
  const count = (r: Response): void => {
    // Body bytes that came over the network (the Cache API's hits make no request at all).
    if (r.url().includes('/models/') && !r.fromServiceWorker()) sizes.push(r.request().sizes().then((z) => z.responseBodySize, () => 0));
  };
  context.on('response', count);
  const t0 = Date.now();
  if (reload) await page.reload({ waitUntil: 'commit' });
  else await page.goto(`${base}/${query}`, { waitUntil: 'commit' });
  const ex = page.locator('.lede .ex-root');
  await ex.scrollIntoViewIfNeeded({ timeout: LOAD_TIMEOUT }); // client:visible: the island loads on screen
  await page.waitForFunction(() => (document.querySelector('.lede .ex-root')?.getAttribute('data-method') ?? '') !== '', null, { timeout: LOAD_TIMEOUT, polling: 50 });
  const firstMapMs = Date.now() - t0;
  context.off('response', count);
  const modelBytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  const longestTaskMs = await page.evaluate(() => Math.max(0, ...((window as unknown as { __longTasks: number[] }).__longTasks ?? [])));
  const states = await page.evaluate(() => (window as unknown as { __states: Record<string, number> }).__states ?? {});
  const startup = (await ex.getAttribute('data-startup'))?.split(',').map(Number);
  const worker = startup && startup.length === 3 ? { backend: startup[0] as number, weights: startup[1] as number, ready: startup[2] as number } : null;
  return { firstMapMs, states, worker, modelBytes, longestTaskMs };
}

/** "Compare all methods": time to all five maps, and the times the page shows (forward, each tile). */
async function grid(page: Page): Promise<{ gridMs: number; shown: Record<string, number> }> {
  const ex = page.locator('.lede .ex-root');
  const t0 = Date.now();
  await ex.getByRole('button', { name: 'Compare all methods' }).click();
  await page.waitForFunction(() => document.querySelector('.lede .ex-root')?.getAttribute('data-method') === 'grid', null, { timeout: LOAD_TIMEOUT, polling: 50 });
  const gridMs = Date.now() - t0;
  return { gridMs, shown: await shownTimes(page) };
}

/** The times the page shows: forward (the timings line) and each grid tile's. */
async function shownTimes(page: Page): Promise<Record<string, number>> {
  // A plain string: tsx names inner functions with a helper (__name) that the page does not have.
  return (await page.evaluate(`(() => {
    const root = document.querySelector('.lede .ex-root');
    const ms = (text) => { const m = /(<?\\d+) ms/.exec(text || ''); return m ? (m[1] === '<1' ? 0 : Number(m[1])) : null; };
    const out = {};
    const forward = ms(root.querySelector('.ex-timings')?.textContent);
    if (forward !== null) out.forward = forward;
    for (const fig of root.querySelectorAll('.ex-grid figure')) {
      const v = ms(fig.querySelector('.ex-ms')?.textContent);
      const name = fig.getAttribute('data-method') || '';
      if (v !== null && name) out[name] = v;
    }
    return out;
  })()`)) as Record<string, number>;
}

/**
 * Steady state: with the grid on, pick STEADY_SLICES other slices one after another; each costs one
 * forward pass and every map, on a worker whose kernels and XNNPACK operators already exist (the first
 * pass after start-up also creates those, so it is slower). Returns the time to all five maps and the
 * times the page shows, per slice.
 */
async function steady(page: Page): Promise<{ allMapsMs: number; shown: Record<string, number> }[]> {
  const ex = page.locator('.lede .ex-root');
  const picker = ex.locator('select').first();
  const values = await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => /^\d+$/.test(v)));
  const current = await picker.inputValue();
  const out: { allMapsMs: number; shown: Record<string, number> }[] = [];
  for (const v of values.filter((x) => x !== current).slice(0, STEADY_SLICES)) {
    const before = await ex.getAttribute('data-slice');
    const t0 = Date.now();
    await picker.selectOption(v);
    await page.waitForFunction(
      (b) => {
        const r = document.querySelector('.lede .ex-root');
        return !!r && r.getAttribute('data-slice') !== b && r.getAttribute('data-method') === 'grid';
      },
      before,
      { timeout: LOAD_TIMEOUT, polling: 20 },
    );
    out.push({ allMapsMs: Date.now() - t0, shown: await shownTimes(page) });
  }
  return out;
}

const SCAN = process.env['BENCH_SCAN'] ?? '1';

interface ScanFigures {
  readonly backend: string | null;
  readonly threads: number;
  readonly firstMapMs: number;
  readonly allScoredMs: number;
  /** From the drop until every slice is scored; and only those that started after the first map (scrolling and scoring). */
  readonly longTasksOver100: number;
  readonly longestTaskMs: number;
  readonly afterFirstMap: { readonly over100: number; readonly longestMs: number };
  /** After each of three loads of a 100-slice series, fully scored. */
  readonly loads: { heapMB: number; tensors: number | null; tensorMB: number | null; scoredMs: number }[];
}

/** In the page: from now, when the explorer first maps a slice of the scan named by `tag`, and when all `n` are scored. */
const watchScan = (n: number, tag: string): string => `(() => {
  window.__longTasks = [];
  const t0 = performance.now();
  const s = window.__scan = { firstMap: null, allScored: null, tasks: [] };
  // Long tasks with their start (ms since the drop), to tell loading from scrolling and scoring.
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.startTime >= t0) s.tasks.push([e.startTime - t0, e.duration]); }).observe({ type: 'longtask' });
  const check = () => {
    const ex = document.querySelector('.lede .ex-root');
    const p = ex && ex.querySelector('.scan-panel');
    const key = (ex && ex.getAttribute('data-slice')) || '';
    if (!key.includes(${JSON.stringify(tag)})) return;
    if (s.firstMap === null && ex.getAttribute('data-method')) s.firstMap = performance.now() - t0;
    if (s.allScored === null && p && p.getAttribute('data-scored') === '${n}') s.allScored = performance.now() - t0;
  };
  new MutationObserver(check).observe(document, { attributes: true, attributeFilter: ['data-slice', 'data-method', 'data-scored'], subtree: true });
})()`;

async function scanWait(page: Page, what: 'firstMap' | 'allScored', timeout: number): Promise<number> {
  await page.waitForFunction(`window.__scan && window.__scan.${what} !== null`, null, { timeout, polling: 100 });
  return Math.round((await page.evaluate(`window.__scan.${what}`)) as number);
}

/** The compute worker's tfjs engine (a global in the worker): tensors and their bytes. */
async function workerTensors(page: Page): Promise<{ tensors: number; bytes: number } | null> {
  for (const w of page.workers()) {
    const m = (await w.evaluate('self._tfengine && self._tfengine.state ? { tensors: self._tfengine.state.numTensors, bytes: self._tfengine.state.numBytes } : null').catch(() => null)) as { tensors: number; bytes: number } | null;
    if (m) return m;
  }
  return null;
}

async function scanRow(browser: Browser): Promise<ScanFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript(LONG_TASKS);
    const page = await context.newPage();
    await page.goto(`${base}/?backend=wasm&threads=2`, { waitUntil: 'commit' });
    const ex = page.locator('.lede .ex-root');
    await ex.scrollIntoViewIfNeeded({ timeout: LOAD_TIMEOUT });
    await page.waitForFunction(() => document.querySelector('.lede .ex-root')?.getAttribute('data-state') === 'ready', null, { timeout: LOAD_TIMEOUT, polling: 100 });
    const backend = await ex.getAttribute('data-backend');
    const threads = Number((await ex.locator('.ex-threads').getAttribute('data-threads', { timeout: 2000 }).catch(() => null)) ?? 1);
    const input = ex.locator('input[type=file]');
    const give = async (files: BenchFile[], tag: string): Promise<void> => {
      await page.evaluate(watchScan(files.length, tag));
      await input.setInputFiles(files);
    };
    await give(benchSeries(40, 20, 1), 'S1-');
    const firstMapMs = await scanWait(page, 'firstMap', LOAD_TIMEOUT);
    // Scroll while the rest are scored: each step shows a new slice (its maps too).
    await ex.locator('#scan-slider').focus();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(250);
    }
    const allScoredMs = await scanWait(page, 'allScored', 10 * LOAD_TIMEOUT);
    const timed = (await page.evaluate('window.__scan.tasks')) as [number, number][];
    const tasks = timed.map(([, d]) => d);
    const later = timed.filter(([t]) => t >= firstMapMs).map(([, d]) => d);
    const cdp = await context.newCDPSession(page);
    const loads: ScanFigures['loads'] = [];
    for (let l = 0; l < 3; l++) {
      await give(benchSeries(100, 0, 2 + l), `S${2 + l}-`);
      const scoredMs = await scanWait(page, 'allScored', 10 * LOAD_TIMEOUT);
      await page.waitForFunction(() => document.querySelector('.lede .ex-root')?.getAttribute('data-state') === 'ready', null, { timeout: LOAD_TIMEOUT, polling: 100 });
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const t = await workerTensors(page);
      loads.push({ heapMB: Math.round(heap.usedSize / 2 ** 20 * 10) / 10, tensors: t?.tensors ?? null, tensorMB: t ? Math.round((t.bytes / 2 ** 20) * 10) / 10 : null, scoredMs: Math.round(scoredMs) });
    }
    return { backend, threads, firstMapMs, allScoredMs, longTasksOver100: tasks.filter((d) => d > 100).length, longestTaskMs: Math.round(Math.max(0, ...tasks)), afterFirstMap: { over100: later.filter((d) => d > 100).length, longestMs: Math.round(Math.max(0, ...later)) }, loads };
  } finally {
    await context.close();
  }
}

export async function run(): Promise<void> {
  const load0 = loadavg();
  if (process.env['BENCH_NO_BUILD'] !== '1' || !existsSync(siteDir)) {
    console.log(`building the site into ${siteDir} …`);
    await exec('npx', ['astro', 'build', '--outDir', siteDir]);
  }
  const server = await serve();
  const perRun: Record<string, unknown>[] = [];
  const scans: ScanFigures[] = [];
  try {
    for (let r = 1; r <= runs; r++) {
      const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', chromiumSandbox: false, args: FLAGS });
      try {
        if (SCAN !== '0') {
          const s = await scanRow(browser);
          console.log(JSON.stringify({ run: r, scan: s }));
          scans.push(s);
        }
        if (SCAN === 'only') continue;
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } }); // a fresh profile: cold
        await context.addInitScript(LONG_TASKS);
        const page = await context.newPage();
        const cold = await load(context, page, false);
        const backend = await page.locator('.lede .ex-root').getAttribute('data-backend');
        const threadCount = Number((await page.locator('.lede .ex-threads').getAttribute('data-threads', { timeout: 2000 }).catch(() => null)) ?? 1);
        const warm = await load(context, page, true);
        const g = await grid(page);
        const st = await steady(page);
        const longestTaskMs = Math.max(warm.longestTaskMs, await page.evaluate(() => Math.max(0, ...((window as unknown as { __longTasks: number[] }).__longTasks ?? []))));
        const row = { run: r, backend, threads: threadCount, cold, warm: { ...warm, longestTaskMs }, grid: g, steady: st };
        console.log(JSON.stringify(row));
        perRun.push(row);
        await context.close();
      } finally {
        await browser.close();
      }
    }
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
  if (scans.length > 0) {
    console.log(
      JSON.stringify({
        bench: 'browser-scan',
        runs: scans.length,
        backend: [...new Set(scans.map((x) => x.backend))].join(','),
        threads: [...new Set(scans.map((x) => x.threads))].join(','),
        series40: {
          firstMapMs: median(scans.map((x) => x.firstMapMs)),
          allScoredMs: median(scans.map((x) => x.allScoredMs)),
          longTasksOver100: median(scans.map((x) => x.longTasksOver100)),
          longestTaskMs: median(scans.map((x) => x.longestTaskMs)),
          afterFirstMap: { over100: median(scans.map((x) => x.afterFirstMap.over100)), longestMs: median(scans.map((x) => x.afterFirstMap.longestMs)) },
        },
        // Per load of the 100-slice series (1st, 2nd, 3rd), medians over the runs.
        series100: [0, 1, 2].map((l) => ({
          load: l + 1,
          scoredMs: median(scans.map((x) => x.loads[l]?.scoredMs ?? NaN)),
          heapMB: median(scans.map((x) => x.loads[l]?.heapMB ?? NaN)),
          tensors: median(scans.flatMap((x) => (x.loads[l]?.tensors != null ? [x.loads[l]?.tensors as number] : []))),
          tensorMB: median(scans.flatMap((x) => (x.loads[l]?.tensorMB != null ? [x.loads[l]?.tensorMB as number] : []))),
        })),
        loadavg: { before: load0.map((v) => Math.round(v * 100) / 100), after: loadavg().map((v) => Math.round(v * 100) / 100) },
      }),
    );
  }
  if (perRun.length === 0) return;
  type Row = { backend: string; threads: number; cold: LoadFigures; warm: LoadFigures; grid: { gridMs: number; shown: Record<string, number> }; steady: { allMapsMs: number; shown: Record<string, number> }[] };
  const rows = perRun as unknown as Row[];
  const names = [...new Set(rows.flatMap((x) => Object.keys(x.grid.shown)))];
  const round = (v: number): number => Math.round(v * 100) / 100;
  console.log(
    JSON.stringify({
      bench: 'browser',
      runs,
      backend: [...new Set(rows.map((x) => x.backend))].join(','),
      threads: [...new Set(rows.map((x) => x.threads))].join(','),
      firstMapMs: { cold: median(rows.map((x) => x.cold.firstMapMs)), warm: median(rows.map((x) => x.warm.firstMapMs)) },
      // When the explorer entered each state: loading (hydrated, worker starting), computing (model ready).
      statesMs: Object.fromEntries(
        (['cold', 'warm'] as const).map((k) => [k, Object.fromEntries(['loading', 'computing', 'ready'].map((st) => [st, median(rows.flatMap((x) => (x[k].states[st] === undefined ? [] : [x[k].states[st] as number])))]))]),
      ),
      workerStartupMs: Object.fromEntries(
        (['cold', 'warm'] as const).map((k) => [k, Object.fromEntries((['backend', 'weights', 'ready'] as const).map((p) => [p, median(rows.flatMap((x) => (x[k].worker ? [x[k].worker[p]] : [])))]))]),
      ),
      modelBytesFetched: { cold: median(rows.map((x) => x.cold.modelBytes)), warm: median(rows.map((x) => x.warm.modelBytes)) },
      longestTaskMs: { cold: median(rows.map((x) => x.cold.longestTaskMs)), warm: median(rows.map((x) => x.warm.longestTaskMs)) },
      gridAllMapsMs: median(rows.map((x) => x.grid.gridMs)),
      shownMs: Object.fromEntries(names.map((n) => [n, median(rows.flatMap((x) => (x.grid.shown[n] === undefined ? [] : [x.grid.shown[n] as number])))])),
      // Medians over every run's steady slices.
      steady: {
        slices: rows.reduce((a, x) => a + x.steady.length, 0),
        allMapsMs: median(rows.flatMap((x) => x.steady.map((y) => y.allMapsMs))),
        shownMs: Object.fromEntries(names.map((n) => [n, median(rows.flatMap((x) => x.steady.flatMap((y) => (y.shown[n] === undefined ? [] : [y.shown[n] as number]))))])),
      },
      loadavg: { before: load0.map(round), after: loadavg().map(round) },
    }),
  );
}
