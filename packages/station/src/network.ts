import {
  type CloseInfo,
  ConnectError,
  type Connector,
  type Transport,
  type TransportSink,
} from '@ocpp-ws-io/core';

/**
 * A switch in the station's network cable. Wrap the connector of any adapter with it and give
 * the station the switch: `goOffline()` then drops the connection the way a lost network does
 * (the client sees an abnormal close, 1006, and keeps reconnecting, with transaction messages
 * kept in its durable queue), and `comeBack()` lets the waiting reconnect through.
 *
 * @example
 * ```ts
 * import { nodeConnector, OCPPClient } from '@ocpp-ws-io/node';
 *
 * const network = new NetworkSwitch(nodeConnector());
 * const client = new OCPPClient({ endpoint, identity: 'CP-1', protocols: ['ocpp1.6'], connector: network.connector });
 * const station = new VirtualStation({ client, network, vendor: 'Acme', model: 'X1' });
 * ```
 */
export class NetworkSwitch {
  #up = true;
  #current: CutTransport | undefined;
  #waiters: Array<() => void> = [];
  readonly connector: Connector;

  constructor(inner: Connector) {
    this.connector = async (request) => {
      // While the cable is out, an attempt waits for it to come back (or for its own timeout),
      // rather than failing at once and pushing the client's back-off further out.
      while (!this.#up) {
        await new Promise<void>((resolve, reject) => {
          const onAbort = () =>
            reject(request.signal.reason ?? new ConnectError('Network is down', { retryable: true }));
          if (request.signal.aborted) return onAbort();
          request.signal.addEventListener('abort', onAbort, { once: true });
          this.#waiters.push(() => {
            request.signal.removeEventListener('abort', onAbort);
            resolve();
          });
        });
      }
      const transport = new CutTransport(await inner(request));
      this.#current = transport;
      return transport;
    };
  }

  /** True while the network is up. */
  get up(): boolean {
    return this.#up;
  }

  /** Pulls the cable: the open connection is lost (1006) and reconnects wait. */
  cut(): void {
    this.#up = false;
    this.#current?.cut();
    this.#current = undefined;
  }

  /** Puts the cable back: waiting reconnect attempts go through. */
  restore(): void {
    this.#up = true;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

/** A transport that can be cut: its consumer sees a 1006 close, and nothing more from the wire. */
class CutTransport implements Transport {
  #sink: TransportSink | undefined;
  #cut = false;
  constructor(private readonly inner: Transport) {}

  get protocol(): string {
    return this.inner.protocol;
  }

  send(data: string): void {
    if (!this.#cut) this.inner.send(data);
  }

  close(code?: number, reason?: string): void {
    this.inner.close(code, reason);
  }

  attach(sink: TransportSink): void {
    this.#sink = sink;
    const inner = this.inner;
    inner.attach({
      message: (data) => {
        if (!this.#cut) sink.message(data);
      },
      binary: () => {
        if (!this.#cut) sink.binary();
      },
      close: (info: CloseInfo) => {
        if (!this.#cut) sink.close(info);
      },
      error: (error) => {
        if (!this.#cut) sink.error(error);
      },
    });
  }

  cut(): void {
    if (this.#cut) return;
    this.#cut = true;
    // The other end learns of it only when the socket closes, as with a real cable.
    this.inner.close(1001, 'Network cut');
    this.#sink?.close({ code: 1006, reason: '' });
  }
}
