/**
 * Draws one teaching-figure scene (scene.ts) as an accessible SVG: role="img", named by its <title>
 * and described by its <desc>, every word drawn as real SVG text in the theme's colours (figures.css),
 * so it reads in light and dark mode, can be selected and is translated with the page.
 */
import { runs, SCRIPT_SCALE, type Scene, type Shape } from './scene';

/** One drawn line with its subscripts and superscripts as shifted, smaller tspans (dy relative to the run before). */
function Line({ s, size }: { s: string; size: number }) {
  const shift = Math.round(size * 0.3 * 10) / 10;
  const offset = (script: 'sub' | 'sup' | null): number => (script === 'sub' ? shift : script === 'sup' ? -shift : 0);
  let before = 0;
  return (
    <>
      {runs(s).map((r, i) => {
        const now = offset(r.script);
        const dy = Math.round((now - before) * 10) / 10;
        before = now;
        return (
          <tspan key={i} {...(dy !== 0 ? { dy } : {})} {...(r.script ? { 'font-size': `${SCRIPT_SCALE * 100}%` } : {})}>
            {r.text}
          </tspan>
        );
      })}
    </>
  );
}

function draw(s: Shape, i: number) {
  switch (s.kind) {
    case 'rect':
      return (
        <rect
          key={i}
          class={s.cls}
          x={s.x}
          y={s.y}
          width={s.w}
          height={s.h}
          {...(s.rx ? { rx: s.rx } : {})}
          {...(s.fill || s.opacity !== undefined ? { style: `${s.fill ? `fill:${s.fill};` : ''}${s.opacity !== undefined ? `fill-opacity:${s.opacity}` : ''}` } : {})}
        />
      );
    case 'line':
      return <line key={i} class={`${s.cls}${s.dashed ? ' tf-dashed' : ''}`} x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} />;
    case 'path':
      return <path key={i} class={s.cls} d={s.d} />;
    case 'text':
      return (
        <text
          key={i}
          class={`tf-${s.tone}${s.bold ? ' tf-bold' : ''}${s.italic ? ' tf-italic' : ''}`}
          x={s.x}
          y={s.y}
          font-size={s.size}
          text-anchor={s.anchor}
          {...(s.fill ? { style: `fill:${s.fill}` } : {})}
        >
          {s.lines.map((l, j) => (
            <tspan key={j} x={s.x} y={Math.round((s.y + j * s.size * 1.25) * 10) / 10}>
              <Line s={l} size={s.size} />
            </tspan>
          ))}
        </text>
      );
  }
}

export function SvgScene({ scene }: { scene: Scene }) {
  const id = `tf-${scene.id}`;
  return (
    <svg class="tf-panel" viewBox={`0 0 ${scene.width} ${scene.height}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} data-panel={scene.id}>
      <title id={`${id}-title`}>{scene.title}</title>
      <desc id={`${id}-desc`}>{scene.desc}</desc>
      {scene.shapes.map(draw)}
    </svg>
  );
}
