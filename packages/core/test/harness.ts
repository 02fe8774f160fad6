// Test harness: a real OCPPServer / OCPPClient on one end of an in-memory transport pair and a
// raw peer on the other end, so tests can inject exact frames and assert exact replies.
import { validators as v16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import { validators as v201 } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { validators as v21 } from '@ocpp-ws-io/schemas/ocpp2.1';
import {
  type CloseInfo,
  createMemoryTransportPair,
  type MemoryTransport,
  OCPPClient,
  type OCPPClientOptions,
  type OCPPProtocol,
  OCPPServer,
  type OCPPServerOptions,
  type StationConnection,
} from '../src/index.js';

export const allValidators = { 'ocpp1.6': v16, 'ocpp2.0.1': v201, 'ocpp2.1': v21 } as const;
export const VERSIONS: readonly OCPPProtocol[] = ['ocpp1.6', 'ocpp2.0.1', 'ocpp2.1'];

/** Lets every queued microtask and one macrotask run: in-memory delivery is microtask-based. */
export const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A peer that speaks raw frames. */
export interface RawPeer {
  readonly transport: MemoryTransport;
  readonly received: string[];
  readonly closes: CloseInfo[];
  send(frame: string | unknown[]): void;
  /** Sends a binary frame (what is in it never matters: OCPP-J is text). */
  sendBinary(): void;
  /** Frames received since the last call to take(). */
  take(): unknown[];
}

export function rawPeer(transport: MemoryTransport): RawPeer {
  const received: string[] = [];
  const closes: CloseInfo[] = [];
  let taken = 0;
  transport.attach({
    message: (data) => received.push(data),
    binary: () => received.push('<binary>'),
    close: (info) => closes.push(info),
    error: () => {},
  });
  return {
    transport,
    received,
    closes,
    send: (frame) => transport.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    sendBinary: () => {
      const other = transport.peer;
      queueMicrotask(() => other?.onBinary());
    },
    take: () => {
      const out = received.slice(taken).map((f) => JSON.parse(f) as unknown);
      taken = received.length;
      return out;
    },
  };
}

/** A strict server with one station connected over memory, the station side being raw frames. */
export async function stationWithRawPeer<P extends OCPPProtocol>(
  protocol: P,
  options: Partial<OCPPServerOptions<P>> = {},
): Promise<{
  server: OCPPServer<P>;
  station: StationConnection<P>;
  peer: RawPeer;
  /** The station's own end of the in-memory pair. */
  transport: MemoryTransport;
}> {
  const server = new OCPPServer<P>({
    protocols: [protocol],
    validators: allValidators as never,
    ...options,
  });
  const decision = await server.handshake({
    url: 'ws://127.0.0.1/ocpp/CP-1',
    headers: { get: (name) => (name.toLowerCase() === 'sec-websocket-protocol' ? protocol : null) },
  });
  if (!decision.ok) throw new Error(`handshake rejected: ${decision.reason}`);
  const [stationSide, peerSide] = createMemoryTransportPair(protocol);
  const station = server.accept(stationSide, decision);
  return { server, station, peer: rawPeer(peerSide), transport: stationSide };
}

/** A manual clock: timers fire only when the test advances time. */
export class FakeClock {
  private nowMs = 0;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.nowMs + ms, callback });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };
  now = (): number => this.nowMs;
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.timers)
        if (entry[1].at <= target && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.nowMs = next[1].at;
      next[1].callback();
    }
    this.nowMs = target;
  }
  get pending(): number {
    return this.timers.size;
  }
}

/** A client whose CSMS is a raw peer: tests see and inject exact frames. */
export async function clientWithRawPeer<P extends OCPPProtocol>(
  protocol: P,
  options: Partial<OCPPClientOptions<P>> = {},
): Promise<{ client: OCPPClient<P>; peer: RawPeer; offered: string[][] }> {
  let peer: RawPeer | undefined;
  const offered: string[][] = [];
  const client = new OCPPClient<P>({
    endpoint: 'ws://127.0.0.1/ocpp',
    identity: 'CP-1',
    protocols: [protocol],
    validators: allValidators as never,
    connector: async (request) => {
      offered.push([...request.protocols]);
      const [clientSide, peerSide] = createMemoryTransportPair(protocol);
      peer = rawPeer(peerSide);
      return clientSide;
    },
    ...options,
  });
  await client.connect();
  return { client, peer: peer!, offered };
}
