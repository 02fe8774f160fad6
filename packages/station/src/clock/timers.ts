import type { Clock } from '@ocpp-ws-io/core';

/**
 * Named one-shot timers on a clock: setting a name again replaces its timer, so a heartbeat or a
 * reservation expiry can never run twice, and {@link Timers.clearAll} stops a station at once.
 *
 * @example
 * ```ts
 * const timers = new Timers(clock);
 * timers.set('heartbeat', 60_000, () => sendHeartbeat());
 * timers.clearAll();
 * ```
 */
export class Timers {
  readonly #handles = new Map<string, unknown>();
  constructor(readonly clock: Clock) {}

  /** Runs `callback` after `ms` under `name`, replacing a timer of the same name. */
  set(name: string, ms: number, callback: () => void): void {
    this.clear(name);
    const handle = this.clock.setTimeout(() => {
      if (this.#handles.get(name) !== handle) return;
      this.#handles.delete(name);
      callback();
    }, ms);
    this.#handles.set(name, handle);
  }

  /** Runs `callback` at virtual time `atMs` (now if it is past). */
  at(name: string, atMs: number, callback: () => void): void {
    this.set(name, Math.max(0, atMs - this.clock.now()), callback);
  }

  has(name: string): boolean {
    return this.#handles.has(name);
  }

  clear(name: string): void {
    const handle = this.#handles.get(name);
    if (handle === undefined) return;
    this.clock.clearTimeout(handle);
    this.#handles.delete(name);
  }

  /** Clears every timer whose name starts with `prefix`. */
  clearPrefix(prefix: string): void {
    for (const name of [...this.#handles.keys()]) if (name.startsWith(prefix)) this.clear(name);
  }

  clearAll(): void {
    for (const name of [...this.#handles.keys()]) this.clear(name);
  }
}
