import { WebSocket } from 'ws';
import type { RelayOpenRequest } from './frames.js';
import type { RelaySettings } from './options.js';

/**
 * Headers a page may not set on a station's handshake: the ones that make it a WebSocket
 * upgrade (the relay's `ws` writes them) and `Host`, which would point an allowed URL at
 * another virtual host.
 */
const RESERVED_HEADER = /^(host|connection|upgrade|content-length|transfer-encoding|sec-websocket-.*)$/i;

/**
 * Opens the station's real WebSocket to its CSMS, as the station itself would: its URL, its
 * subprotocol offer in its order, Basic credentials (username = identity, OCPP-J security
 * profiles 1/2) in an `Authorization` header up front — a browser cannot send that header, the
 * relay can — and the page's other headers. Redirects are not followed (the target was checked
 * against the allow-list; a redirect could leave it). No permessage-deflate: OCPP frames are
 * small, and a compression context per socket costs a relay with a thousand sockets dearly.
 *
 * @example
 * ```ts
 * const ws = openUpstream({ url: 'ws://127.0.0.1:8787/ocpp/CP-1', protocols: ['ocpp1.6'], identity: 'CP-1', password }, settings);
 * ws.once('open', () => console.log(ws.protocol));
 * ```
 */
export function openUpstream(request: RelayOpenRequest, settings: RelaySettings): WebSocket {
  const headers: Record<string, string> = {};
  const withPassword = request.password !== undefined;
  for (const [name, value] of Object.entries(request.headers ?? {}))
    if (!RESERVED_HEADER.test(name) && !(withPassword && /^authorization$/i.test(name)))
      headers[name] = value;
  if (request.password !== undefined) {
    const credentials = Buffer.from(`${request.identity}:${request.password}`, 'utf8').toString('base64');
    headers.Authorization = `Basic ${credentials}`;
  }
  return new WebSocket(request.url, [...request.protocols], {
    headers,
    perMessageDeflate: false,
    followRedirects: false,
    maxPayload: settings.maxFrameBytes,
    handshakeTimeout: settings.handshakeTimeoutMs,
  });
}
