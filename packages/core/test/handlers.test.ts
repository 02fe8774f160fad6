// Inbound calls: handlers, errors, NO_REPLY, duplicates, SEND, limits.
import { describe, expect, it } from 'vitest';
import { NO_REPLY, RPCError } from '../src/index.js';
import { flush, stationWithRawPeer } from './harness.js';

describe('handlers', () => {
  it('passes params, action, messageId, protocol and a live signal to the handler', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp2.0.1');
    let seen: unknown;
    station.handle('Heartbeat', (ctx) => {
      seen = {
        params: ctx.params,
        action: ctx.action,
        messageId: ctx.messageId,
        protocol: ctx.protocol,
        aborted: ctx.signal.aborted,
      };
      return { currentTime: '2026-01-01T00:00:00Z' };
    });
    peer.send([2, 'm1', 'Heartbeat', {}]);
    await flush();
    expect(seen).toEqual({
      params: {},
      action: 'Heartbeat',
      messageId: 'm1',
      protocol: 'ocpp2.0.1',
      aborted: false,
    });
    expect(peer.take()).toEqual([[3, 'm1', { currentTime: '2026-01-01T00:00:00Z' }]]);
  });

  it('answers through an async handler', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp1.6');
    station.handle('Authorize', async ({ params }) => {
      await new Promise((r) => setTimeout(r, 5));
      return { idTagInfo: { status: params.idTag === 'OK' ? 'Accepted' : 'Invalid' } };
    });
    peer.send([2, 'm1', 'Authorize', { idTag: 'OK' }]);
    await new Promise((r) => setTimeout(r, 20));
    expect(peer.take()).toEqual([[3, 'm1', { idTagInfo: { status: 'Accepted' } }]]);
  });

  it('routes actions without their own handler to the wildcard', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp1.6');
    const actions: string[] = [];
    station.handle('*', ({ action }) => {
      actions.push(action);
      return action === 'Heartbeat' ? { currentTime: '2026-01-01T00:00:00Z' } : { status: 'Accepted' };
    });
    peer.send([2, 'm1', 'Heartbeat', {}]);
    peer.send([2, 'm2', 'DataTransfer', { vendorId: 'acme' }]);
    await flush();
    expect(actions).toEqual(['Heartbeat', 'DataTransfer']);
    expect((peer.take() as unknown[][]).map((f) => f[0])).toEqual([3, 3]);
  });

  it('unregisters a handler with the returned function', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp1.6');
    const off = station.handle('Heartbeat', () => ({ currentTime: '2026-01-01T00:00:00Z' }));
    off();
    peer.send([2, 'm1', 'Heartbeat', {}]);
    await flush();
    expect(peer.take()).toEqual([[4, 'm1', 'NotSupported', 'Heartbeat is not supported', {}]]);
  });

  it('sends nothing when the handler returns NO_REPLY', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp1.6');
    station.handle('Heartbeat', () => NO_REPLY);
    peer.send([2, 'm1', 'Heartbeat', {}]);
    await flush();
    expect(peer.take()).toEqual([]);
  });

  it('answers InternalError without the message or stack when a handler throws', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp2.0.1');
    const errors: unknown[] = [];
    station.on('handlerError', (e) => errors.push(e.error));
    station.handle('Heartbeat', () => {
      throw new Error('db password is hunter2');
    });
    peer.send([2, 'm1', 'Heartbeat', {}]);
    await flush();
    const [frame] = peer.take() as [unknown[]];
    expect(frame).toEqual([4, 'm1', 'InternalError', 'An internal error occurred', {}]);
    expect(JSON.stringify(frame)).not.toContain('hunter2');
    expect(JSON.stringify(frame)).not.toContain('at ');
    expect(errors).toHaveLength(1);
  });

  it('puts the message (never the stack) in the description with exposeHandlerErrors', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp2.0.1', { exposeHandlerErrors: true });
    station.handle('Heartbeat', async () => {
      throw new Error('clock not set');
    });
    peer.send([2, 'm1', 'Heartbeat', {}]);
    await flush();
    expect(peer.take()).toEqual([[4, 'm1', 'InternalError', 'clock not set', {}]]);
  });

  it('cuts a description to the 255 characters errorDescription allows (OCPP-J 2.0.1 §4.2.3)', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp2.0.1', { exposeHandlerErrors: true });
    const long = `${'x'.repeat(254)}yz${'-'.repeat(44)}`;
    station.handle('Heartbeat', () => {
      throw new RPCError('SecurityError', long);
    });
    station.handle('StatusNotification', () => {
      throw new RPCError('SecurityError', long.slice(0, 255));
    });
    peer.send([2, 'm1', 'Heartbeat', {}]);
    peer.send([
      2,
      'm2',
      'StatusNotification',
      { timestamp: '2026-01-01T00:00:00Z', connectorStatus: 'Available', evseId: 1, connectorId: 1 },
    ]);
    await flush();
    const [first, second] = peer.take() as [unknown[], unknown[]];
    expect(first[3]).toBe(`${'x'.repeat(254)}y`);
    expect(second[3]).toBe(`${'x'.repeat(254)}y`); // exactly 255: kept whole
  });

  it('sends an empty description for an RPCError made with a code only (its message is the code)', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp2.0.1');
    station.handle('Heartbeat', () => {
      throw new RPCError('NotSupported');
    });
    peer.send([2, 'm1', 'Heartbeat', {}]);
    await flush();
    expect(peer.take()).toEqual([[4, 'm1', 'NotSupported', '', {}]]);
  });

  it('answers a thrown RPCError with its code, description and details', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp2.0.1');
    station.handle('Heartbeat', () => {
      throw new RPCError('SecurityError', 'not now', { retryAfter: 5 });
    });
    peer.send([2, 'm1', 'Heartbeat', {}]);
    await flush();
    expect(peer.take()).toEqual([[4, 'm1', 'SecurityError', 'not now', { retryAfter: 5 }]]);
  });

  it.each([
    ['ocpp1.6', 'FormatViolation', 'FormationViolation'],
    ['ocpp1.6', 'OccurrenceConstraintViolation', 'OccurenceConstraintViolation'],
    ['ocpp1.6', 'RpcFrameworkError', 'FormationViolation'],
    ['ocpp1.6', 'MessageTypeNotSupported', 'NotSupported'],
    ['ocpp2.0.1', 'FormationViolation', 'FormatViolation'],
    ['ocpp2.1', 'OccurenceConstraintViolation', 'OccurrenceConstraintViolation'],
  ] as const)('never sends a code %s lacks: a thrown %s goes out as %s', async (protocol, thrown, sent) => {
    const { station, peer } = await stationWithRawPeer(protocol);
    station.handle('Heartbeat', () => {
      throw new RPCError(thrown, 'x');
    });
    peer.send([2, 'm1', 'Heartbeat', {}]);
    await flush();
    expect(peer.take()).toEqual([[4, 'm1', sent, 'x', {}]]);
  });

  it('never sends an invalid CALLRESULT: an invalid handler response becomes InternalError', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp1.6');
    const errors: unknown[] = [];
    station.on('handlerError', (e) => errors.push(e.error));
    // @ts-expect-error currentTime must be a date-time string
    station.handle('Heartbeat', () => ({ currentTime: 5 }));
    peer.send([2, 'm1', 'Heartbeat', {}]);
    await flush();
    expect(peer.take()).toEqual([[4, 'm1', 'InternalError', 'The response failed validation', {}]]);
    expect(errors[0]).toMatchObject({ code: 'ValidationFailed', path: '/currentTime' });
  });

  it('answers a duplicate id that is still being handled with an error, and the original once (OCPP-J 2.0.1 §4.2.3)', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp2.0.1');
    let release!: () => void;
    station.handle(
      'Heartbeat',
      () => new Promise((r) => (release = () => r({ currentTime: '2026-01-01T00:00:00Z' }))),
    );
    peer.send([2, 'dup', 'Heartbeat', {}]);
    await flush();
    peer.send([2, 'dup', 'Heartbeat', {}]);
    await flush();
    expect((peer.take() as unknown[][]).map((f) => f.slice(0, 3))).toEqual([[4, 'dup', 'RpcFrameworkError']]);
    release();
    await flush();
    expect(peer.take()).toEqual([[3, 'dup', { currentTime: '2026-01-01T00:00:00Z' }]]);
  });

  it('aborts running handlers and drops their replies when the connection closes', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp1.6');
    let signal!: AbortSignal;
    let release!: () => void;
    station.handle('Heartbeat', (ctx) => {
      signal = ctx.signal;
      return new Promise((r) => (release = () => r({ currentTime: '2026-01-01T00:00:00Z' })));
    });
    peer.send([2, 'm1', 'Heartbeat', {}]);
    await flush();
    peer.transport.close(1000, 'bye');
    await flush();
    expect(signal.aborted).toBe(true);
    release();
    await flush();
    expect(peer.received).toEqual([]);
  });
});

