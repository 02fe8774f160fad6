import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { parseProtocolHeader } from '@ocpp-ws-io/core';
import { WebSocketServer } from 'ws';
import { writeHttpRejection } from '../http-reject.js';
import { listenOn } from '../listen.js';
import { compileTargets, originAllowed } from './allow.js';
import { RELAY_PROTOCOL } from './frames.js';
import { RelayLink } from './link.js';
import { DEFAULT_MAX_STATIONS_PER_LINK, type RelayOptions, type RelaySettings } from './options.js';

/**
 * A running relay.
 *
 * @example
 * ```ts
 * const relay: RunningRelay = await startRelay({ allowedTargets: ['ws://127.0.0.1:8787/ocpp'] });
 * console.log(relay.url, relay.links, relay.stations);
 * await relay.close();
 * ```
 */
export interface RunningRelay {
  /** Where pages connect, e.g. `ws://127.0.0.1:9100/`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Pages connected. */
  readonly links: number;
  /** Stations connected or connecting, over all pages. */
  readonly stations: number;
  /** Bytes queued towards the pages, over all pages (see {@link RelayOptions.maxBufferedBytes}). */
  readonly bufferedBytes: number;
  /** Closes every page's socket and every station's CSMS connection (1001), and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts a relay: pages connect to it with ONE WebSocket (subprotocol `ocpp-ws-io-relay.v1`) and
 * run many stations over it; for each station the relay opens the real WebSocket to the CSMS —
 * with the station's URL, subprotocol offer and Basic credentials — and forwards frames, closes
 * and errors both ways. It is how a Chromium tab runs more than 255 stations (Chromium's cap on
 * WebSockets per renderer process). The page side is `relayConnector` in `@ocpp-ws-io/station`;
 * the frame protocol is in docs/guides/fleets.md.
 *
 * Security: it listens on loopback by default, serves only pages from this machine unless
 * `allowedOrigins` says otherwise, and connects only to `allowedTargets` — without them it would
 * be an open proxy that any web page the user visits could drive.
 *
 * @example
 * ```ts
 * import { startRelay } from '@ocpp-ws-io/node';
 *
 * const relay = await startRelay({ port: 9100, allowedTargets: ['ws://127.0.0.1:8787/ocpp'] });
 * console.log(`relay on ${relay.url}`); // ws://127.0.0.1:9100/
 * ```
 */
export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const settings: RelaySettings = {
    allowed: compileTargets(options.allowedTargets),
    maxStationsPerLink: options.maxStationsPerLink ?? DEFAULT_MAX_STATIONS_PER_LINK,
    maxFrameBytes: options.maxFrameBytes ?? 1024 * 1024,
    maxBufferedBytes: options.maxBufferedBytes ?? 4 * 1024 * 1024,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? 30_000,
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    log: options.log ?? (() => {}),
  };
  const maxLinks = options.maxLinks ?? 16;
  const host = options.host ?? '127.0.0.1';
  const links = new Set<RelayLink>();
  // A frame header and the channel prefix on top of the largest OCPP frame.
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: settings.maxFrameBytes + 64,
    handleProtocols: () => RELAY_PROTOCOL,
  });
  const http = createServer((_request, response) => {
    response.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`An OCPP station relay: open a WebSocket offering the subprotocol ${RELAY_PROTOCOL}\n`);
  });
  http.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => {});
    const refusal = refuse(request, options, links.size, maxLinks);
    if (refusal) {
      settings.log(`relay: page refused (${refusal.status}): ${refusal.reason}`);
      writeHttpRejection(socket, refusal.status, refusal.reason, {});
      return;
    }
    wss.handleUpgrade(request, socket, head, (page) => {
      const link = new RelayLink(page, settings, () => {
        links.delete(link);
        settings.log(`relay: page ${request.headers.origin ?? '(no origin)'} left`);
      });
      links.add(link);
      settings.log(`relay: page ${request.headers.origin ?? '(no origin)'} connected`);
    });
  });
  const { port, urlHost } = await listenOn(http, options.port ?? 0, host);
  return {
    url: `ws://${urlHost}:${port}/`,
    host,
    port,
    get links() {
      return links.size;
    },
    get stations() {
      let n = 0;
      for (const link of links) n += link.stations;
      return n;
    },
    get bufferedBytes() {
      let n = 0;
      for (const link of links) n += link.bufferedBytes;
      return n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const link of [...links]) link.close();
        wss.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/** Why a page's upgrade is refused, if it is: its origin, its subprotocol offer, or no room. */
function refuse(
  request: IncomingMessage,
  options: RelayOptions,
  links: number,
  maxLinks: number,
): { status: number; reason: string } | undefined {
  const { origin } = request.headers;
  if (!originAllowed(options.allowedOrigins, origin))
    return { status: 403, reason: `pages from ${origin} may not use this relay (allowedOrigins)` };
  const offered = parseProtocolHeader(request.headers['sec-websocket-protocol'] ?? null);
  if (!offered.includes(RELAY_PROTOCOL))
    return { status: 400, reason: `offer the subprotocol ${RELAY_PROTOCOL} (relay protocol version 1)` };
  if (links >= maxLinks)
    return { status: 503, reason: `the relay serves at most ${maxLinks} pages (maxLinks)` };
  return undefined;
}
