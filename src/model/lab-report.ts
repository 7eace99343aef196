/**
 * The evaluation lab's report (format ich-lab/1): what `npm run evaluate -- --phantoms N` computes
 * (src/cli/lab-eval.ts) and the article reads from models/resnet34/lab.json (./metrics.ts). Its shape
 * lives here, beside the other files shipped with the weights that ./metrics.ts reads, so the model
 * layer never imports the metrics above it.
 */
import type { Block } from './randomise';

/** Per method: means over the scored slices. */
export interface LabMethodRow {
  pointing_game: number;
  energy_pointing_game: number;
  top5_iou: number;
  deletion_auc: number;
  insertion_auc: number;
  /** Mean Spearman ρ of |map| after randomising down to each block (cascading, cumulative). */
  randomisation_spearman: Record<Block, number>;
  randomisation_spearman_signed: Record<Block, number>;
  randomisation_ssim: Record<Block, number>;
  /** With `--independent`: Spearman ρ of |map| with only that block randomised. */
  randomisation_spearman_independent?: Record<Block, number>;
  /** 95 % bootstrap intervals (resampling phantoms) of the means above, [low, high]. */
  intervals?: {
    pointing_game: [number, number];
    energy_pointing_game: [number, number];
    deletion_auc: [number, number];
    insertion_auc: [number, number];
    randomisation_spearman_conv1: [number, number];
  };
}

export interface LabReport {
  readonly format: 'ich-lab/1';
  readonly slices: number;
  readonly seeds: readonly number[];
  readonly label: 'any';
  readonly steps: number;
  readonly baseline: string;
  readonly methods: Record<string, LabMethodRow>;
}
