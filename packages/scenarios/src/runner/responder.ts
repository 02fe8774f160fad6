// Answers the scenario dictates: OCTT's station is configured to answer some calls in a given
// way ("respond NotSupported"), whatever a real station would. The runner wraps the client's
// handle() so every handler the station registers first looks for such an answer.

import type { OCPPClient } from '@ocpp-ws-io/core';

interface Planned {
  readonly response: Readonly<Record<string, unknown>>;
  remaining: number;
}

type AnyHandler = (context: { params: unknown }) => unknown;

/**
 * Planned answers per action, consulted before the station's own handler.
 *
 * @example
 * ```ts
 * const responder = new Responder(client);        // before the station registers its handlers
 * responder.plan('UnlockConnector', { status: 'NotSupported' });
 * ```
 */
export class Responder {
  readonly #plans = new Map<string, Planned[]>();
  readonly #handled = new Set<string>();
  readonly #original: (action: string, handler: AnyHandler) => () => void;

  constructor(client: OCPPClient) {
    const original = client.handle.bind(client) as unknown as (
      action: string,
      handler: AnyHandler,
    ) => () => void;
    this.#original = original;
    const wrapped = (action: string, handler: AnyHandler) => {
      if (action === '*') return original(action, handler);
      this.#handled.add(action);
      return original(action, (context) => this.#take(action) ?? handler(context));
    };
    (client as unknown as { handle: typeof wrapped }).handle = wrapped;
  }

  /** The next `times` calls of `action` get `response`. */
  plan(action: string, response: Readonly<Record<string, unknown>>, times = 1): void {
    const plans = this.#plans.get(action) ?? [];
    plans.push({ response, remaining: times });
    this.#plans.set(action, plans);
    // An action the station has no handler for gets one of ours (it would answer NotSupported).
    if (!this.#handled.has(action)) {
      this.#handled.add(action);
      this.#original(
        action,
        () => this.#take(action) ?? Promise.reject(new Error(`${action} is not handled`)),
      );
    }
  }

  #take(action: string): Readonly<Record<string, unknown>> | undefined {
    const plans = this.#plans.get(action);
    const next = plans?.[0];
    if (!next) return undefined;
    if (--next.remaining <= 0) plans!.shift();
    return next.response;
  }
}
