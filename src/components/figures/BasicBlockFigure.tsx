/**
 * A ResNet basic block with its shortcut, in the reader's language (block-scene.ts), drawn inside the
 * ResNet diagram island (ResNetDiagram.tsx) under the stage cards it opens up.
 *
 *   <BasicBlockFigure lang="en" />
 */
import type { Lang } from '../../i18n/langs';
import { FIGURES } from '../../i18n/figures';
import { blockScene } from './block-scene';
import { Figure } from './Figure';

export function BasicBlockFigure({ lang }: { lang: Lang }) {
  return <Figure name="resnet-block" scenes={[blockScene(lang)]} caption={FIGURES[lang].block.caption} />;
}
