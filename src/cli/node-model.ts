/** Backend and weights for Node entry points (CLI, benchmarks): the same modules the site uses. */
import { initBackend } from '../model/backend';
import { createResNet, type ResNet } from '../model/resnet34';
import { defaultWeights, loadWeightsFromDir } from '../model/weights-node';
import { disposeWeights } from '../model/weights';
import type * as tf from '@tensorflow/tfjs-core';
import type { ResNetSpec } from '../model/arch';

export interface NodeModel {
  readonly net: ResNet;
  /** The weights the network reads (owned by this model; for the sanity checks' randomised copies). */
  readonly weights: tf.NamedTensorMap;
  readonly spec: ResNetSpec;
  readonly backend: string;
  /** One line: which weights are in use (trained from a path, or the seeded random stand-in). */
  readonly weightsDescription: string;
  readonly meta: Record<string, unknown>;
  dispose(): void;
}

/** Make `backend` current and build the network from `weightsDir` (default: models/resnet34, else seeded). */
export async function loadNodeModel(opts: { backend: 'wasm' | 'cpu'; weightsDir?: string }): Promise<NodeModel> {
  const choice = await initBackend({ candidates: [opts.backend] });
  const loaded = opts.weightsDir
    ? { ...(await loadWeightsFromDir(opts.weightsDir)), note: `weights: ${opts.weightsDir}` }
    : await defaultWeights();
  const net = createResNet(loaded.weights, loaded.spec);
  return {
    net,
    weights: loaded.weights,
    spec: loaded.spec,
    backend: choice.name,
    weightsDescription: loaded.note.replace(/^weights: /, ''),
    meta: loaded.meta,
    dispose() {
      net.dispose();
      disposeWeights(loaded.weights);
    },
  };
}
