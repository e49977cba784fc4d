// The page's side of the one-way host events (HostEvents in shared/common/ipc.ts). An event that
// arrives before the page listens for it (a file passed on the command line is sent as soon as the
// page has loaded, before React has mounted) is kept and handed to the first listener. Pure; used by
// preload.ts.
import type { HostEvent, HostEvents } from '../shared/common/ipc';

type Listener<E extends HostEvent> = (payload: HostEvents[E]) => void;

export class HostEventBuffer {
  private readonly listeners = new Map<HostEvent, Set<Listener<HostEvent>>>();
  private readonly waiting = new Map<HostEvent, unknown[]>();

  emit<E extends HostEvent>(event: E, payload: HostEvents[E]): void {
    const listeners = this.listeners.get(event);
    if (listeners && listeners.size > 0) {
      for (const listener of listeners) listener(payload);
      return;
    }
    const waiting = this.waiting.get(event) ?? [];
    waiting.push(payload);
    this.waiting.set(event, waiting);
  }

  on<E extends HostEvent>(event: E, listener: Listener<E>): () => void {
    const listeners = this.listeners.get(event) ?? new Set<Listener<HostEvent>>();
    listeners.add(listener as Listener<HostEvent>);
    this.listeners.set(event, listeners);
    const waiting = this.waiting.get(event) ?? [];
    this.waiting.delete(event);
    for (const payload of waiting) listener(payload as HostEvents[E]);
    return () => listeners.delete(listener as Listener<HostEvent>);
  }
}
