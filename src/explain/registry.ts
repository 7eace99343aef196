/** Every explanation method by name. */
import { deconvnet } from './deconvnet';
import { gradcam } from './gradcam';
import { gradient } from './gradient';
import { guidedBackprop } from './guided-backprop';
import { guidedGradcam } from './guided-gradcam';
import { gradcamPlusPlus } from './gradcam-plus-plus';
import { integratedGradients } from './integrated-gradients';
import { occlusion } from './occlusion';
import { smoothgrad } from './smoothgrad';
import { ALL_METHOD_NAMES, type Method, type MethodName } from './method';

export const METHODS: Readonly<Record<MethodName, Method>> = {
  gradient,
  deconvnet,
  gradcam,
  'guided-backprop': guidedBackprop,
  'guided-gradcam': guidedGradcam,
  smoothgrad,
  'integrated-gradients': integratedGradients,
  'gradcam-plus-plus': gradcamPlusPlus,
  occlusion,
};

/** Look a method up by name, with a clear error listing the known ones. */
export function methodByName(name: string): Method {
  if (!(ALL_METHOD_NAMES as readonly string[]).includes(name)) {
    throw new Error(`unknown method "${name}" (known: ${ALL_METHOD_NAMES.join(', ')})`);
  }
  return METHODS[name as MethodName];
}
