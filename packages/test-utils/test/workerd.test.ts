import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWs, type RunningWorkerd, startWorkerd, startWsServer } from '../src/index.js';

const entry = fileURLToPath(new URL('./fixtures/worker/index.ts', import.meta.url));

interface Echo {
  echo: string;
  attachment: { id: string; protocol: string | null; acceptedBy: string };
  instanceId: string;
  constructions: number;
  sockets: number;
}

describe('workerd (Miniflare API)', () => {
  let worker: RunningWorkerd;

  beforeAll(async () => {
    worker = await startWorkerd({ entry, durableObjects: { STATION: 'Station' } });
  });
  afterAll(async () => {
    await worker?.dispose();
  });

  it('(a) Durable Object accepts a hibernatable WebSocket from Node ws and echoes the subprotocol', async () => {
    const client = await connectWs(`${worker.wsUrl}/station/CP-A`, ['ocpp2.0.1', 'ocpp1.6']);
    expect(client.protocol).toBe('ocpp2.0.1');
    const reply = JSON.parse(await client.request('hi')) as Echo;
    expect(reply).toMatchObject({
      echo: 'hi',
      attachment: { id: 'CP-A', protocol: 'ocpp2.0.1' },
      sockets: 1,
    });
    expect(await client.close(1000, 'bye')).toEqual({ code: 1000, reason: 'bye' });
  });

  it('(a) without a supported offer, no subprotocol is echoed and ws refuses the handshake', async () => {
    await expect(connectWs(`${worker.wsUrl}/station/CP-X`, ['ocpp9'])).rejects.toThrow(/subprotocol/);
  });

  it('(b) socket survives hibernation with its attachment; the constructor re-runs', async () => {
    const client = await connectWs(`${worker.wsUrl}/station/CP-B`, ['ocpp1.6']);
    const before = JSON.parse(await client.request('before')) as Echo;
    expect(before.attachment).toEqual({ id: 'CP-B', protocol: 'ocpp1.6', acceptedBy: before.instanceId });
    // workerd hibernates an idle DO after 10 s (no timers, no pending I/O); 12 s leaves margin.
    await new Promise((r) => setTimeout(r, 12_000));
    const after = JSON.parse(await client.request('after')) as Echo;
    expect(after.echo).toBe('after');
    expect(after.instanceId).not.toBe(before.instanceId); // a new instance: the DO was evicted
    expect(after.constructions).toBe(before.constructions + 1);
    expect(after.attachment).toEqual(before.attachment); // attachment kept, still names the old instance
    expect(after.sockets).toBe(1);
    await client.close();
  }, 30_000);

  it('(c) Worker as WebSocket client via fetch() sends Authorization and Sec-WebSocket-Protocol', async () => {
    const server = await startWsServer({ basicAuth: { user: 'CP-C', pass: 'pw' } });
    try {
      const auth = `Basic ${Buffer.from('CP-C:pw').toString('base64')}`;
      const q = new URLSearchParams({
        target: `${server.url}/ocpp/CP-C`,
        auth,
        protocols: 'ocpp2.0.1, ocpp1.6',
      });
      const res = await fetch(`${worker.url}/client?${q}`);
      expect(await res.json()).toEqual({
        status: 101,
        opened: true,
        wsProtocol: '',
        headerProtocol: 'ocpp2.0.1',
        echoed: 'hello from worker',
      });
      expect(server.upgrades).toHaveLength(1);
      expect(server.upgrades[0]?.url).toBe('/ocpp/CP-C');
      expect(server.upgrades[0]?.headers.authorization).toBe(auth);
      expect(server.upgrades[0]?.headers['sec-websocket-protocol']).toBe('ocpp2.0.1, ocpp1.6');
    } finally {
      await server.close();
    }
  });
});
