import {
  type CloseInfo,
  ConnectError,
  type Connector,
  type ConnectRequest,
  type Transport,
} from '@ocpp-ws-io/core';
import { pageFrame, parseRelayFrame, RELAY_PROTOCOL, type RelayFrame } from './frames.js';
import { RelayTransport } from './transport.js';

/**
 * Options of {@link relayConnector}.
 *
 * @example
 * ```ts
 * const options: RelayConnectorOptions = { url: 'ws://127.0.0.1:9100/', connector: browserConnector() };
 * ```
 */
export interface RelayConnectorOptions {
  /** The relay's WebSocket URL (`startRelay()` in `@ocpp-ws-io/node` prints it). */
  readonly url: string;
  /**
   * Opens the one socket to the relay: any adapter's connector, e.g. `browserConnector()` in a
   * page or `nodeConnector()` in Node. The relay's subprotocol is offered through it.
   */
  readonly connector: Connector;
  /** Problems the relay reports about the link itself (a frame it could not read). */
  readonly onError?: (error: Error) => void;
}

/**
 * A connector (core's `Connector`) whose stations share one socket to a relay; also reports and
 * ends the link.
 *
 * @example
 * ```ts
 * const relay: RelayConnector = relayConnector({ url, connector: browserConnector() });
 * console.log(relay.channels, 'stations over one socket');
 * relay.close();
 * ```
 */
export interface RelayConnector {
  /** Opens one station's connection as a channel of the link: a {@link Connector}. */
  (request: ConnectRequest): Promise<Transport>;
  /** Stations connected or connecting through the link. */
  readonly channels: number;
  /** Closes the link: every station on it sees its connection lost (1006) and reconnects. */
  close(): void;
}

/**
 * Connects stations through a relay (see `startRelay` in `@ocpp-ws-io/node`): every station's
 * OCPP connection becomes a channel of ONE WebSocket from here to the relay, which opens the real
 * WebSocket to the CSMS — with the station's URL, subprotocol offer and Basic credentials — and
 * forwards frames, closes and errors both ways. The way past Chromium's 255 WebSockets per
 * renderer process: a tab holds a thousand stations on one socket.
 *
 * What the client sees is what the CSMS did: the subprotocol it chose, the close code it sent,
 * and on a refused handshake a `ConnectError` with the HTTP `status` (a browser's own WebSocket
 * hides it). The link opens with the first station and stays open; if it drops, every station on
 * it sees 1006 and reconnects with its usual back-off (the link reopens with the first of them).
 *
 * Runtime-agnostic: pass any adapter's connector for the link, and the returned connector to any
 * adapter's `OCPPClient` as its `connector` option.
 *
 * @example
 * ```ts
 * import { browserConnector, OCPPClient } from '@ocpp-ws-io/browser';
 * import { relayConnector } from '@ocpp-ws-io/station';
 *
 * const relay = relayConnector({ url: 'ws://127.0.0.1:9100/', connector: browserConnector() });
 * const client = new OCPPClient({
 *   endpoint: 'ws://127.0.0.1:8787/ocpp', identity: 'CP-1', protocols: ['ocpp1.6'],
 *   password: 'a-16-char-secret', connector: relay,
 * });
 * await client.connect(); // a channel of the relay link; the relay holds the real socket
 * ```
 */
export function relayConnector(options: RelayConnectorOptions): RelayConnector {
  const link = new RelayLink(options);
  const connector = (request: ConnectRequest) => link.open(request);
  return Object.defineProperties(connector, {
    channels: { get: () => link.channels, enumerable: true },
    close: { value: () => link.close(), enumerable: true },
  }) as RelayConnector;
}

/** A channel of the link: waiting for the relay's answer, then open. */
interface Channel {
  readonly transport: RelayTransport;
  /** Set until the relay answered `opened` or `refused`. */
  settle?: (outcome: { transport: RelayTransport } | { error: ConnectError }) => void;
}

/** The one socket to the relay and the channels on it. */
class RelayLink {
  #transport: Transport | undefined;
  #opening: Promise<Transport> | undefined;
  #abortOpening: AbortController | undefined;
  #waiting = 0;
  // Channel numbers are never reused, so a late frame about a channel that ended can't be
  // mistaken for one of a newer station.
  #nextChannel = 1;
  readonly #channels = new Map<number, Channel>();

  constructor(private readonly options: RelayConnectorOptions) {}

  get channels(): number {
    return this.#channels.size;
  }

