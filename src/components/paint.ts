/** Put RGBA bytes (size×size×4, 0..255) on a canvas, resizing the canvas to `size`. */
export function paint(canvas: HTMLCanvasElement, rgba: Uint8ClampedArray, size: number): void {
  canvas.width = size;
  canvas.height = size;
  canvas.getContext('2d')?.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, size, size), 0, 0);
}
