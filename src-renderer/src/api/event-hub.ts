import type { EventName, EventPayloads } from '../../../src-shared/contract/api';

/** Per-event listener sets, shared by both transports. */
export class EventHub {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  emit(event: string, payload: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }
}
