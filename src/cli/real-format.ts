/** The real-CT report as text (what `npm run evaluate -- --real DIR` prints). */
import { MODEL_SIZE } from '../ct/window';
import type { AucFigures } from '../metrics/class-figures';
import type { FalseAlarms } from '../metrics/scan-level';
import type { PointingFigures } from './real-pointing';
import type { RealReport } from './real-report';

const f = (x: number | null | undefined, d = 3): string => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : 'n/a');

/** "AUC 0.912 (95 % CI by patient 0.85-0.95)", or "not measurable (no positives)". */
function auc(c: AucFigures, unit: string): string {
  if (c.auc === null) return `ROC AUC not measurable (${c.notMeasurable ?? 'one class absent'})`;
  const conditional = c.positiveGroups === 1 ? `, conditional: every positive in one ${unit}` : '';
  return `ROC AUC ${f(c.auc)} (95 % CI by ${unit} ${c.ci95 ? `${f(c.ci95[0])}-${f(c.ci95[1])}` : 'n/a'}${conditional})`;
}

function op(c: AucFigures): string {
  const t = c.atThreshold;
  return t ? `; at the UI threshold ${f(t.threshold)}: sensitivity ${f(t.sensitivity)}, specificity ${f(t.specificity)}` : '';
}

function pg(name: string, p: PointingFigures): string {
  return `${name} ${f(p.rate)} (${f(p.ci95[0])}-${f(p.ci95[1])}), ${p.hits}/${p.scored}; ceiling ${f(p.ceiling)} (${p.reachable})`;
}

function alarms(name: string, a: FalseAlarms): string {
  const per = a.perScan.map((s) => s.flagged).join(' ');
  return `    ${name}: ${a.scans} scans, ${a.flagged} of ${a.negatives} slices without blood flagged, ${f(a.meanPerScan, 2)} per scan, ${a.scansWithAlarm} scans with at least one [per scan: ${per}]`;
}

/** @returns several lines, no trailing newline */
export function formatReport(r: RealReport): string {
  const lines = [`real-CT validation: ${r.dir} (${r.slices} slices, ${r.patients} ${r.wholeScans ? 'whole scans' : 'patients'}, 8-bit window L${r.window8bit.level}/W${r.window8bit.width})`];
  for (const [label, c] of Object.entries(r.classes)) lines.push(`  ${label}: ${auc(c, 'patient')}, ${c.positives} of ${c.n} positive (${c.positiveGroups} patients)${op(c)}`);
  if (r.pointing) {
    const first = Object.values(r.pointing.layers)[0];
    lines.push(`  Grad-CAM (${r.pointing.label}) pointing game at the slice's own resolution, ${first?.scored ?? 0} masked positive slices; rate (95 % CI by patient), hits/scored; ceiling (reachable masks)`);
    for (const [layer, l] of Object.entries(r.pointing.layers)) {
      lines.push(`    ${layer} (${l.cells}×${l.cells} upsampled to ${MODEL_SIZE} px${l.flat ? `, ${l.flat} flat maps` : ''}): ${pg('strict', l.strict)} | ${pg(`within ${r.pointing.tolerancePx} px`, l.tolerant)}`);
    }
  }
  if (r.falsePositives) {
    const fp = r.falsePositives;
    lines.push(`  false positives (any, UI threshold): ${fp.slices} of ${fp.negatives} negative slices, in ${fp.patients} of ${fp.patientsWithNegatives} patients with negative slices`);
  }
  if (r.scans) {
    const a = r.scans.auc;
    lines.push(`  over scans (maximum "any" per scan): ${auc(a, 'scan')}, ${a.positives} of ${a.n} scans with a bleed${op(a)}`);
    if (r.scans.falseAlarms) {
      lines.push(`  false alarms per scan (any ≥ ${f(r.scans.falseAlarms.threshold)} on a slice without blood):`);
      lines.push(alarms('scans with a bleed', r.scans.falseAlarms.withBleed), alarms('scans without', r.scans.falseAlarms.withoutBleed));
    }
  }
  if (r.thirds) {
    lines.push('  by level (third of each scan by slice rank; any):');
    for (const [third, c] of Object.entries(r.thirds)) lines.push(`    ${third}: ${auc(c, 'scan')}, ${c.positives} of ${c.n} positive (${c.positiveGroups} scans)${op(c)}`);
  }
  return lines.join('\n');
}
