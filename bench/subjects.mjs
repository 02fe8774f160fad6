// The three subjects of the peer benchmarks, behind one interface: a CSMS that answers 1.6
// MeterValues (and Heartbeat) and a station that calls it. Same frames for all three.
//   ws        raw `ws` 8.23.0: JSON.parse + JSON.stringify, no framing rules, no validation (the limit)
//   ocpp-rpc  ocpp-rpc 2.2.1 with strictMode (ajv) on both sides
//   ours      @ocpp-ws-io/node (built) with strict validation (the default) on both sides
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const SUBJECTS = ['ws', 'ocpp-rpc', 'ours'];
const RESULT = {};

export async function startServer(subject, { port = 0 } = {}) {
  if (subject === 'ws') {
    const { WebSocketServer } = require('ws');
    const wss = new WebSocketServer({
      port,
      host: '127.0.0.1',
      perMessageDeflate: false,
      handleProtocols: (offered) => (offered.has('ocpp1.6') ? 'ocpp1.6' : false),
    });
    await new Promise((r) => wss.once('listening', r));
    wss.on('connection', (ws) => {
      ws.on('message', (data) => {
        const [type, id] = JSON.parse(data.toString());
        if (type === 2) ws.send(JSON.stringify([3, id, RESULT]));
      });
    });
    return {
      url: `ws://127.0.0.1:${wss.address().port}/ocpp`,
      close: () => new Promise((r) => wss.close(r)),
    };
  }
  if (subject === 'ocpp-rpc') {
    const { RPCServer } = require('ocpp-rpc');
    const server = new RPCServer({ protocols: ['ocpp1.6'], strictMode: true });
    server.on('client', (client) => {
      client.handle('MeterValues', () => RESULT);
      client.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
    });
    const http = await server.listen(port, '127.0.0.1');
    return {
      url: `ws://127.0.0.1:${http.address().port}/ocpp`,
      close: () => server.close({ force: true }),
    };
  }
  const { OCPPServer } = await import('@ocpp-ws-io/node');
  const server = new OCPPServer({
    protocols: ['ocpp1.6'],
    path: '/ocpp',
    maxConcurrentUpgrades: 10_000,
    pingIntervalMs: 60_000,
  });
  // Server-level handlers: one registration serves every station (the idiomatic CSMS setup).
  server.handle('MeterValues', () => RESULT);
  server.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
  const { url } = await server.listen({ port, host: '127.0.0.1' });
  return { url, close: () => server.close() };
}

export async function connectClient(subject, url, identity) {
  if (subject === 'ws') {
    const { WebSocket } = require('ws');
    const ws = new WebSocket(`${url}/${identity}`, ['ocpp1.6'], { perMessageDeflate: false });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const pending = new Map();
    let seq = 0;
    ws.on('message', (data) => {
      const [type, id, payload] = JSON.parse(data.toString());
      const p = pending.get(id);
      if (!p) return;
      pending.delete(id);
      if (type === 3) p.resolve(payload);
      else p.reject(new Error('CALLERROR'));
    });
    return {
      call: (action, params) =>
        new Promise((resolve, reject) => {
          const id = String(++seq);
          pending.set(id, { resolve, reject });
          ws.send(JSON.stringify([2, id, action, params]));
        }),
      close: () => ws.terminate(),
    };
  }
  if (subject === 'ocpp-rpc') {
    const { RPCClient } = require('ocpp-rpc');
    const client = new RPCClient({
      endpoint: url,
      identity,
      protocols: ['ocpp1.6'],
      strictMode: true,
      reconnect: false,
      pingIntervalMs: 0,
    });
    await client.connect();
    return { call: (a, p) => client.call(a, p), close: () => client.close({ force: true }) };
  }
  const { OCPPClient } = await import('@ocpp-ws-io/node');
  const client = new OCPPClient({
    endpoint: url,
    identity,
    protocols: ['ocpp1.6'],
    reconnect: false,
    pingIntervalMs: 0,
  });
  await client.connect();
  return { call: (a, p) => client.call(a, p), close: () => client.close() };
}
