/** The article pages: clean load, accessibility, language switch, structure and rendered maths. */
import AxeBuilder from '@axe-core/playwright';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AXE_TAGS, PAGES, SECTIONS, axeSummary, expect, test } from './fixtures';

for (const p of PAGES) {
  test.describe(`${p.lang} page (${p.path})`, () => {
    test('loads with no console errors, failed or foreign requests', async ({ page, problems }) => {
      await page.goto(p.path);
      await page.evaluate(() => document.fonts.ready);
      await expect(page.locator('h1')).toHaveCount(1);
      expect(problems).toEqual([]);
    });

    test('axe finds no violations', async ({ page }) => {
      await page.goto(p.path);
      expect(axeSummary(await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze())).toEqual([]);
    });

    // The colour scheme changes only colours, and the phone width only layout: check just those rules.
    test('axe: contrast holds in dark mode', async ({ page }) => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(p.path);
      expect(axeSummary(await new AxeBuilder({ page }).withRules(['color-contrast', 'link-in-text-block']).analyze())).toEqual([]);
    });

    test('axe: layout rules hold at phone width, and nothing overflows', async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(p.path);
      const rules = ['scrollable-region-focusable', 'target-size', 'meta-viewport', 'color-contrast'];
      expect(axeSummary(await new AxeBuilder({ page }).withRules(rules).analyze())).toEqual([]);
      // Nothing wider than the screen: the page itself never scrolls sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });

    test('declares its language and links to the other one', async ({ page, problems }) => {
      await page.goto(p.path);
      await expect(page.locator('html')).toHaveAttribute('lang', p.lang);
      for (const [hreflang, href] of [['en', '/'], ['es', '/es/'], ['x-default', '/']] as const) {
        await expect(page.locator(`head link[rel="alternate"][hreflang="${hreflang}"]`)).toHaveAttribute('href', href);
      }
      // The first explorer loads without a scroll (client:idle) and the switch then carries its view in the query.
      // Wait for it to be ready: leaving mid-download would abort a weight shard (a failed request, not a fault).
      await expect(page.locator('.lede .ex-root')).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
      const at = (path: string): RegExp => new RegExp(`^(https?://[^/]+)?${path.replace(/[/?]/g, '\\$&')}(\\?[^#]*)?$`);
      const sw = page.locator(`header nav a[hreflang="${p.otherLang}"]`);
      await expect(sw).toHaveAttribute('href', at(p.other));
      await sw.click();
      await expect(page).toHaveURL(at(p.other));
      await expect(page.locator('html')).toHaveAttribute('lang', p.otherLang);
      await expect(page.locator(`header nav a[hreflang="${p.lang}"]`)).toHaveAttribute('href', at(p.path));
      expect(problems).toEqual([]);
    });

    test('has one h1, the sections in order, a working contents list and unique ids', async ({ page }) => {
      await page.goto(p.path);
      await expect(page.locator('h1')).toHaveCount(1);
      const sectionIds = await page.locator('main > section[id]').evaluateAll((els) => els.map((e) => e.id));
      expect(sectionIds).toEqual([...SECTIONS]);
      for (const id of SECTIONS) {
        await expect(page.locator(`#${id} > h2`)).toHaveCount(1);
        await expect(page.locator(`#${id} > h2`)).not.toBeEmpty();
      }
      const tocTargets = await page.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(tocTargets).toEqual(SECTIONS.map((s) => `#${s}`));
      const ids = await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id));
      expect(ids.length).toBeGreaterThan(SECTIONS.length);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      // Headings never skip a level (h2 → h4).
      const levels = await page.locator('main :is(h2, h3, h4, h5, h6)').evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
      expect(levels.every((l, i) => i === 0 || l <= (levels[i - 1] ?? 2) + 1)).toBe(true);
    });

    test('renders the maths with KaTeX and its own fonts', async ({ page }) => {
      await page.goto(p.path);
      expect(await page.locator('.katex').count()).toBeGreaterThan(20);
      expect(await page.locator('#grad-cam .katex-display').count()).toBeGreaterThanOrEqual(3);
      await expect(page.locator('.katex-error')).toHaveCount(0);
      // Typeset, not left as TeX source: visible KaTeX HTML has no backslashes; MathML is there for readers.
      const visible = await page.locator('#grad-cam .katex-html').allInnerTexts();
      expect(visible.length).toBeGreaterThan(3);
      expect(visible.filter((t) => t.includes('\\'))).toEqual([]);
      expect(await page.locator('#grad-cam .katex-mathml math').count()).toBe(visible.length);
      await page.locator('#grad-cam .katex-display').first().scrollIntoViewIfNeeded();
      await page.evaluate(() => document.fonts.ready);
      const loaded = await page.evaluate(() =>
        [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'KaTeX_Main' && f.status === 'loaded').length,
      );
      expect(loaded).toBeGreaterThan(0);
    });

    test('skip link is the first focus and moves focus to the main content', async ({ page }) => {
      await page.goto(p.path);
      await page.keyboard.press('Tab');
      const skip = page.locator('a.skip-link');
      await expect(skip).toBeFocused();
      await expect(skip).toBeInViewport();
      await page.keyboard.press('Enter');
      await expect(page.locator('main#main')).toBeFocused();
    });
  });
}

