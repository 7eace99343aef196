/**
 * The layering of README's "How the pieces fit", checked on the source: data flows one way, so a folder
 * of src/ imports only folders below it, and no file imports itself back through others (a circle).
 * Every relative import of every .ts/.tsx/.astro file under src/ is read (static, dynamic, re-exports,
 * type-only ones too: a type is a dependency of the code that names it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = 'src';

/**
 * Rank of each top-level piece: an import must go to a lower rank (or stay in its own folder).
 * labels.ts (and the stylesheets) are the leaves; the words (i18n) sit just above it, since the decoder's messages come from there;
 * then the slice sources, the network, the methods, their maps and figures, the lab, the worker that
 * hosts all of them, and at the top what the reader or the user runs.
 */
const RANK: Record<string, number> = {
  'labels.ts': 0,
  i18n: 1,
  ct: 2,
  phantom: 3,
  model: 4,
  explain: 5,
  maps: 6,
  metrics: 6,
  ood: 6,
  lab: 7,
  worker: 8,
  charts: 9,
  diagnostics: 9,
  styles: 0,
  components: 10,
  layouts: 9,
  build: 11,
  pages: 11,
  cli: 11,
  'content.config.ts': 11,
};

/**
 * Upward imports known and not yet moved, each `from → to` by file; an entry that no longer occurs is
 * harmless, a new upward import fails. Keep this list short.
 */
const KNOWN: ReadonlySet<string> = new Set([
  // The caution verdict's reason codes are the ood checks' own; the words name them.
  'src/i18n/caution.ts → src/ood/caution.ts',
  // The presentation mode's shortcut names (work in progress in src/components/).
  'src/i18n/present.ts → src/components/shortcuts.ts',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|astro)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const IMPORT = /(?:^|[;\s}])(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]|^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/gm;
const EXTENSIONS = ['', '.ts', '.tsx', '.astro', '/index.ts'];

/** The relative imports of `file` that land in src/, resolved to source files where they exist. */
function importsOf(file: string, files: ReadonlySet<string>): string[] {
  const text = readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2] ?? m[3]) as string;
    const base = normalize(join(dirname(file), spec.replace(/\?.*$/, '').replace(/\.js$/, '')));
    if (!base.startsWith(`${SRC}/`)) continue;
    const hit = EXTENSIONS.map((x) => base + x).find((p) => files.has(p));
    out.push(hit ?? base);
  }
  return out;
}

const pieceOf = (path: string): string => relative(SRC, path).split('/')[0] as string;

const files = sourceFiles(SRC).sort();
const fileSet = new Set(files);
const graph = new Map(files.map((f) => [f, importsOf(f, fileSet)]));

describe('layers (README "How the pieces fit")', () => {
  it('reads the imports it checks (the parser is not blind)', () => {
    expect(graph.get('src/lab/jobs.ts')).toEqual(expect.arrayContaining(['src/explain/run.ts', 'src/lab/job-types.ts', 'src/metrics/localisation.ts']));
    expect(graph.get('src/model/metrics.ts')).toEqual(expect.arrayContaining(['src/model/lab-report.ts']));
    expect(graph.get('src/worker/lab-handler.ts')).toEqual(expect.arrayContaining(['src/lab/jobs.ts']));
  });

  it('every piece of src/ has a rank', () => {
    expect([...new Set(files.map(pieceOf))].filter((p) => RANK[p] === undefined)).toEqual([]);
  });

  it('no import runs up the layers', () => {
    const upward: string[] = [];
    for (const [from, targets] of graph) {
      for (const to of targets) {
        const a = RANK[pieceOf(from)] as number;
        const b = RANK[pieceOf(to)];
        if (pieceOf(from) === pieceOf(to) || b === undefined || b < a) continue;
        const edge = `${from} → ${to}`;
        if (!KNOWN.has(edge)) upward.push(edge);
      }
    }
    expect(upward).toEqual([]);
  });

  it('no file imports itself back through others', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      stack.push(f);
      for (const g of graph.get(f) ?? []) {
        if (!graph.has(g)) continue;
        if (state.get(g) === 'open') circles.push([...stack.slice(stack.indexOf(g)), g].join(' → '));
        else if (!state.has(g)) visit(g);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(circles).toEqual([]);
  });
});
