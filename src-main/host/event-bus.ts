import type { EventName, EventPayloads } from '../../src-shared/contract/api';

type Listener<E extends EventName> = (payload: EventPayloads[E]) => void;

/** Host-side fan-out of contract events to every connected UI (IPC window, WebSocket clients, CLI). */
export class EventBus {
  private readonly listeners = new Set<(name: EventName, payload: unknown) => void>();

  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  /** Receives every event; returns an unsubscribe function. */
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<E extends EventName>(name: E, listener: Listener<E>): () => void {
    return this.subscribe((event, payload) => {
      if (event === name) listener(payload as EventPayloads[E]);
    });
  }
}
