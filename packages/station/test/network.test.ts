// One real network: a VirtualStation on @ocpp-ws-io/node's OCPPClient against @ocpp-ws-io/node's
// OCPPServer on 127.0.0.1, with the real clock. Waits are bounded; nothing asserts speed.

import { MemoryMessageStore, OCPPClient, OCPPServer, type StationConnection } from '@ocpp-ws-io/node';
import { afterEach, describe, expect, it } from 'vitest';
import { stationDurable, VirtualStation } from '../src/index.js';

/** Polls `check` every 10 ms until it is true; fails after `timeoutMs`. */
async function waitFor(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('VirtualStation over a real WebSocket (@ocpp-ws-io/node, loopback)', () => {
  it('boots, charges on a RemoteStart and stops on a RemoteStop (OCPP 1.6 §4.2, §5.11, §5.12)', async () => {
    const server = new OCPPServer({ protocols: ['ocpp1.6'] });
    const received: string[] = [];
    let connection: StationConnection<'ocpp1.6'> | undefined;
    const now = () => new Date().toISOString();
    server.on('client', (station) => {
      connection = station;
    });
    const answer =
      <T>(action: string, response: T) =>
      () => {
        received.push(action);
        return response;
      };
    server.handle(
      'BootNotification',
      answer('BootNotification', { status: 'Accepted', interval: 300, currentTime: now() }),
    );
    server.handle('StatusNotification', answer('StatusNotification', {}));
    server.handle(
      'StartTransaction',
      answer('StartTransaction', { transactionId: 7, idTagInfo: { status: 'Accepted' } }),
    );
    server.handle('StopTransaction', answer('StopTransaction', {}));
    server.handle('MeterValues', answer('MeterValues', {}));
    server.handle('Heartbeat', () => ({ currentTime: now() }));
    const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
    cleanup.push(() => server.close());

    const durable = stationDurable({ store: new MemoryMessageStore() });
    const client = new OCPPClient({ endpoint: url, identity: 'NET-1', protocols: ['ocpp1.6'], durable });
    const station = new VirtualStation({ client, durable, vendor: 'Acme', model: 'Net', connectors: 1 });
    cleanup.push(() => station.stop());
    await station.start();
    expect(station.snapshot().boot.status).toBe('Accepted');
    await waitFor(
      'two StatusNotifications',
      () => received.filter((a) => a === 'StatusNotification').length === 2,
    );

    station.plugIn(1);
    expect(await connection!.call('RemoteStartTransaction', { idTag: 'NET-TAG', connectorId: 1 })).toEqual({
      status: 'Accepted',
    });
    await waitFor('StartTransaction', () => received.includes('StartTransaction'));
    await waitFor('the transaction id', () => station.snapshot().connectors[0]?.transaction?.id === '7');
    expect(station.snapshot().connectors[0]?.status).toBe('Charging');

    expect(await connection!.call('RemoteStopTransaction', { transactionId: 7 })).toEqual({
      status: 'Accepted',
    });
    await waitFor('StopTransaction', () => received.includes('StopTransaction'));
    expect(station.snapshot().connectors[0]?.status).toBe('Finishing');
  });
});
