/**
 * The method sections' teaching figures, drawn as SVG from scenes (scene.ts) in the reader's language:
 *
 *   <DeconvNetFigure lang="en" />   Zeiler & Fergus's layer and mirror, switches, transposed filters
 *   <GradCamFigure lang="es" />     Selvaraju et al.'s pipeline on a worked example
 *
 * Static: used without a client directive, they are rendered at build time and ship no script. Each
 * panel is an <svg role="img"> with data-panel; the figure has data-figure (deconvnet | gradcam). The
 * ResNet basic block is BasicBlockFigure.tsx, drawn inside the ResNet diagram.
 */
import type { Lang } from '../../i18n/langs';
import { FIGURES } from '../../i18n/figures';
import { deconvScenes } from './deconvnet-scenes';
import { gradCamScenes } from './gradcam-scenes';
import { Figure } from './Figure';

export function DeconvNetFigure({ lang }: { lang: Lang }) {
  return <Figure name="deconvnet" scenes={deconvScenes(lang)} caption={FIGURES[lang].deconv.caption} />;
}

export function GradCamFigure({ lang }: { lang: Lang }) {
  return <Figure name="gradcam" scenes={gradCamScenes(lang)} caption={FIGURES[lang].gradcam.caption} />;
}