describe('SEND (OCPP-J 2.1 §4.2.4)', () => {
  const stream = { id: 1, pending: 0, basetime: '2026-01-01T00:00:00Z', data: [{ t: 0, v: '230.1' }] };

  it('delivers an inbound SEND to its handler and never answers it', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp2.1');
    const got: unknown[] = [];
    station.handle('NotifyPeriodicEventStream', ({ params }) => {
      got.push(params);
    });
    peer.send([6, 's1', 'NotifyPeriodicEventStream', stream]);
    await flush();
    expect(got).toEqual([stream]);
    expect(peer.take()).toEqual([]);
  });

  it('stays silent on an invalid SEND and on a throwing SEND handler', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp2.1');
    const bad: unknown[] = [];
    station.on('badMessage', (e) => bad.push(e));
    station.handle('NotifyPeriodicEventStream', () => {
      throw new Error('boom');
    });
    peer.send([6, 's1', 'NotifyPeriodicEventStream', { id: 'not-an-integer' }]);
    peer.send([6, 's2', 'NotifyPeriodicEventStream', stream]);
    await flush();
    expect(peer.take()).toEqual([]);
    expect(bad).toHaveLength(1);
  });

  it('sends a SEND while a CALL is outstanding', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp2.1');
    const pending = station.call('Reset', { type: 'Immediate' }).catch(() => {});
    await station.send('NotifyPeriodicEventStream', stream);
    await flush();
    expect((peer.take() as unknown[][]).map((f) => f[0])).toEqual([2, 6]);
    await station.close();
    await pending;
  });

  it('answers a CALL that carries a SEND-only action with an error', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp2.1');
    station.handle('NotifyPeriodicEventStream', () => {});
    peer.send([2, 'c1', 'NotifyPeriodicEventStream', stream]);
    await flush();
    expect((peer.take() as unknown[][]).map((f) => f.slice(0, 3))).toEqual([[4, 'c1', 'ProtocolError']]);
  });

  it('reports an inbound CALLRESULTERROR as an event', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp2.1');
    const seen: unknown[] = [];
    station.on('callResultError', (e) => seen.push(e));
    peer.send([5, 'r1', 'FormatViolation', 'bad result', {}]);
    await flush();
    expect(seen).toEqual([
      { messageId: 'r1', code: 'FormatViolation', description: 'bad result', details: {} },
    ]);
    expect(peer.take()).toEqual([]);
  });
});

