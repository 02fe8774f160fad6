// recordTrace: the tap on a client, a server (every station's connection) or one station
// connection. It listens to the `message` event every endpoint emits for every frame; an
// endpoint creates its emitter on the first listener, so a connection nobody records costs nothing.

import type { OCPPProtocol } from '@ocpp-ws-io/core';
import { type TraceLine, traceLine } from './line.js';

/**
 * Where recorded lines go: a function, or anything with `write(line)` (a file, an array).
 *
 * @example
 * ```ts
 * const lines: TraceLine[] = [];
 * const sink: TraceSink = (line) => lines.push(line);
 * ```
 */
export type TraceSink = ((line: TraceLine) => void) | { write(line: TraceLine): void };

/** The `message` event's shape, as every endpoint (client or station connection) emits it. */
interface MessageSource {
  on(
    event: 'message',
    listener: (event: { readonly direction: 'in' | 'out'; readonly data: string }) => void,
  ): () => void;
  readonly protocol: OCPPProtocol | undefined;
  readonly identity: string;
}

/** A client (has `connect`) or one station's connection on a server. */
type Connection = MessageSource;

/** A server: `client` events for new stations, and the stations already connected. */
interface ServerLike {
  on(event: 'client', listener: (station: MessageSource) => void): () => void;
  readonly stations: ReadonlyMap<string, MessageSource>;
  handshake(...args: never[]): unknown;
}

/**
 * Options of {@link recordTrace}.
 *
 * @example
 * ```ts
 * recordTrace(client, sink, { now: () => stationClock.now() } satisfies RecordTraceOptions);
 * ```
 */
export interface RecordTraceOptions {
  /** The time source for `time` (default `Date.now`); give the station's clock to record virtual time. */
  readonly now?: () => number;
}

const isServer = (target: Connection | ServerLike): target is ServerLike =>
  'handshake' in target && 'stations' in target;

const write = (sink: TraceSink, line: TraceLine) => {
  if (typeof sink === 'function') sink(line);
  else sink.write(line);
};

/**
 * Records every frame of a client, of one station connection, or of every station of a server
 * (those connected now and those that connect later) as {@link TraceLine}s into `sink`. Returns
 * the function that stops recording. A client records as `side: 'station'`, a server and its
 * connections as `side: 'csms'`.
 *
 * @example
 * ```ts
 * const lines: TraceLine[] = [];
 * const stop = recordTrace(server, (line) => lines.push(line));
 * // … later
 * stop();
 * await writeFile('csms.jsonl', traceToJsonl(lines));
 * ```
 */
export function recordTrace(
  target: Connection | ServerLike,
  sink: TraceSink,
  options: RecordTraceOptions = {},
): () => void {
  const now = options.now ?? (() => Date.now());
  const offs: Array<() => void> = [];
  const tap = (connection: MessageSource, side: 'station' | 'csms') =>
    offs.push(
      connection.on('message', ({ direction, data }) => {
        // A frame only flows on an open connection, whose protocol is agreed.
        const protocol = connection.protocol as OCPPProtocol;
        write(
          sink,
          traceLine(data, { dir: direction, side, identity: connection.identity, protocol, atMs: now() }),
        );
      }),
    );
  if (isServer(target)) {
    for (const station of target.stations.values()) tap(station, 'csms');
    offs.push(target.on('client', (station) => tap(station, 'csms')));
  } else {
    // A client has `connect`; a station connection on a server does not.
    tap(target, 'connect' in target ? 'station' : 'csms');
  }
  return () => {
    for (const off of offs.splice(0)) off();
  };
}
