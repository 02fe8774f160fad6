// Traces: the tap on a client, on a server (every station, present and future) and on one station
// connection; JSON Lines out and back in; and the published JSON Schema agreeing with the reader.
import { connectInMemory, OCPPClient, OCPPServer } from '@ocpp-ws-io/node';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  parseTrace,
  recordTrace,
  senderOf,
  TRACE_LINE_SCHEMA,
  TraceFormatError,
  type TraceLine,
  traceLine,
  traceLineProblem,
  traceToJsonl,
} from '../src/index.js';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function csms() {
  const server = new OCPPServer({ protocols: ['ocpp1.6'] });
  server.handle('Heartbeat', () => ({ currentTime: '2025-01-01T00:00:00.000Z' }));
  return server;
}

async function station(server: OCPPServer<'ocpp1.6'>, identity: string) {
  const client = new OCPPClient({
    endpoint: 'ws://in-memory/ocpp',
    identity,
    protocols: ['ocpp1.6'],
    connector: connectInMemory(server),
  });
  await client.connect();
  closers.push(() => client.close());
  return client;
}

describe('recordTrace', () => {
  it('records a client as the station: out = sent, in = received, frames parsed, time from the given clock', async () => {
    const server = csms();
    const client = await station(server, 'CP-1');
    const lines: TraceLine[] = [];
    const stop = recordTrace(client, (line) => lines.push(line), {
      now: () => Date.parse('2025-03-01T10:00:00Z'),
    });
    await client.call('Heartbeat', {});
    stop();
    await client.call('Heartbeat', {});
    expect(lines).toEqual([
      {
        v: 1,
        time: '2025-03-01T10:00:00.000Z',
        dir: 'out',
        side: 'station',
        identity: 'CP-1',
        protocol: 'ocpp1.6',
        frame: [2, expect.any(String), 'Heartbeat', {}],
      },
      {
        v: 1,
        time: '2025-03-01T10:00:00.000Z',
        dir: 'in',
        side: 'station',
        identity: 'CP-1',
        protocol: 'ocpp1.6',
        frame: [3, lines[0]!.frame![1], { currentTime: '2025-01-01T00:00:00.000Z' }],
      },
    ]);
  });

  it('records a server: every station connected now and later, each under its identity, as the CSMS', async () => {
    const server = csms();
    const early = await station(server, 'CP-EARLY');
    const lines: TraceLine[] = [];
    recordTrace(server, { write: (line) => lines.push(line) });
    const late = await station(server, 'CP-LATE');
    await early.call('Heartbeat', {});
    await late.call('Heartbeat', {});
    expect(lines.map((l) => [l.identity, l.side, l.dir, senderOf(l)])).toEqual([
      ['CP-EARLY', 'csms', 'in', 'station'],
      ['CP-EARLY', 'csms', 'out', 'csms'],
      ['CP-LATE', 'csms', 'in', 'station'],
      ['CP-LATE', 'csms', 'out', 'csms'],
    ]);
  });

  it('records one station connection of a server as the CSMS', async () => {
    const server = csms();
    const lines: TraceLine[] = [];
    server.on('client', (connection) => recordTrace(connection, (line) => lines.push(line)));
    await (await station(server, 'CP-2')).call('Heartbeat', {});
    expect(lines.map((l) => `${l.side}/${l.dir}`)).toEqual(['csms/in', 'csms/out']);
  });
});

describe('JSON Lines', () => {
  const line = (over: Partial<TraceLine> = {}): TraceLine => ({
    v: 1,
    time: '2025-03-01T10:00:00.000Z',
    dir: 'out',
    side: 'station',
    identity: 'CP-1',
    protocol: 'ocpp1.6',
    frame: [2, '1', 'Heartbeat', {}],
    ...over,
  });

  it('round-trips, one object per line, blank lines ignored', () => {
    const lines = [line(), line({ dir: 'in', frame: [3, '1', { currentTime: 'x' }] })];
    const text = traceToJsonl(lines);
    expect(text.split('\n')).toHaveLength(3);
    expect(parseTrace(`\n${text}\n\n`)).toEqual(lines);
    expect(traceToJsonl([])).toBe('');
  });

  it('keeps text that is not a JSON array as raw', () => {
    const meta = { dir: 'in', side: 'csms', identity: 'CP-1', protocol: 'ocpp1.6', atMs: 0 } as const;
    expect(traceLine('[2,"1","Heartbeat",{}]', meta).frame).toEqual([2, '1', 'Heartbeat', {}]);
    expect(traceLine('not json', meta)).toMatchObject({ raw: 'not json' });
    expect(traceLine('{"a":1}', meta)).toMatchObject({ raw: '{"a":1}' });
  });

  it('names the first bad line and what is wrong with it', () => {
    const good = JSON.stringify(line());
    expect(() => parseTrace(`${good}\n{oops`)).toThrowError(TraceFormatError);
    expect(() => parseTrace(`${good}\n{oops`)).toThrow(/^Trace line 2: not JSON/);
    expect(() => parseTrace(JSON.stringify({ ...line(), v: 2 }))).toThrow(
      'Trace line 1: version 2 is not supported (this reader knows version 1)',
    );
  });
});

describe('the trace line JSON Schema', () => {
  const validate = new Ajv2020({ strict: true, strictRequired: false }).compile(TRACE_LINE_SCHEMA);
  const base = {
    v: 1,
    time: '2025-03-01T10:00:00.000Z',
    dir: 'out',
    side: 'station',
    identity: 'CP-1',
    protocol: 'ocpp2.0.1',
    frame: [2, '1', 'Heartbeat', {}],
  };
  const { frame: _frame, ...noFrame } = base;
  const catalogue: Array<[string, unknown]> = [
    ['a call', base],
    ['a raw frame', { ...noFrame, raw: 'garbage' }],
    ['an offset time', { ...base, time: '2025-03-01T12:00:00+02:00' }],
    ['no frame nor raw', noFrame],
    ['both frame and raw', { ...base, raw: 'x' }],
    ['version 2', { ...base, v: 2 }],
    ['a date without time', { ...base, time: '2025-03-01' }],
    ['another direction', { ...base, dir: 'sideways' }],
    ['another side', { ...base, side: 'proxy' }],
    ['an empty identity', { ...base, identity: '' }],
    ['an unknown protocol', { ...base, protocol: 'ocpp1.5' }],
    ['a frame that is an object', { ...base, frame: { a: 1 } }],
    ['an extra field', { ...base, extra: true }],
    ['not an object', [1, 2]],
  ];
  it.each(catalogue)('agrees with the reader on %s', (_, value) => {
    expect(validate(value)).toBe(traceLineProblem(value) === undefined);
  });
  it('accepts what recordTrace writes', () => {
    expect(
      validate(
        traceLine('[3,"1",{}]', { dir: 'in', side: 'station', identity: 'X', protocol: 'ocpp2.1', atMs: 0 }),
      ),
    ).toBe(true);
  });
});
