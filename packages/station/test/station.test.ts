// The façade: profile selection by negotiated protocol, snapshots and events, argument checks.

import { connectInMemory, OCPPClient, OCPPServer } from '@ocpp-ws-io/core';
import { describe, expect, it } from 'vitest';
import {
  ManualClock,
  MemoryPersistence,
  NoProfileError,
  type StationSnapshot,
  VirtualStation,
  type VirtualStationOptions,
} from '../src/index.js';
import { rig, T0, validators } from './helpers/csms.js';

describe('VirtualStation', () => {
  it('fails start() with NoProfileError when the client negotiated a protocol without a profile (2.0.1 removed through the profiles option)', async () => {
    const clock = new ManualClock(T0);
    const server = new OCPPServer({ protocols: ['ocpp2.0.1'], validators, clock });
    const client = new OCPPClient({
      endpoint: 'ws://csms.test/ocpp',
      identity: 'CP-2',
      protocols: ['ocpp2.0.1'],
      validators,
      connector: connectInMemory(server),
      clock,
    });
    // Every version has a built-in profile now: the option takes 2.0.1's away.
    const profiles = { 'ocpp2.0.1': undefined } as unknown as NonNullable<VirtualStationOptions['profiles']>;
    const station = new VirtualStation({ client, clock, vendor: 'Acme', model: 'X', profiles });
    const failure = await station.start().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(NoProfileError);
    expect((failure as NoProfileError).protocol).toBe('ocpp2.0.1');
    expect((failure as Error).message).toContain('ocpp1.6');
    expect(client.state).toBe('closed');
    expect(station.snapshot().started).toBe(false);
  });

  it('snapshot() is plain JSON with the 1.6 statuses, and a copy (changing it changes nothing)', async () => {
    const { station, clock } = await rig();
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.advance(60_000);
    const snapshot = station.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot).toMatchObject({
      identity: 'CP-1',
      protocol: 'ocpp1.6',
      connection: 'open',
      started: true,
      boot: { status: 'Accepted' },
      station: { status: 'Available' },
    });
    expect(snapshot.connectors.map((c) => c.status)).toEqual(['Charging', 'Available']);
    expect(Math.round(snapshot.connectors[0]?.sessionEnergyWh ?? 0)).toBe(183);
    (snapshot.connectors[0] as { plugged: boolean }).plugged = false;
    expect(station.snapshot().connectors[0]?.plugged).toBe(true);
  });

  it("emits 'change' with a snapshot on every change, and transactionStarted / transactionStopped", async () => {
    const { station, clock } = await rig();
    const changes: StationSnapshot[] = [];
    const events: string[] = [];
    station.on('change', (s) => changes.push(s));
    station.on('transactionStarted', ({ connectorId, idTag }) =>
      events.push(`start ${connectorId} ${idTag}`),
    );
    station.on('transactionStopped', ({ connectorId, id, reason }) =>
      events.push(`stop ${connectorId} ${id} ${reason}`),
    );
    station.plugIn(2);
    expect(changes.at(-1)?.connectors[1]?.status).toBe('Preparing');
    await station.presentToken('TAG-1', 2);
    await clock.settle();
    await station.stopCharging(2);
    expect(events).toEqual(['start 2 TAG-1', 'stop 2 100 Local']);
    expect(changes.at(-1)?.connectors[1]?.status).toBe('Finishing');
  });

  it('checks its arguments: unknown connectors, goOffline without a network switch, a second start', async () => {
    const { station } = await rig();
    expect(() => station.plugIn(3)).toThrow(RangeError);
    expect(() => station.unplug(0)).toThrow(RangeError);
    await expect(station.presentToken('X', 9)).rejects.toThrow(RangeError);
    await expect(station.start()).rejects.toThrow('already started');

    const clock = new ManualClock(T0);
    const server = new OCPPServer({ protocols: ['ocpp1.6'], validators, clock });
    const client = new OCPPClient({
      endpoint: 'ws://csms.test/ocpp',
      identity: 'CP-3',
      protocols: ['ocpp1.6'],
      validators,
      connector: connectInMemory(server),
      clock,
    });
    expect(() => new VirtualStation({ client, vendor: 'A', model: 'B' }).goOffline()).toThrow(
      'network option',
    );
    expect(() => new VirtualStation({ client, vendor: 'A', model: 'B', connectors: 0 })).toThrow(RangeError);
  });

  it('refuses a saved state whose connector count differs from the model', async () => {
    const persistence = new MemoryPersistence();
    const first = await rig({ persistence });
    await first.station.stop();
    await expect(rig({ persistence, connectors: 3 })).rejects.toThrow('3');
  });

  it('persists its state as it changes (the persistence sees the running transaction)', async () => {
    const persistence = new MemoryPersistence();
    const { station, clock } = await rig({ persistence });
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.settle();
    expect(persistence.saved?.connectors[0]?.transaction?.id).toBe('100');
    expect(persistence.saved?.running).toBe(true);
  });
});