  async open(request: ConnectRequest): Promise<Transport> {
    const link = await this.#link(request.signal);
    const channel = this.#nextChannel++;
    const transport = new RelayTransport(channel, (frame) => this.#send(frame));
    return new Promise<Transport>((resolve, reject) => {
      const onAbort = () => {
        if (!this.#channels.has(channel)) return;
        this.#channels.delete(channel);
        // Tells the relay to give up the handshake; its answer about this channel is ignored.
        transport.close(1000, 'Connection attempt aborted');
        reject(
          request.signal.reason instanceof ConnectError
            ? request.signal.reason
            : new ConnectError('Connection attempt aborted', {
                retryable: false,
                cause: request.signal.reason,
              }),
        );
      };
      this.#channels.set(channel, {
        transport,
        settle: (outcome) => {
          request.signal.removeEventListener('abort', onAbort);
          if ('error' in outcome) reject(outcome.error);
          else resolve(outcome.transport);
        },
      });
      request.signal.addEventListener('abort', onAbort, { once: true });
      const { url, protocols, identity, password, headers } = request;
      link.send(
        pageFrame('open', channel, {
          url,
          protocols,
          identity,
          ...(password !== undefined ? { password } : {}),
          ...(headers !== undefined ? { headers } : {}),
        }),
      );
    });
  }

  close(): void {
    this.#abortOpening?.abort(new ConnectError('Relay link closed', { retryable: false }));
    this.#transport?.close(1000, 'Relay link closed');
  }

  /** The open link, or the one being opened; aborted only when every station waiting gave up. */
  async #link(signal: AbortSignal): Promise<Transport> {
    if (this.#transport) return this.#transport;
    if (signal.aborted) throw signal.reason;
    this.#opening ??= this.#openLink();
    this.#waiting++;
    let onAbort: (() => void) | undefined;
    try {
      return await Promise.race([
        this.#opening,
        new Promise<never>((_, reject) => {
          onAbort = () => reject(signal.reason);
          signal.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
      this.#waiting--;
      if (this.#waiting === 0 && !this.#transport) this.#abortOpening?.abort(signal.reason);
    }
  }

  #openLink(): Promise<Transport> {
    const abort = new AbortController();
    this.#abortOpening = abort;
    const opening = this.options
      .connector({
        url: this.options.url,
        identity: 'relay',
        protocols: [RELAY_PROTOCOL],
        signal: abort.signal,
      })
      .then((transport) => {
        if (transport.protocol !== RELAY_PROTOCOL) {
          transport.close(1000, 'Wrong relay protocol');
          throw new ConnectError(
            `The relay speaks ${transport.protocol || 'no subprotocol'}, not ${RELAY_PROTOCOL}`,
            {
              retryable: false,
            },
          );
        }
        this.#transport = transport;
        transport.attach({
          message: (text) => this.#onFrame(text),
          binary: () =>
            this.options.onError?.(new Error('The relay sent a binary frame; relay frames are text')),
          close: (info) => this.#onLinkClosed(transport, info),
          error: (error) => this.options.onError?.(error),
        });
        return transport;
      });
    const settled = opening.finally(() => {
      if (this.#opening === settled) this.#opening = undefined;
      if (this.#abortOpening === abort) this.#abortOpening = undefined;
    });
    // The waiters see the failure; this copy only must not count as unhandled.
    settled.catch(() => undefined);
    return settled;
  }

  #send(frame: string): void {
    this.#transport?.send(frame);
  }

  #onFrame(text: string): void {
    const frame = parseRelayFrame(text);
    if (typeof frame === 'string') {
      this.options.onError?.(new Error(`Unreadable frame from the relay: ${frame}`));
      return;
    }
    if (frame.channel === 0) {
      if (frame.kind === 'error') this.options.onError?.(new Error(`Relay: ${frame.message}`));
      return;
    }
    const channel = this.#channels.get(frame.channel);
    if (channel) this.#deliver(frame.channel, channel, frame);
  }

  #deliver(id: number, channel: Channel, frame: RelayFrame): void {
    const { transport } = channel;
    switch (frame.kind) {
      case 'opened':
        transport.opened(frame.protocol);
        channel.settle?.({ transport });
        delete channel.settle;
        return;
      case 'refused':
        this.#channels.delete(id);
        channel.settle?.({
          error: new ConnectError(`Relay: ${frame.message}`, {
            ...(frame.status !== undefined ? { status: frame.status } : {}),
            retryable: frame.retryable,
          }),
        });
        return;
      case 'message':
        transport.message(frame.data);
        return;
      case 'binary':
        // The engine closes with 1003 (OCPP-J §4.1.2: text only), as over a direct socket.
        transport.binary();
        return;
      case 'error':
        transport.error(new Error(`Relay: ${frame.message}`));
        return;
      case 'closed':
        this.#channels.delete(id);
        if (channel.settle)
          channel.settle({
            error: new ConnectError(
              `Relay: connection closed before it opened (${frame.code} ${frame.reason})`,
              {
                retryable: true,
              },
            ),
          });
        else transport.ended({ code: frame.code, reason: frame.reason });
    }
  }

  #onLinkClosed(transport: Transport, info: CloseInfo): void {
    if (this.#transport !== transport) return;
    this.#transport = undefined;
    const channels = [...this.#channels.values()];
    this.#channels.clear();
    for (const channel of channels) {
      if (channel.settle)
        channel.settle({
          error: new ConnectError(`Relay link closed (${info.code}${info.reason ? ` ${info.reason}` : ''})`, {
            retryable: true,
          }),
        });
      // As when a network cable is pulled: the stations see an abnormal close and reconnect.
      else channel.transport.ended({ code: 1006, reason: '' });
    }
  }
}
