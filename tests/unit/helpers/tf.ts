/**
 * Test helper: make a Node-capable tfjs backend current, through the same `initBackend` the site uses
 * (gradients registered, probe checked). Call in `beforeAll` before creating any tensor:
 *
 *   beforeAll(async () => { await useBackend('wasm'); });
 */
import { initBackend, type BackendChoice } from '../../../src/model/backend';

/** Switch to `name` ('wasm' or 'cpu'); throws with the reason when it fails its probe. */
export async function useBackend(name: 'wasm' | 'cpu'): Promise<BackendChoice> {
  return initBackend({ candidates: [name] });
}
