/**
 * One teaching figure: its panels (each an accessible SVG drawn from a scene) and a caption.
 * Root attribute for tests: data-figure (the figure's name).
 */
import type { Scene } from './scene';
import { SvgScene } from './SvgScene';
import './figures.css';

export function Figure({ name, scenes, caption }: { name: string; scenes: readonly Scene[]; caption: string }) {
  return (
    <figure class={`tf tf-${name}`} data-figure={name}>
      <div class="tf-panels">
        {scenes.map((s) => (
          <SvgScene key={s.id} scene={s} />
        ))}
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