describe('limits', () => {
  it('closes with 1002 after more than maxBadMessages consecutive bad frames', async () => {
    const { peer } = await stationWithRawPeer('ocpp2.0.1', { maxBadMessages: 3 });
    for (let i = 0; i < 3; i++) peer.send('garbage');
    await flush();
    expect(peer.closes).toEqual([]);
    peer.send('garbage');
    await flush();
    expect(peer.closes).toEqual([{ code: 1002, reason: 'Too many malformed messages' }]);
  });

  it('resets the bad-message count on a good message', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp2.0.1', { maxBadMessages: 2 });
    station.handle('Heartbeat', () => ({ currentTime: '2026-01-01T00:00:00Z' }));
    for (let i = 0; i < 10; i++) {
      peer.send('garbage');
      peer.send('garbage');
      peer.send([2, `ok${i}`, 'Heartbeat', {}]);
    }
    await flush();
    expect(peer.closes).toEqual([]);
  });

  it('a stray CALLRESULT (no call pending) does not end a run of bad frames', async () => {
    const { peer } = await stationWithRawPeer('ocpp2.0.1', { maxBadMessages: 2 });
    // garbage, stray, garbage, stray, garbage: three bad frames in a row as far as the limit goes.
    for (let i = 0; i < 3; i++) {
      peer.send('garbage');
      if (i < 2) peer.send([3, `late-${i}`, {}]);
    }
    await flush();
    expect(peer.closes).toEqual([{ code: 1002, reason: 'Too many malformed messages' }]);
  });

  it('closes with 1009 on a frame short in characters but above maxFrameBytes in UTF-8', async () => {
    // 3-byte characters: 117 UTF-16 units, 245 bytes (RFC 6455 counts bytes). Even at two bytes
    // a unit the frame would fit, so only an exact byte count refuses it.
    const { peer } = await stationWithRawPeer('ocpp1.6', { maxFrameBytes: 240 });
    const frame = JSON.stringify([2, 'm1', 'DataTransfer', { vendorId: 'acme', data: '€'.repeat(64) }]);
    expect(frame.length * 2).toBeLessThanOrEqual(240);
    expect(new TextEncoder().encode(frame).length).toBeGreaterThan(240);
    peer.send(frame);
    await flush();
    expect(peer.closes).toEqual([{ code: 1009, reason: 'Frame too large' }]);
  });

  it('closes with 1009 on an inbound frame above maxFrameBytes', async () => {
    const { peer } = await stationWithRawPeer('ocpp1.6', { maxFrameBytes: 100 });
    peer.send([2, 'm1', 'DataTransfer', { vendorId: 'acme', data: 'é'.repeat(60) }]);
    await flush();
    expect(peer.closes).toEqual([{ code: 1009, reason: 'Frame too large' }]);
  });
});

describe('error classes', () => {
  it('carry their class name explicitly (minifiers rename classes)', async () => {
    const errors = await import('../src/errors.js');
    for (const [name, value] of Object.entries(errors)) {
      if (typeof value !== 'function' || !(value.prototype instanceof Error)) continue;
      const instance = new (value as new (...args: unknown[]) => Error)('GenericError', 'x', {
        retryable: false,
      });
      expect(instance.name).toBe(name);
    }
  });
});
