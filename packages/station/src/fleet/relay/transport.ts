import { BufferedTransport, type CloseInfo } from '@ocpp-ws-io/core';
import { pageFrame } from './frames.js';

/**
 * One station's connection through the relay: a channel of the shared link, seen by the client as
 * an ordinary transport. Made by `relayConnector`; the link feeds it what the relay says about
 * its channel. Buffering until attach, the sendable close and the one close report come from
 * core's `BufferedTransport`, as for every runtime's socket.
 *
 * @example
 * ```ts
 * // Made for you: const transport = await relayConnector({ url, connector })(request);
 * transport.attach({ message: console.log, binary() {}, close: console.log, error: console.error });
 * transport.send('[2,"1","Heartbeat",{}]');
 * ```
 */
export class RelayTransport extends BufferedTransport {
  #protocol = '';
  #state: 'opening' | 'open' | 'closing' | 'closed' = 'opening';

  constructor(
    readonly channel: number,
    private readonly out: (frame: string) => void,
  ) {
    super();
  }

  /** The subprotocol the CSMS chose, as the relay reported it. */
  get protocol(): string {
    return this.#protocol;
  }

  send(data: string): void {
    if (this.#state === 'open') this.out(pageFrame('send', this.channel, data));
  }

  protected closeSocket(code: number, reason: string): void {
    if (this.#state !== 'open' && this.#state !== 'opening') return;
    this.#state = 'closing';
    // The sink hears of it when the relay reports the CSMS side closed (`closed`).
    this.out(pageFrame('close', this.channel, { code, reason }));
  }

  /** @internal The relay opened the CSMS connection. */
  opened(protocol: string): void {
    this.#protocol = protocol;
    if (this.#state === 'opening') this.#state = 'open';
  }

  /** @internal A text frame from the CSMS. */
  message(data: string): void {
    if (this.#state !== 'closed') this.onText(data);
  }

  /** @internal The CSMS sent a binary frame (the relay does not forward its content). */
  binary(): void {
    if (this.#state !== 'closed') this.onBinary();
  }

  /** @internal The relay reported a problem with the channel. */
  error(error: Error): void {
    if (this.#state !== 'closed') this.onError(error);
  }

  /** @internal The CSMS connection closed (or the link to the relay did: 1006). */
  ended(info: CloseInfo): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.onClose(info);
  }
}
