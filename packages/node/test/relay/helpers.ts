// Plumbing for the relay's tests: a page on a raw `ws` socket that speaks the relay protocol by
// hand (so each test sees the exact frames), and a Node OCPPServer as the CSMS behind the relay.
// Everything on 127.0.0.1.

import { connectWs, type TestWsClient } from '@ocpp-ws-io/test-utils';
import { OCPPServer, type StationConnection } from '../../src/index.js';
import { RELAY_PROTOCOL, type RelayOptions, startRelay } from '../../src/relay/index.js';

export const PASSWORD = 'relay-test-password-16';

/** A frame as the page received it: kind, channel and the body (parsed when it is JSON). */
export interface Received {
  readonly kind: string;
  readonly channel: number;
  readonly body: string;
  readonly json: Record<string, unknown>;
}

export function parse(text: string): Received {
  const [kind = '', channel = '', ...rest] = text.split(' ');
  const body = rest.join(' ');
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {}
  return { kind, channel: Number(channel), body, json };
}

/** A page speaking the relay protocol by hand. */
export interface RawPage {
  readonly socket: TestWsClient;
  send(text: string): void;
  /** The next frame from the relay (5 s at most). */
  next(): Promise<Received>;
  /** Sends `open` for `identity` (password and protocols overridable) and returns the answer. */
  open(channel: number, url: string, fields?: Record<string, unknown>): Promise<Received>;
}

export async function rawPage(relayUrl: string, headers: Record<string, string> = {}): Promise<RawPage> {
  const socket = await connectWs(relayUrl, [RELAY_PROTOCOL], { headers });
  const page: RawPage = {
    socket,
    send: (text) => socket.ws.send(text),
    next: async () => parse(await socket.next()),
    async open(channel, url, fields = {}) {
      const identity = url.slice(url.lastIndexOf('/') + 1);
      page.send(
        `open ${channel} ${JSON.stringify({ url, identity, protocols: ['ocpp1.6'], password: PASSWORD, ...fields })}`,
      );
      return page.next();
    },
  };
  return page;
}

/** A CSMS on loopback: Basic auth with {@link PASSWORD}, BootNotification and Heartbeat answered. */
export async function startCsms(protocols: Array<'ocpp1.6' | 'ocpp2.0.1'> = ['ocpp1.6']) {
  const server = new OCPPServer<'ocpp1.6' | 'ocpp2.0.1'>({ protocols, path: '/ocpp' });
  const stations: StationConnection<'ocpp1.6' | 'ocpp2.0.1'>[] = [];
  const closes: Array<{ identity: string; code: number; reason: string }> = [];
  server.auth(({ password }) => password === PASSWORD || { accept: false, status: 401 });
  server.on('client', (station) => {
    stations.push(station);
    station.on('close', ({ code, reason }) => closes.push({ identity: station.identity, code, reason }));
    station.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
    station.handle('BootNotification', () => ({
      currentTime: new Date().toISOString(),
      interval: 300,
      status: 'Accepted',
    }));
  });
  const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
  return { server, url, stations, closes, close: () => server.close() };
}

/** A relay allowed to reach `target` only, with the test's options. */
export function relayFor(target: string, options: Partial<RelayOptions> = {}) {
  return startRelay({ allowedTargets: [target], ...options });
}

/** Polls `ok` every `intervalMs` (10) for up to `ms`. */
export async function until(ok: () => boolean, ms = 5_000, intervalMs = 10): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
