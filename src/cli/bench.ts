/**
 * `npm run bench [-- name...]`: every benchmark, or the named ones. Each lives in src/cli/bench/<name>.ts
 * and exports `run(): Promise<void>`, printing its own figures.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const all = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : all;
for (const name of names) {
  if (!all.includes(name)) {
    console.error(`bench: unknown benchmark "${name}" (have: ${all.join(', ')})`);
    process.exit(2);
  }
  console.log(`## ${name}`);
  const mod = (await import(join(dir, `${name}.ts`))) as { run: () => Promise<void> };
  await mod.run();
}
