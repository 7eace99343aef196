/**
 * ResNet34 as a diagram the reader can point at: input → conv1 → max-pool → layer1..layer4 (one card per
 * basic block) → global average pool → dense → sigmoids. Hover, focus (Tab) or click an item to read
 * what it does; layer1..layer4 are marked as the Grad-CAM layers the Explorer offers. Shapes come from
 * the spec (src/model/arch.ts RESNET34) through diagramStages. Under the cards, one basic block drawn
 * open with its shortcut (figures/BasicBlockFigure.tsx). A list of the stages follows as text.
 * Horizontal on wide screens, vertical when the island is narrower than 700 CSS pixels. No model.
 *
 *   <ResNetDiagram client:visible lang="en" />
 *
 * Root attributes for tests: data-state (idle until hydrated | ready), data-active (the item described).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/langs';
import { ISLANDS, type IslandStrings } from '../i18n/islands';
import { MODEL_SIZE } from '../ct/window';
import { RESNET34 } from '../model/arch';
import { diagramStages, shapeText, type DiagramStage, type StageId } from './resnet-stages';
import { BasicBlockFigure } from './figures/BasicBlockFigure';
import './controls.css';
import './islands.css';

export interface ResNetDiagramProps {
  readonly lang: Lang;
}

const STAGES = diagramStages(RESNET34, MODEL_SIZE);
const NARROW = 700;

type Orientation = 'row' | 'column';

/** An item's drawing size: maps grow with log2 of their side, vectors with log2 of their length. */
function extent(s: DiagramStage): { long: number; thick: number } {
  const n = s.shape[0] ?? 1;
  if (s.kind === 'vector') return { long: 30 + 9 * Math.log2(n), thick: 10 };
  return { long: 22 + 22 * Math.log2(n / 7), thick: 16 };
}

/** Where one item sits: its column (row) origin, its size, and the slabs (one per block) inside it. */
interface Placed {
  readonly s: DiagramStage;
  /** Cell origin and size in SVG units. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Slabs, each [x, y, w, h]. */
  readonly slabs: readonly (readonly [number, number, number, number])[];
}

function place(o: Orientation): { items: Placed[]; width: number; height: number } {
  const items: Placed[] = [];
  const CELL = o === 'row' ? 114 : 56;
  const GAP = o === 'row' ? 10 : 4;
  const GRAPHIC = o === 'row' ? 150 : 120; // room for the largest slab across the flow
  let pos = 8;
  for (const s of STAGES) {
    const { long, thick } = extent(s);
    const cards = Math.max(1, s.blocks);
    const step = 7;
    const depth = thick + (cards - 1) * step;
    const slabs: [number, number, number, number][] = [];
    for (let c = 0; c < cards; c++) {
      if (o === 'row') {
        const x0 = pos + (CELL - depth) / 2 + c * step;
        slabs.push([x0, 12 + (GRAPHIC - long) / 2, thick, long]);
      } else {
        const y0 = pos + (CELL - depth) / 2 + c * step;
        slabs.push([8 + (GRAPHIC - long) / 2, y0, long, thick]);
      }
    }
    items.push(o === 'row' ? { s, x: pos, y: 4, w: CELL, h: GRAPHIC + 72, slabs } : { s, x: 4, y: pos, w: 332, h: CELL, slabs });
    pos += CELL + GAP;
  }
  return o === 'row' ? { items, width: pos, height: GRAPHIC + 80 } : { items, width: 340, height: pos };
}

function label(t: IslandStrings['resnet'], s: DiagramStage): string {
  const parts = [[t.names[s.id], s.op].filter(Boolean).join(' ')];
  if (s.blocks > 0) parts.push(t.blocks(s.blocks));
  parts.push(`${t.output} ${shapeText(s.shape)}`);
  if (s.gradcam) parts.push(t.gradcamTag);
  return parts.join(', ');
}

