// One line of a trace: one OCPP-J frame as one side of a connection saw it. The format is
// versioned per line (`v`), so traces can be concatenated, streamed and filtered with line tools.

import type { OCPPProtocol } from '@ocpp-ws-io/core';

/**
 * The trace format's version; a reader refuses lines of a version it does not know.
 *
 * @example
 * ```ts
 * if (line.v !== TRACE_VERSION) throw new Error('another trace format');
 * ```
 */
export const TRACE_VERSION = 1;

/**
 * One frame of a recorded connection, as one JSON object on one line of a `.jsonl` file.
 *
 * - `dir` is relative to the recorder: `out` = sent by `side`, `in` = received by it.
 * - `side` is who recorded: the charging station (a client) or the CSMS (a server's view of one
 *   station). A station's own messages are therefore `side: station, dir: out` or
 *   `side: csms, dir: in`.
 * - `frame` is the parsed OCPP-J array (`[2, id, action, payload]`, `[3, id, payload]`,
 *   `[4, id, code, description, details]`, 2.1's `[5, …]` and `[6, …]`); text that is not a JSON
 *   array is kept as it was in `raw` instead.
 *
 * @example
 * ```ts
 * const line: TraceLine = {
 *   v: 1, time: '2025-03-01T10:00:00.000Z', dir: 'out', side: 'station', identity: 'CP-1',
 *   protocol: 'ocpp1.6', frame: [2, '1', 'Heartbeat', {}],
 * };
 * ```
 */
export interface TraceLine {
  readonly v: typeof TRACE_VERSION;
  /** When the recorder saw the frame: ISO 8601 UTC with milliseconds. */
  readonly time: string;
  readonly dir: 'in' | 'out';
  readonly side: 'station' | 'csms';
  /** The station's identity (the last path segment of its connection). */
  readonly identity: string;
  /** The subprotocol the connection agreed on. */
  readonly protocol: OCPPProtocol;
  /** The frame, parsed; absent when the text was not a JSON array (then `raw` holds it). */
  readonly frame?: readonly unknown[];
  /** The text as received, for a frame that is not a JSON array. */
  readonly raw?: string;
}

/**
 * Who sent a line's frame: the station or the CSMS.
 *
 * @example
 * ```ts
 * senderOf({ side: 'csms', dir: 'in' }); // 'station'
 * ```
 */
export function senderOf(line: Pick<TraceLine, 'dir' | 'side'>): 'station' | 'csms' {
  if (line.dir === 'out') return line.side;
  return line.side === 'station' ? 'csms' : 'station';
}

/**
 * Makes a trace line from a frame's text as the `message` event carries it.
 *
 * @example
 * ```ts
 * client.on('message', ({ direction, data }) =>
 *   sink(traceLine(data, { dir: direction, side: 'station', identity: 'CP-1', protocol: 'ocpp1.6', atMs: Date.now() })),
 * );
 * ```
 */
export function traceLine(
  data: string,
  meta: Pick<TraceLine, 'dir' | 'side' | 'identity' | 'protocol'> & { readonly atMs: number },
): TraceLine {
  const base = {
    v: TRACE_VERSION,
    time: new Date(meta.atMs).toISOString(),
    dir: meta.dir,
    side: meta.side,
    identity: meta.identity,
    protocol: meta.protocol,
  } as const;
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return { ...base, raw: data };
  }
  return Array.isArray(frame) ? { ...base, frame } : { ...base, raw: data };
}