test('the limitations section quotes the shipped model’s held-out metrics, one row per label', async ({ page }) => {
  const shipped = existsSync(join(process.cwd(), 'models/resnet34/metrics.json'));
  for (const p of PAGES) {
    await page.goto(p.path);
    if (!shipped) {
      await expect(page.locator('.model-metrics-none')).toHaveCount(1);
      continue;
    }
    const rows = page.locator('table.model-metrics tbody tr');
    await expect(rows).toHaveCount(6);
    const aucs = await page.locator('table.model-metrics td[data-auc]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-auc'))));
    expect(aucs).toHaveLength(6);
    for (const a of aucs) expect(a).toBeGreaterThan(0.5);
    // The real-CT validation figures, when measured for these weights, are quoted with their intervals.
    const realFile = join(process.cwd(), 'models/resnet34/real-val.json');
    const real = page.locator('.metrics-real');
    if (existsSync(realFile)) {
      const r = JSON.parse(readFileSync(realFile, 'utf8')) as { classes: { any: { auc: number } } };
      await expect(real).toHaveAttribute('data-real-auc', String(r.classes.any.auc));
      await expect(real).toContainText(p.path.startsWith('/es') ? /intervalos son del 95 %/ : /Intervals are 95 %/);
    } else {
      await expect(real).toHaveCount(0);
    }
  }
});

interface Auc {
  n: number;
  positives: number;
  auc: number | null;
  ci95: [number, number] | null;
  atThreshold: { threshold: number; sensitivity: number; specificity: number } | null;
}
interface Pointing {
  rate: number;
  ci95: [number, number];
  ceiling: number;
}
interface RealSummary {
  set: string;
  source: string;
  classes: Record<string, Auc>;
  pointing: { tolerancePx: number; layers: Record<string, { cells: number; strict: Pointing; tolerant: Pointing }> } | null;
  scans: { auc: Auc; falseAlarms: { withBleed: { meanPerScan: number; flagged: number; negatives: number }; withoutBleed: { meanPerScan: number; flagged: number; negatives: number } } | null } | null;
  thirds: Record<string, Auc> | null;
}

