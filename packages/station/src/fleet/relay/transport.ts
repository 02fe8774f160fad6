import type { CloseInfo, Transport, TransportSink } from '@ocpp-ws-io/core';
import { pageFrame } from './frames.js';

/**
 * One station's connection through the relay: a channel of the shared link, seen by the client as
 * an ordinary {@link Transport}. Made by `relayConnector`; the link feeds it what the relay says
 * about its channel.
 *
 * @example
 * ```ts
 * // Made for you: const transport = await relayConnector({ url, connector })(request);
 * transport.attach({ message: console.log, close: console.log, error: console.error });
 * transport.send('[2,"1","Heartbeat",{}]');
 * ```
 */
export class RelayTransport implements Transport {
  #protocol = '';
  #state: 'opening' | 'open' | 'closing' | 'closed' = 'opening';
  #sink: TransportSink | undefined;
  // Events that arrive between the relay's `opened` and the client's attach(), in order.
  #backlog: Array<(sink: TransportSink) => void> = [];

  constructor(
    readonly channel: number,
    private readonly out: (frame: string) => void,
  ) {}

  /** The subprotocol the CSMS chose, as the relay reported it. */
  get protocol(): string {
    return this.#protocol;
  }

  send(data: string): void {
    if (this.#state === 'open') this.out(pageFrame('send', this.channel, data));
  }

  close(code = 1000, reason = ''): void {
    if (this.#state !== 'open' && this.#state !== 'opening') return;
    this.#state = 'closing';
    // The sink hears of it when the relay reports the CSMS side closed (`closed`).
    this.out(pageFrame('close', this.channel, { code, reason }));
  }

  attach(sink: TransportSink): void {
    this.#sink = sink;
    const backlog = this.#backlog;
    this.#backlog = [];
    for (const event of backlog) event(sink);
  }

  /** @internal The relay opened the CSMS connection. */
  opened(protocol: string): void {
    this.#protocol = protocol;
    if (this.#state === 'opening') this.#state = 'open';
  }

  /** @internal A frame from the CSMS. */
  message(data: string): void {
    if (this.#state !== 'closed') this.#emit((sink) => sink.message(data));
  }

  /** @internal The relay reported a problem with the channel. */
  error(error: Error): void {
    if (this.#state !== 'closed') this.#emit((sink) => sink.error(error));
  }

  /** @internal The CSMS connection closed (or the link to the relay did: 1006). */
  ended(info: CloseInfo): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#emit((sink) => sink.close(info));
  }

  #emit(event: (sink: TransportSink) => void): void {
    if (this.#sink) event(this.#sink);
    else this.#backlog.push(event);
  }
}
