import type { SecureContextOptions } from 'node:tls';
import {
  basicAuthorization,
  ConnectError,
  type Connector,
  OCPPClient as CoreClient,
  type OCPPClientOptions as CoreClientOptions,
  type OCPPProtocol,
  refusedUpgrade,
  withPresetValidators,
} from '@ocpp-ws-io/core';
import { ALL_VALIDATORS } from './defaults.js';
import { type KeepAliveOptions, TransportSocket, WsTransport } from './ws-transport.js';

/** TLS settings for `wss://` (security profiles 2 and 3). */
export interface ClientTLSOptions
  extends Pick<SecureContextOptions, 'ca' | 'cert' | 'key' | 'passphrase' | 'minVersion'> {
  /** Verify the CSMS certificate (default true; turning it off is for labs only). */
  readonly rejectUnauthorized?: boolean;
  /** Expected server name when it differs from the URL host. */
  readonly servername?: string;
}

/** Options of the Node {@link OCPPClient}: the core options, minus the connector, plus TLS and keep-alive. */
export interface OCPPClientOptions<TProtocol extends OCPPProtocol = OCPPProtocol>
  extends Omit<CoreClientOptions<TProtocol>, 'connector'>,
    KeepAliveOptions {
  /** TLS settings; a client certificate (`cert` + `key`) is security profile 3. */
  readonly tls?: ClientTLSOptions;
  /** Override the connector (tests, proxies). */
  readonly connector?: Connector;
}

/**
 * Opens a `ws` WebSocket with Basic auth, TLS and the offered subprotocols. HTTP rejections
 * become a {@link ConnectError} with the status, so reconnect logic can stop on 401.
 */
export function nodeConnector(
  options: { tls?: ClientTLSOptions; keepAlive?: KeepAliveOptions; maxPayloadBytes?: number } = {},
): Connector {
  return (request) =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...request.headers };
      if (request.password !== undefined)
        headers.Authorization = basicAuthorization(request.identity, request.password);
      const tls = options.tls ?? {};
      // A TransportSocket, as on the server: ws's own frame-size close gets the engine's reason.
      const socket = new TransportSocket(request.url, [...request.protocols], {
        headers,
        ...(options.maxPayloadBytes !== undefined ? { maxPayload: options.maxPayloadBytes } : {}),
        ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
        ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
        ...(tls.key !== undefined ? { key: tls.key } : {}),
        ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase } : {}),
        ...(tls.servername !== undefined ? { servername: tls.servername } : {}),
        minVersion: tls.minVersion ?? 'TLSv1.2',
        rejectUnauthorized: tls.rejectUnauthorized ?? true,
      });
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        request.signal.removeEventListener('abort', onAbort);
        socket.removeAllListeners('open');
        // Keep one error listener: a late error on an abandoned socket must not crash the process.
        socket.on('error', () => {});
        socket.terminate();
        reject(error);
      };
      // The client aborts with the ConnectError it wants to report (closed, timed out).
      const onAbort = () => fail(request.signal.reason);
      request.signal.addEventListener('abort', onAbort, { once: true });
      socket.once('unexpected-response', (_req, res) => {
        res.resume();
        fail(refusedUpgrade(res.statusCode ?? 0, request.url));
      });
      socket.once('error', (error: Error) => {
        // ws reports a missing or unexpected subprotocol echo as an error: retrying won't help.
        const protocolProblem = /subprotocol/i.test(error.message);
        fail(
          new ConnectError(`WebSocket error: ${error.message}`, {
            retryable: !protocolProblem,
            cause: error,
          }),
        );
      });
      socket.once('open', () => {
        if (settled) return;
        settled = true;
        request.signal.removeEventListener('abort', onAbort);
        socket.removeAllListeners('error');
        resolve(new WsTransport(socket, socket.protocol, options.keepAlive));
      });
    });
}

/**
 * A charging station on Node: connects with `ws`, Basic auth (profiles 1/2), TLS client
 * certificates (profile 3) and WebSocket ping keep-alive; strict validation with every version's
 * validators by default.
 *
 * @example
 * ```ts
 * import { OCPPClient } from '@ocpp-ws-io/node';
 *
 * const client = new OCPPClient({ endpoint: 'ws://127.0.0.1:9000/ocpp', identity: 'CP-1', protocols: ['ocpp1.6'] });
 * client.handle('Reset', () => ({ status: 'Accepted' }));
 * await client.connect();
 * const boot = await client.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' });
 * ```
 */
export class OCPPClient<TProtocol extends OCPPProtocol = OCPPProtocol> extends CoreClient<TProtocol> {
  constructor(options: OCPPClientOptions<TProtocol>) {
    super({
      ...withPresetValidators(options, ALL_VALIDATORS),
      connector:
        options.connector ??
        nodeConnector({
          ...(options.tls ? { tls: options.tls } : {}),
          keepAlive: {
            ...(options.pingIntervalMs !== undefined ? { pingIntervalMs: options.pingIntervalMs } : {}),
            ...(options.pongTimeoutMs !== undefined ? { pongTimeoutMs: options.pongTimeoutMs } : {}),
          },
          ...(options.maxFrameBytes !== undefined ? { maxPayloadBytes: options.maxFrameBytes + 1024 } : {}),
        }),
    });
  }
}