test('the limitations section quotes both real-CT summaries, read from their files, in each language’s number format', async ({ page }) => {
  const files = ['real-val.json', 'real-val-ct-ich.json'].map((f) => join(process.cwd(), 'models/resnet34', f)).filter((f) => existsSync(f));
  test.skip(files.length === 0 || !existsSync(join(process.cwd(), 'models/resnet34/metrics.json')), 'no real-CT summaries shipped beside the weights');
  const sets = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as RealSummary);
  const meta = (JSON.parse(readFileSync(join(process.cwd(), 'models/resnet34/model.json'), 'utf8')) as { meta: { thresholdsFrom?: Record<string, string> } }).meta;
  const realThresholds = Object.values(meta.thresholdsFrom ?? {}).some((t) => /PHE-SICH|CT-ICH/i.test(t));
  for (const p of PAGES) {
    const lang = p.path.startsWith('/es') ? 'es' : 'en';
    // Formatted here, independently of the page's code: "0.887" in English, "0,887" in Spanish.
    const n = (x: number, d: number): string => x.toLocaleString(lang, { minimumFractionDigits: d, maximumFractionDigits: d });
    const auc = (a: Auc): string => (a.auc === null ? (lang === 'es' ? 'no medible' : 'not measurable') : a.ci95 ? `${n(a.auc, 3)} (${n(a.ci95[0], 3)}–${n(a.ci95[1], 3)})` : n(a.auc, 3));
    await page.goto(p.path);
    for (const r of sets) {
      const table = page.locator(`table.real-set[data-set="${r.set}"]`);
      await expect(table).toHaveCount(1);
      const cell = (row: string) => table.locator(`tr[data-row="${row}"] td`);
      await expect(cell('any')).toHaveText(auc(r.classes['any'] as Auc));
      const op = r.classes['any']?.atThreshold;
      if (op) await expect(cell('any-op')).toHaveText(`${n(op.sensitivity, 2)} / ${n(op.specificity, 2)}`);
      await expect(page.locator(`.source[data-source="${r.set}"]`)).toContainText(r.source);
      for (const [label, c] of Object.entries(r.classes)) {
        if (label === 'any') continue;
        await expect(cell(`subtype-${label}`)).toHaveText(new RegExp(`^${auc(c).replace(/[()]/g, '\\$&')}`));
        const subtypeRow = table.locator(`tr[data-row="subtype-${label}"]`);
        // Epidural and subdural mean something on CT-ICH; the other subtypes are marked as examples.
        if (label === 'epidural' || label === 'subdural') await expect(subtypeRow).not.toHaveClass(/example/);
        else await expect(subtypeRow).toHaveClass(/example/);
      }
      if (r.scans) {
        await expect(cell('scan-auc')).toHaveText(auc(r.scans.auc));
        const fa = r.scans.falseAlarms;
        if (fa) {
          await expect(cell('alarms-with')).toContainText(`${n(fa.withBleed.meanPerScan, 1)} (${fa.withBleed.flagged} ${lang === 'es' ? 'de' : 'of'} ${fa.withBleed.negatives}`);
          await expect(cell('alarms-without')).toContainText(`${n(fa.withoutBleed.meanPerScan, 1)} (${fa.withoutBleed.flagged} ${lang === 'es' ? 'de' : 'of'} ${fa.withoutBleed.negatives}`);
        }
      }
      for (const [third, a] of Object.entries(r.thirds ?? {})) {
        await expect(cell(`third-${third}`)).toHaveText(`${auc(a)} / ${a.atThreshold ? n(a.atThreshold.specificity, 2) : '–'}`);
      }
      for (const [layer, f] of Object.entries(r.pointing?.layers ?? {})) {
        const row = page.locator(`table.real-pointing tr[data-layer="${layer}"]`);
        await expect(row.locator('th')).toHaveText(`${layer} (${f.cells}×${f.cells})`);
        for (const v of ['strict', 'tolerant'] as const) {
          const x = f[v];
          await expect(row.locator(`td[data-set="${r.set}"][data-variant="${v}"]`)).toHaveText(
            `${n(x.rate, 2)} (${n(x.ci95[0], 2)}–${n(x.ci95[1], 2)}); ${lang === 'es' ? 'techo' : 'ceiling'} ${n(x.ceiling, 2)}`,
          );
        }
      }
    }
    // The wording assumes neither set alone, and says where the thresholds came from (model.json meta.thresholdsFrom).
    await expect(page.locator('#limitations')).toContainText(lang === 'es' ? /cifras de validación, no de prueba/ : /validation figures, not a test/);
    await expect(page.locator('.threshold-origin')).toHaveAttribute('data-real-thresholds', realThresholds ? 'yes' : 'no');
    await expect(page.locator('.threshold-origin')).toContainText(
      realThresholds ? (lang === 'es' ? /optimistas/ : /optimistic/) : lang === 'es' ? /validación sintéticos/ : /synthetic validation sets/,
    );
    if (lang === 'es') await expect(page.locator('table.real-set').first()).toContainText(/\d,\d{3} \(\d,\d{3}–\d,\d{3}\)/);
  }
});

test('the comparison section quotes the evaluation lab of models/resnet34/lab.json, each figure with its interval', async ({ page }) => {
  const file = join(process.cwd(), 'models/resnet34/lab.json');
  test.skip(!existsSync(file), 'no lab summary shipped beside the weights');
  const lab = JSON.parse(readFileSync(file, 'utf8')) as { slices: number; methods: Record<string, { intervals?: unknown }> };
  const methods = Object.keys(lab.methods);
  for (const p of PAGES) {
    await page.goto(p.path);
    const tables = page.locator('table.lab-figures');
    await expect(tables).toHaveCount(2);
    await expect(tables.first()).toHaveAttribute('data-slices', String(lab.slices));
    await expect(tables.first().locator('caption')).toContainText(String(lab.slices));
    for (const t of await tables.all()) await expect(t.locator('tbody tr')).toHaveCount(methods.length);
    // Localisation and faithfulness: "0.27 (0.18–0.36)" where the summary has intervals.
    if (Object.values(lab.methods).every((m) => m.intervals)) {
      const cells = await tables.nth(1).locator('tbody td').allInnerTexts();
      expect(cells.length).toBe(4 * methods.length);
      for (const c of cells) expect(c).toMatch(/^-?\d+[.,]\d+ \(-?\d+[.,]\d+–-?\d+[.,]\d+\)$|^–$/);
    }
  }
});

test('both languages have the same sections in the same order', async ({ page }) => {
  const ids: string[][] = [];
  for (const p of PAGES) {
    await page.goto(p.path);
    ids.push(await page.locator('main > section[id]').evaluateAll((els) => els.map((e) => e.id)));
  }
  expect(ids[0]).toEqual(ids[1]);
});
