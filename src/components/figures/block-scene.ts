/**
 * A ResNet basic block (He et al. 2016, arXiv:1512.03385, Fig. 2; torchvision's BasicBlock, as in
 * src/model/resnet34.ts): conv 3×3 → BN → ReLU → conv 3×3 → BN, plus the shortcut, then ReLU. The
 * shortcut is the identity, or a 1×1 convolution with stride 2 and BN in the first block of
 * layer2..layer4. A scene (scene.ts) drawn by BasicBlockFigure.tsx.
 */
import type { Lang } from '../../i18n/langs';
import { FIGURES } from '../../i18n/figures';
import { arrow, box, linesHeight, text, wrap, type Scene, type Shape } from './scene';
import { heading } from './deconvnet-scenes';

const W = 420;
const SMALL = 12;

/** The basic block in `lang`. */
export function blockScene(lang: Lang): Scene {
  const t = FIGURES[lang].block;
  const head = heading(t.title);
  const shapes: Shape[] = [...head.shapes];
  const X = 70;
  const BW = 150;
  const cx = X + BW / 2;
  const H = 28;
  const STEP = 42;
  const y0 = head.bottom + 12;
  shapes.push(...box(X, y0, BW, H, t.input, { bold: true }));
  const main = [t.conv, t.bn, t.relu, t.conv, t.bn];
  const my = (i: number): number => y0 + (i + 1) * STEP;
  main.forEach((s, i) => {
    shapes.push(...arrow(cx, my(i) - STEP + H + 1, cx, my(i) - 1));
    shapes.push(...box(X, my(i), BW, H, s, { cls: i === 2 ? 'tf-box tf-relu' : 'tf-box' }));
  });
  // F(h): a bracket on the left of the main path.
  const fTop = my(0);
  const fBottom = my(4) + H;
  shapes.push({ kind: 'path', d: `M${X - 8},${fTop} h-6 V${fBottom} h6`, cls: 'tf-bracket' });
  shapes.push(text(X - 20, (fTop + fBottom) / 2 + 4, t.residual, { size: 12, anchor: 'end', bold: true, tone: 'accent' }));
  // The addition.
  const ay = my(4) + H + 26;
  const r = 12;
  shapes.push(...arrow(cx, my(4) + H + 1, cx, ay - r - 1));
  shapes.push({ kind: 'path', d: `M${cx - r},${ay} a${r},${r} 0 1,0 ${2 * r},0 a${r},${r} 0 1,0 ${-2 * r},0 Z M${cx - 7},${ay} h14 M${cx},${ay - 7} v14`, cls: 'tf-add' });
  shapes.push(text(cx - r - 6, ay + 4, t.add, { size: SMALL, anchor: 'end', italic: true }));
  // The shortcut: from the input's right side, down the right, into the addition.
  const sx = X + BW + 40;
  shapes.push({ kind: 'path', d: `M${X + BW},${y0 + H / 2} H${sx} V${ay}`, cls: 'tf-arrow tf-key tf-line' });
  shapes.push(...arrow(sx, ay, cx + r + 1, ay, { cls: 'tf-arrow tf-key' }));
  const lx = sx + 10;
  const lw = W - 8 - lx;
  const idLines = wrap(t.identity, lw, 12);
  const iy = y0 + H + 30;
  shapes.push(text(lx, iy, idLines, { size: 12, tone: 'accent', bold: true }));
  const pj = wrap(t.projection, lw, SMALL);
  shapes.push(text(lx, iy + linesHeight(idLines.length, 12) + 10, pj, { size: SMALL, tone: 'muted', italic: true }));
  // ReLU after the addition, then the output.
  const ry = ay + r + 14;
  shapes.push(...arrow(cx, ay + r + 1, cx, ry - 1));
  shapes.push(...box(X, ry, BW, H, t.relu, { cls: 'tf-box tf-relu' }));
  const oy = ry + H + 14;
  shapes.push(...arrow(cx, ry + H + 1, cx, oy - 1));
  const out = wrap(t.output, BW - 12, 12);
  const oh = Math.max(H, linesHeight(out.length, 12) + 12);
  shapes.push(...box(X, oy, BW, oh, t.output, { bold: true }));
  return { id: 'resnet-block', width: W, height: Math.ceil(oy + oh + 8), title: t.title, desc: t.desc, shapes };
}