function description(t: IslandStrings['resnet'], s: DiagramStage): string {
  const last = STAGES.filter((x) => x.gradcam).at(-1);
  const side = s.shape[0] ?? 1;
  return [t.descriptions[s.id], s.gradcam ? t.gradcamNote : '', s === last ? t.coarse(side, MODEL_SIZE / side) : ''].filter(Boolean).join(' ');
}

export default function ResNetDiagram({ lang }: ResNetDiagramProps) {
  const t = ISLANDS[lang].resnet;
  const [active, setActive] = useState<StageId | null>(null);
  const [orientation, setOrientation] = useState<Orientation>('row');
  const [hydrated, setHydrated] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setHydrated(true);
    const el = root.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setOrientation((e?.contentRect.width ?? NARROW) < NARROW ? 'column' : 'row'));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const { items, width, height } = place(orientation);
  const current = STAGES.find((s) => s.id === active) ?? null;
  const row = orientation === 'row';

  return (
    <div ref={root} class="isl-root isl-resnet" data-state={hydrated ? 'ready' : 'idle'} data-active={active ?? ''}>
      <svg class={`rn-svg rn-${orientation}`} viewBox={`0 0 ${width} ${height}`} role="group" aria-label={t.title}>
        {items.slice(1).map((it, i) => {
          const prev = items[i] as Placed;
          // Arrows between neighbouring cells, along the flow.
          return row ? (
            <line key={`a${i}`} class="rn-arrow" x1={prev.x + prev.w - 14} x2={it.x + 12} y1={87} y2={87} aria-hidden="true" />
          ) : (
            <line key={`a${i}`} class="rn-arrow" x1={68} x2={68} y1={prev.y + prev.h - 8} y2={it.y + 8} aria-hidden="true" />
          );
        })}
        {items.map((it) => {
          const { s } = it;
          const on = s.id === active;
          const name = [t.names[s.id], s.op].filter(Boolean).join(' ');
          const tx = row ? it.x + it.w / 2 : 140;
          const ty = row ? it.y + it.h - 50 : it.y + it.h / 2 - 4;
          return (
            <g
              key={s.id}
              class={`rn-item rn-${s.kind}${on ? ' rn-on' : ''}${s.gradcam ? ' rn-gc' : ''}`}
              tabIndex={0}
              role="button"
              aria-pressed={on}
              aria-label={label(t, s)}
              data-stage={s.id}
              onMouseEnter={() => setActive(s.id)}
              onFocus={() => setActive(s.id)}
              onClick={() => setActive(s.id)}
            >
              <rect class="rn-hit" x={it.x} y={it.y} width={it.w} height={it.h} rx={6} />
              {it.slabs.map(([x, y, w, h], k) => (
                <rect key={k} class="rn-slab" x={x} y={y} width={w} height={h} rx={2} />
              ))}
              <text class="rn-name" x={tx} y={ty} text-anchor={row ? 'middle' : 'start'}>
                {name}
              </text>
              <text class="rn-shape" x={tx} y={ty + 16} text-anchor={row ? 'middle' : 'start'}>
                {shapeText(s.shape)}
              </text>
              {s.blocks > 0 && (
                <text class={row ? 'rn-shape' : 'rn-tag'} x={tx} y={ty + 31} text-anchor={row ? 'middle' : 'start'}>
                  {row ? t.blocks(s.blocks) : `${t.blocks(s.blocks)}${s.gradcam ? ' · Grad-CAM' : ''}`}
                </text>
              )}
              {row && s.gradcam && (
                <text class="rn-tag" x={tx} y={ty + 45} text-anchor="middle">
                  Grad-CAM
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <div class="rn-desc" aria-live="polite">
        {current ? (
          <p>
            <strong>{label(t, current)}.</strong> {description(t, current)}
          </p>
        ) : (
          <p class="isl-note">{t.hint}</p>
        )}
      </div>
      <BasicBlockFigure lang={lang} />
      <details class="rn-list">
        <summary>{t.listSummary}</summary>
        <ol>
          {STAGES.map((s) => (
            <li key={s.id}>
              <strong>{label(t, s)}.</strong> {description(t, s)}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
