/**
 * The compute worker (a module worker): tfjs, the ResNet and every explanation run here, off the main
 * thread. All logic lives in handler.ts; this file wires it to postMessage with transferable buffers.
 */
import { RESNET34 } from '../model/arch';
import { WASM_URLS } from '../model/wasm-urls';
import { createHandler } from './handler';
import type { WorkerRequest, WorkerResponse } from './protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(msg: WorkerResponse, transfer: Transferable[]): void;
};

const handler = createHandler({ backend: { wasmPaths: WASM_URLS }, fallbackSpec: RESNET34, prepareWhenIdle: true });

scope.onmessage = (e) => {
  void handler.handle(e.data, (msg, transfer = []) => scope.postMessage(msg, transfer));
};
