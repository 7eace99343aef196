/** Every explanation method by name. */
import { deconvnet } from './deconvnet';
import { gradcam } from './gradcam';
import { gradient } from './gradient';
import { guidedBackprop } from './guided-backprop';
import { guidedGradcam } from './guided-gradcam';
import { METHOD_NAMES, type Method, type MethodName } from './method';

export const METHODS: Readonly<Record<MethodName, Method>> = {
  gradient,
  deconvnet,
  gradcam,
  'guided-backprop': guidedBackprop,
  'guided-gradcam': guidedGradcam,
};

/** Look a method up by name, with a clear error listing the known ones. */
export function methodByName(name: string): Method {
  if (!(METHOD_NAMES as readonly string[]).includes(name)) {
    throw new Error(`unknown method "${name}" (known: ${METHOD_NAMES.join(', ')})`);
  }
  return METHODS[name as MethodName];
}
