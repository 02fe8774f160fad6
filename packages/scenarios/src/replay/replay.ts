// Replay: the station side of a recorded trace, played against a live CSMS. The station's calls go
// out again in their order (times moved to now, 1.6 transaction ids mapped to the live ones); the
// CSMS's calls get the answers the station gave in the recording; and every live answer is
// compared with the recorded one in shape and status fields.

import { type Connector, OCPPClient, type OCPPProtocol, RPCError, TimeoutError } from '@ocpp-ws-io/core';
import { type Frame, FrameLog } from '../trace/frames.js';
import type { TraceLine } from '../trace/line.js';
import { recordTrace } from '../trace/record.js';
import { type Answer, type AnswerDifference, compareAnswers } from './compare.js';
import { retime } from './retime.js';

/**
 * Options of {@link replayTrace}.
 *
 * @example
 * ```ts
 * const options: ReplayOptions = { endpoint: 'ws://127.0.0.1:9000/ocpp', connector: nodeConnector(), password: 'a-16-char-secret' };
 * ```
 */
export interface ReplayOptions {
  /** The CSMS's WebSocket URL without the identity. */
  readonly endpoint: string;
  readonly connector: Connector;
  /** The station to replay when the trace holds several (default: the first line's). */
  readonly identity?: string;
  /** Connect under another identity than the recorded one. */
  readonly asIdentity?: string;
  readonly password?: string;
  /** How long the CSMS may take to answer each call (default 30 000 ms). */
  readonly answerTimeoutMs?: number;
  /** Keep the recorded instants instead of moving them to now (default false). */
  readonly keepTimestamps?: boolean;
  /** `recorded`: wait the recorded time between calls (at most `maxGapMs`); default `asap`. */
  readonly pace?: 'asap' | 'recorded';
  readonly maxGapMs?: number;
  /** Called after each replayed call. */
  readonly onCall?: (event: {
    readonly index: number;
    readonly action: string;
    readonly differences: number;
  }) => void;
}

/**
 * A difference, at the recorded call it concerns.
 *
 * @example
 * ```ts
 * for (const d of report.differences as ReplayDifference[]) console.log(`#${d.index} ${d.action}: ${d.message}`);
 * ```
 */
export interface ReplayDifference extends AnswerDifference {
  /** Position of the station's call in the trace. */
  readonly index: number;
  readonly action: string;
}

/**
 * What a replay found.
 *
 * @example
 * ```ts
 * if (report.differences.length > 0) for (const d of report.differences) console.log(`#${d.index} ${d.message}`);
 * ```
 */
export interface ReplayReport {
  readonly identity: string;
  readonly protocol: OCPPProtocol;
  /** The station's calls replayed. */
  readonly calls: number;
  readonly differences: readonly ReplayDifference[];
  /** The actions the CSMS called, in the recording and live (not compared: an operator may have caused them). */
  readonly csmsCalls: { readonly recorded: readonly string[]; readonly live: readonly string[] };
  /** The live exchange. */
  readonly trace: readonly TraceLine[];
}

const answerOf = (frame: Frame | undefined): Answer =>
  !frame
    ? { kind: 'none' }
    : frame.kind === 'error'
      ? {
          kind: 'error',
          code: frame.code ?? '',
          ...(frame.description ? { description: frame.description } : {}),
        }
      : { kind: 'result', payload: frame.payload };

/**
 * Plays the station side of `lines` against the live CSMS at `options.endpoint` and reports where
 * its answers differ from the recorded ones. It never rejects for a differing CSMS; it rejects
 * when the trace has no station calls or the connection cannot be opened.
 *
 * @example
 * ```ts
 * import { nodeConnector } from '@ocpp-ws-io/node';
 * const report = await replayTrace(parseTrace(text), { endpoint: 'ws://127.0.0.1:9000/ocpp', connector: nodeConnector() });
 * console.log(`${report.calls} calls, ${report.differences.length} differences`);
 * ```
 */
