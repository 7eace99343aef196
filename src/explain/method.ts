/**
 * The one interface every explanation method implements. Methods reach the network only through its
 * contract (a recorded forward pass, `backward` with a ReLU rule); they never touch layer internals.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Stage } from '../model/arch';
import type { ForwardState, ResNet } from '../model/resnet34';

/** The methods of the article and the explorer (the original post's four, plus the plain gradient). */
export const METHOD_NAMES = ['gradient', 'deconvnet', 'gradcam', 'guided-backprop', 'guided-gradcam'] as const;
/** Methods that came after, for the evaluation lab (many passes each: CLI and lab only, not the explorer). */
export const LAB_METHOD_NAMES = ['smoothgrad', 'integrated-gradients', 'gradcam-plus-plus', 'occlusion'] as const;
export const ALL_METHOD_NAMES = [...METHOD_NAMES, ...LAB_METHOD_NAMES] as const;
export type MethodName = (typeof ALL_METHOD_NAMES)[number];

/** A feature-map target for DeconvNet: one channel of one block output (e.g. `layer3.2`, channel 17). */
export interface FeatureTarget {
  readonly block: string;
  readonly channel: number;
}

/** What to explain. */
export interface ExplainRequest {
  readonly method: MethodName;
  /** Output index (0..5, see LABELS) whose logit is explained; ignored when `feature` is set. */
  readonly label: number;
  /** Grad-CAM layer for `gradcam` and `guided-gradcam`; default `layer4`. */
  readonly layer?: Stage;
  /** DeconvNet only: start from a feature map instead of a class logit. */
  readonly feature?: FeatureTarget;
}

/**
 * `cam`: non-negative, one channel, at input resolution (bilinearly upsampled).
 * `signed`: signed, one value per input channel (the three CT windows).
 */
export type MapKind = 'cam' | 'signed';

/** What a method gets: the network, its recorded forward pass, and other methods' maps (memoised). */
export interface MethodContext {
  readonly net: ResNet;
  /** The model input of this session, [1,H,W,C]; owned by the session (methods that perturb it copy it). */
  readonly input: tf.Tensor4D;
  /** From `net.forward`; owned by the session, not disposed by methods. */
  readonly state: ForwardState;
  /** Another method's map for this input, computed once per session. Owned by the session: never dispose it. */
  map(req: ExplainRequest): tf.Tensor3D;
}

export interface Method {
  readonly name: MethodName;
  /** Human title and the paper that defines it. */
  readonly title: string;
  readonly reference: string;
  readonly kind: MapKind;
  /**
   * Synchronous: call inside `tf.tidy`.
   * @returns [H,W,C] float32 at the input's resolution, C = 1 for `cam`, C = input channels for `signed`.
   */
  compute(ctx: MethodContext, req: ExplainRequest): tf.Tensor3D;
}
