// The Workers transport in plain Node, over a scripted socket: a Durable Object event that awaits
// `receive()` must stay open while a handler works on its answer — the engine says when the answer
// went out (Transport.waitUntil); nothing here reads the frames to pair replies with calls.
import { OCPPServer } from '@ocpp-ws-io/core';
import { validators } from '@ocpp-ws-io/schemas/ocpp1.6';
import { describe, expect, it } from 'vitest';
import type { WebSocketLike } from '../src/like.js';
import { SocketTransport } from '../src/socket-transport.js';

/** A hibernatable socket that records what it was asked to do. */
function scriptedSocket() {
  const sent: string[] = [];
  const closes: Array<[number | undefined, string | undefined]> = [];
  const socket = {
    readyState: 1,
    send: (data: string) => sent.push(data),
    close: (code?: number, reason?: string) => closes.push([code, reason]),
  } as unknown as WebSocketLike;
  return { socket, sent, closes };
}

async function station() {
  const server = new OCPPServer({ protocols: ['ocpp1.6'], validators: { 'ocpp1.6': validators } });
  const decision = await server.handshake({
    url: 'ws://127.0.0.1/ocpp/CP-1',
    headers: { get: (name) => (name === 'sec-websocket-protocol' ? 'ocpp1.6' : null) },
  });
  if (!decision.ok) throw new Error(decision.reason);
  const { socket, sent, closes } = scriptedSocket();
  const transport = new SocketTransport(socket, 'ocpp1.6', 1_000);
  return { station: server.accept(transport, decision), transport, sent, closes };
}

const settledWithin = (promise: Promise<void>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('SocketTransport.receive: the event lasts as long as the handler', () => {
  it('resolves only once the async handler answered, and after the answer was sent', async () => {
    const { station: s, transport, sent } = await station();
    let release!: () => void;
    s.handle(
      'Heartbeat',
      () => new Promise((r) => (release = () => r({ currentTime: '2026-01-01T00:00:00Z' }))),
    );
    const event = transport.receive('[2,"h1","Heartbeat",{}]');
    expect(await settledWithin(event, 50)).toBe(false);
    release();
    await event;
    expect(sent).toEqual(['[3,"h1",{"currentTime":"2026-01-01T00:00:00Z"}]']);
  });

  it('does not wait for frames that start no handler: responses, refused calls, garbage', async () => {
    const { transport, sent } = await station();
    for (const frame of ['[3,"stray",{}]', '[2,"x1","NoSuchAction",{}]', 'not json'])
      expect(await settledWithin(transport.receive(frame), 50), frame).toBe(true);
    expect(sent).toEqual(['[4,"x1","NotImplemented","Unknown action NoSuchAction",{}]']);
  });

  it('stops waiting when the socket closes, and when answerWaitMs passes', async () => {
    const { station: s, transport } = await station();
    s.handle('Heartbeat', () => new Promise(() => {}));
    const closing = transport.receive('[2,"h2","Heartbeat",{}]');
    transport.closed({ code: 1001, reason: 'going away' });
    expect(await settledWithin(closing, 50)).toBe(true);

    const other = await station();
    other.station.handle('Heartbeat', () => new Promise(() => {}));
    expect(await settledWithin(other.transport.receive('[2,"h3","Heartbeat",{}]'), 2_000)).toBe(true);
  });

  it('sends a close the runtime accepts: reason cut to 123 bytes (RFC 6455 §5.5), codes it may send', async () => {
    const { transport, closes } = await station();
    transport.close(1006, 'é'.repeat(100));
    expect(closes).toEqual([[1000, `1006 ${'é'.repeat(59)}`]]);
    expect(transport.isClosed).toBe(true);
  });
});