export async function replayTrace(
  lines: readonly TraceLine[],
  options: ReplayOptions,
): Promise<ReplayReport> {
  const identity = options.identity ?? lines[0]?.identity;
  const mine = lines.filter((l) => l.identity === identity);
  if (!identity || mine.length === 0) throw new Error('The trace has no lines for that station');
  const protocol = mine[0]!.protocol;
  const log = new FrameLog();
  for (const line of mine) log.add(line);
  const calls = log.frames.filter((f) => f.sender === 'station' && f.kind === 'call');
  if (calls.length === 0) throw new Error(`The trace has no calls of station ${identity} to replay`);

  // Answers the station gave to the CSMS's calls, per action, in order.
  const answers = new Map<string, Frame[]>();
  const recordedCsmsCalls: string[] = [];
  for (const f of log.frames) {
    if (f.sender !== 'csms' || f.kind !== 'call') continue;
    recordedCsmsCalls.push(f.action!);
    const answer = log.answerTo(f);
    if (answer) answers.set(f.action!, [...(answers.get(f.action!) ?? []), answer]);
  }

  const timeoutMs = options.answerTimeoutMs ?? 30_000;
  const client = new OCPPClient({
    endpoint: options.endpoint,
    identity: options.asIdentity ?? identity,
    protocols: [protocol],
    ...(options.password === undefined ? {} : { password: options.password }),
    connector: options.connector,
    // Frames go as recorded and come as the CSMS sends them: the comparison judges their shape.
    strictMode: false,
    callTimeoutMs: timeoutMs,
    reconnect: false,
  });
  const liveCsmsCalls: string[] = [];
  client.handle('*', ({ action }) => {
    liveCsmsCalls.push(action);
    const recorded = answers.get(action)?.shift();
    if (!recorded) throw new RPCError('NotImplemented', `The recording has no answer to ${action}`);
    if (recorded.kind === 'error')
      throw new RPCError((recorded.code ?? 'GenericError') as never, recorded.description ?? '');
    return recorded.payload;
  });
  const trace: TraceLine[] = [];
  const stop = recordTrace(client, (line) => trace.push(line));
  const differences: ReplayDifference[] = [];
  const shiftMs = options.keepTimestamps ? 0 : Date.now() - Date.parse(calls[0]!.line.time);
  const ids = new Map<unknown, unknown>();
  try {
    await client.connect();
    let previousAt: number | undefined;
    for (const call of calls) {
      const at = Date.parse(call.line.time);
      if (options.pace === 'recorded' && previousAt !== undefined)
        await new Promise((r) =>
          setTimeout(r, Math.min(Math.max(0, at - previousAt!), options.maxGapMs ?? 60_000)),
        );
      previousAt = at;
      const action = call.action!;
      const params = retime(call.payload, shiftMs, ids);
      let live: Answer;
      try {
        const send = client.call as (a: string, p: unknown) => Promise<unknown>;
        live = { kind: 'result', payload: await send.call(client, action, params) };
      } catch (error) {
        live =
          error instanceof RPCError
            ? { kind: 'error', code: error.code, description: error.message }
            : error instanceof TimeoutError
              ? { kind: 'none' }
              : { kind: 'error', code: 'ConnectionLost', description: (error as Error).message };
      }
      const recorded = answerOf(log.answerTo(call));
      // 1.6: the CSMS assigns transaction ids; later calls carry the live one.
      if (action === 'StartTransaction' && recorded.kind === 'result' && live.kind === 'result')
        ids.set(
          (recorded.payload as { transactionId?: unknown }).transactionId,
          (live.payload as { transactionId?: unknown }).transactionId,
        );
      const found = compareAnswers(protocol, action, recorded, live).map((d) => ({
        ...d,
        index: call.index,
        action,
      }));
      differences.push(...found);
      options.onCall?.({ index: call.index, action, differences: found.length });
    }
  } finally {
    stop();
    await client.close().catch(() => undefined);
  }
  return {
    identity,
    protocol,
    calls: calls.length,
    differences,
    csmsCalls: { recorded: recordedCsmsCalls, live: liveCsmsCalls },
    trace,
  };
}
