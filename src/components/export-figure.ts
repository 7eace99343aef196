/** Save the figure on show as a PNG: the map canvases side by side at 2×, with a caption line. */

/**
 * Draw `canvases` (each 224², the explorer's figures) into one image and download it as `<name>.png`.
 * Everything happens in the page (canvas.toBlob and a blob: link); nothing is uploaded.
 */
export function exportFigure(canvases: readonly HTMLCanvasElement[], name: string, caption: string): void {
  if (canvases.length === 0) return;
  const scale = canvases.length === 1 ? 2 : 1;
  const side = 224 * scale;
  const gap = 8;
  const out = document.createElement('canvas');
  out.width = canvases.length * side + (canvases.length - 1) * gap;
  out.height = side + 32;
  const ctx = out.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  canvases.forEach((c, i) => ctx.drawImage(c, i * (side + gap), 0, side, side));
  ctx.fillStyle = '#1d1d1f';
  ctx.font = '14px system-ui, sans-serif';
  ctx.fillText(caption, 4, side + 21);
  out.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name.replace(/[^\w.-]+/g, '-')}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, 'image/png');
}
