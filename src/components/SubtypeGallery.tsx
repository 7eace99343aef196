/**
 * The five haemorrhage subtypes, each a built-in phantom in the brain window with its ground-truth mask
 * outlined (a checkbox hides the outline), and a one-line caption. No model.
 *
 *   <SubtypeGallery client:visible lang="en" />
 *
 * The phantoms are generated in the page once the island is visible, at 224 (see GALLERY_SIZE), one per
 * task so the page keeps responding. Root attribute for tests: data-state (idle until hydrated | loading | ready).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/langs';
import { ISLANDS } from '../i18n/islands';
import { generatePhantom, type Phantom } from '../phantom/generate';
import { GALLERY, GALLERY_SIZE, galleryRgba } from './subtype-gallery';
import { paint } from './paint';
import './controls.css';
import './islands.css';

export interface SubtypeGalleryProps {
  readonly lang: Lang;
}

export default function SubtypeGallery({ lang }: SubtypeGalleryProps) {
  const t = ISLANDS[lang].gallery;
  const [phantoms, setPhantoms] = useState<readonly (Phantom | null)[]>(() => GALLERY.map(() => null));
  const [outline, setOutline] = useState(true);
  const [hydrated, setHydrated] = useState(false);
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);

  // One phantom per macrotask: 20-140 ms each, so the page paints and responds in between.
  useEffect(() => {
    setHydrated(true);
    let alive = true;
    let i = 0;
    const next = (): void => {
      const g = GALLERY[i];
      if (!alive || !g) return;
      const p = generatePhantom(g.sample.seed, { size: GALLERY_SIZE });
      const k = i++;
      setPhantoms((old) => old.map((o, j) => (j === k ? p : o)));
      setTimeout(next, 0);
    };
    const id = setTimeout(next, 0);
    return () => {
      alive = false;
      clearTimeout(id);
    };
  }, []);

  useEffect(() => {
    GALLERY.forEach((g, i) => {
      const p = phantoms[i];
      const c = canvases.current[i];
      if (!p || !c) return;
      paint(c, galleryRgba(p, g.subtype, outline), GALLERY_SIZE);
      c.dataset['drawn'] = outline ? 'outlined' : 'plain';
    });
  }, [phantoms, outline]);

  const done = phantoms.every((p) => p !== null);
  const state = !hydrated ? 'idle' : done ? 'ready' : 'loading';
  return (
    <div class="isl-root isl-gallery" role="group" aria-label={t.title} data-state={state}>
      <label class="isl-check">
        <input type="checkbox" checked={outline} onChange={(e) => setOutline(e.currentTarget.checked)} />
        {t.outline}
      </label>
      <ul class="isl-tiles">
        {GALLERY.map((g, i) => (
          <li key={g.subtype}>
            <figure class="isl-tile" data-subtype={g.subtype}>
              <canvas
                ref={(el) => {
                  canvases.current[i] = el;
                }}
                width={GALLERY_SIZE}
                height={GALLERY_SIZE}
                role="img"
                aria-label={t.alt(t.names[g.subtype], outline)}
                class="isl-canvas"
              />
              <figcaption>
                <strong>{t.names[g.subtype]}.</strong> {t.captions[g.subtype]}
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
      <p class="isl-note" aria-live="polite">
        {done ? t.note : t.loading}
      </p>
    </div>
  );
}
