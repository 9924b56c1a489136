import type { ApiClient } from '../../../src-shared/contract/api';
import { ApiError } from '../../../src-shared/contract/api-error';
import type { ApiErrorShape } from '../../../src-shared/contract/types';
import { EventHub } from './event-hub';

/** Transport A: Electron IPC through the preload's contextBridge. */
export function createIpcClient(bridge: NonNullable<Window['latentLab']>): ApiClient {
  const hub = new EventHub();
  bridge.onEvent((name, payload) => hub.emit(name, payload));
  return {
    async call(name, input) {
      const reply = await bridge.call(name, input);
      if (!reply.ok) throw ApiError.fromShape(reply.error as ApiErrorShape);
      return reply.output as never;
    },
    on: (event, listener) => hub.on(event, listener),
  };
}
