/** One figure: the slice with its map on a canvas, a colour legend and a caption. Draws plain RGBA. */
import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { composeFigure, lutFor, type FigureInput } from './compose';

export interface MapFigureProps {
  readonly input: FigureInput | null;
  /** Rendered method name for tests and styling (`data-method`), empty while nothing is drawn. */
  readonly method: string;
  readonly alt: string;
  /** Legend texts: what 1 means for a CAM (its maximum) and for gradients (their 99th percentile). */
  readonly legend: { readonly maxText: string; readonly p99Text: string; readonly clippedText: string; readonly camText: string } | null;
  readonly children?: ComponentChildren;
  readonly small?: boolean;
}

function drawLegend(canvas: HTMLCanvasElement, lut: Uint8Array): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(256, 1);
  for (let i = 0; i < 256; i++) {
    img.data.set([lut[i * 3] ?? 0, lut[i * 3 + 1] ?? 0, lut[i * 3 + 2] ?? 0, 255], i * 4);
  }
  ctx.putImageData(img, 0, 0);
}

export function MapFigure({ input, method, alt, legend, children, small }: MapFigureProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const legendCanvas = useRef<HTMLCanvasElement>(null);
  const signed = useRef(false);
  useEffect(() => {
    const c = canvas.current;
    if (!c || !input) return;
    const { rgba, display } = composeFigure(input);
    c.width = input.size;
    c.height = input.size;
    c.getContext('2d')?.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, input.size, input.size), 0, 0);
    signed.current = display?.signed ?? false;
    if (legendCanvas.current && display) drawLegend(legendCanvas.current, lutFor(input.colormap, display.signed));
    c.dataset['drawn'] = display ? 'map' : 'slice';
  }, [input]);
  // Matches maps/display.ts: a CAM over its maximum; gradients over their 99th percentile, clipped.
  const display = input?.map ? (input.map.kind === 'cam' ? 'cam' : input.view === 'aggregate' ? 'aggregate' : 'signed') : null;
  return (
    <figure class={`ex-figure${small ? ' ex-small' : ''}`} data-method={method}>
      <canvas ref={canvas} width={224} height={224} role="img" aria-label={alt} class="ex-canvas" />
      {legend && (
        // Always laid out (empty while a map computes), so a method switch never changes the figure's height.
        <div class="ex-legend" data-display={display ?? ''}>
          <canvas ref={legendCanvas} width={256} height={1} aria-hidden="true" style={{ visibility: display ? 'visible' : 'hidden' }} />
          <div class="ex-legend-ticks" aria-hidden="true">
            {display === 'signed' ? (
              <>
                <span>−1</span>
                <span>0</span>
                <span>+1 = {legend.p99Text}</span>
              </>
            ) : display ? (
              <>
                <span>0</span>
                <span>1 = {display === 'cam' ? legend.maxText : legend.p99Text}</span>
              </>
            ) : (
              <span>&nbsp;</span>
            )}
          </div>
          <p class="ex-legend-scale">{display === 'cam' ? legend.camText : display ? legend.clippedText : ''}</p>
        </div>
      )}
      {children && <figcaption>{children}</figcaption>}
    </figure>
  );
}
