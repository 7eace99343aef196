/**
 * The six labels, in the network's output order (RSNA 2019 intracranial haemorrhage challenge), and the
 * names of the network's stages. A leaf module: the model (src/model/arch.ts), the phantom generator
 * (src/phantom/) and the words of every language (src/i18n/) import it, so none of them needs a layer
 * above it for a name.
 */
export const LABELS = ['any', 'epidural', 'intraparenchymal', 'intraventricular', 'subarachnoid', 'subdural'] as const;
export type Label = (typeof LABELS)[number];

/** The five subtypes: every label but 'any' (src/phantom/bleeds.ts paints them). */
export type Subtype = Exclude<Label, 'any'>;

/** The four stages whose outputs Grad-CAM can target (src/model/arch.ts re-exports them). */
export const STAGES = ['layer1', 'layer2', 'layer3', 'layer4'] as const;
export type Stage = (typeof STAGES)[number];

/** Ids of the ResNet diagram's items in forward order (src/components/resnet-stages.ts draws them). */
export type StageId = 'input' | 'conv1' | 'maxpool' | Stage | 'avgpool' | 'fc' | 'sigmoid';
