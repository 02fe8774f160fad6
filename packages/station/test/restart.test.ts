// What survives a restart, and how the CSMS is never left with a transaction nobody ends.

import { MemoryMessageStore } from '@ocpp-ws-io/core';
import { describe, expect, it } from 'vitest';
import { ManualClock, MemoryPersistence } from '../src/index.js';
import { MemoryCsms, rig, T0 } from './helpers/csms.js';

/** Every transaction the CSMS saw start was also stopped: no ghost. */
function ghosts(csms: MemoryCsms): number[] {
  const stopped = new Set(csms.of('StopTransaction').map((r) => r.params.transactionId));
  return csms
    .of('StartTransaction')
    .map((_, i) => 100 + i)
    .filter((id) => !stopped.has(id));
}

function world() {
  const clock = new ManualClock(T0);
  return {
    clock,
    csms: new MemoryCsms(clock),
    store: new MemoryMessageStore(),
    persistence: new MemoryPersistence(),
  };
}

describe('restart and offline (OCPP 1.6 §3.7, §4.8, §4.10, §7.36)', () => {
  it('§7.36 a power cut mid-charge: the restarted station ends the transaction with PowerLoss as of its last save', async () => {
    const w = world();
    const first = await rig(w);
    first.station.plugIn(1);
    await first.station.presentToken('TAG-1');
    await w.clock.advance(600_000);
    expect(ghosts(w.csms)).toEqual([100]);
    const cutAt = w.persistence.saved?.savedAtMs ?? 0;
    const meterAtCut = Math.round(w.persistence.saved?.connectors[0]?.meterWh ?? 0);
    await first.station.stop({ powerCut: true });
    expect(w.csms.of('StopTransaction')).toHaveLength(0);

    await w.clock.advance(3_600_000); // the power comes back an hour later
    const second = await rig(w);
    await w.clock.settle();
    expect(w.csms.of('BootNotification')).toHaveLength(2);
    const [stop] = w.csms.of('StopTransaction');
    expect(stop?.params).toMatchObject({
      transactionId: 100,
      reason: 'PowerLoss',
      meterStop: meterAtCut,
      timestamp: new Date(cutAt).toISOString(),
    });
    // Sent after the new BootNotification was accepted (§4.2), not before.
    const order = w.csms.received.map((r) => r.action);
    expect(order.lastIndexOf('BootNotification')).toBeLessThan(order.indexOf('StopTransaction'));
    expect(ghosts(w.csms)).toEqual([]);
    expect(second.station.snapshot().connectors[0]?.transaction).toBeUndefined();
  });

  it('§3.7 a StartTransaction stored but unanswered before the cut is delivered after the restart, then its StopTransaction', async () => {
    const w2 = world();
    const a = await rig({ ...w2, config: { AllowOfflineTxForUnknownId: 'true' } });
    a.station.goOffline();
    await w2.clock.settle();
    a.station.plugIn(1);
    expect(await a.station.presentToken('TAG-1')).toEqual({ result: 'started', connectorId: 1 });
    await w2.clock.advance(300_000);
    expect(w2.store.size).toBeGreaterThan(0); // StartTransaction (and samples) wait in the durable store
    await a.station.stop({ powerCut: true });

    const b = await rig({ ...w2, config: { AllowOfflineTxForUnknownId: 'true' } });
    await w2.clock.advance(5_000);
    expect(w2.csms.of('StartTransaction').map((r) => r.params.timestamp)).toEqual([
      new Date(T0).toISOString(),
    ]);
    expect(w2.csms.of('StopTransaction')[0]?.params).toMatchObject({
      transactionId: 100,
      reason: 'PowerLoss',
    });
    expect(ghosts(w2.csms)).toEqual([]);
    expect(w2.store.size).toBe(0);
    expect(b.station.snapshot().connectors[0]?.ending).toEqual([]);
  });

  it('§3.7 a transaction run entirely offline reaches the CSMS after reconnecting: Start, MeterValues, Stop with its id, in order', async () => {
    const w = world();
    const { station, clock, csms } = await rig({ ...w, config: { MeterValueSampleInterval: '120' } });
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.settle();
    await station.presentToken('TAG-1'); // stopped: TAG-1 is now cached as Accepted
    station.unplug(1);
    await clock.settle();
    csms.clear();
    station.goOffline();
    await clock.settle();
    station.plugIn(2);
    expect(await station.presentToken('TAG-1', 2)).toEqual({ result: 'started', connectorId: 2 });
    await clock.advance(300_000);
    await station.stopCharging(2);
    expect(csms.received).toEqual([]);
    station.comeBack();
    // The client reconnects at its next back-off attempt (at most 32 s + jitter by default).
    await clock.advance(60_000);
    const tx = csms.received.filter((r) =>
      ['StartTransaction', 'MeterValues', 'StopTransaction'].includes(r.action),
    );
    expect(tx.map((r) => r.action)).toEqual([
      'StartTransaction',
      'MeterValues',
      'MeterValues',
      'StopTransaction',
    ]);
    expect(tx.slice(1).map((r) => r.params.transactionId)).toEqual([101, 101, 101]);
    expect(tx[3]?.params).toMatchObject({ reason: 'Local', timestamp: new Date(T0 + 300_000).toISOString() });
  });

  it('§4.10 a StopTransaction waits for the StartTransaction answer (the transaction id) before it is sent', async () => {
    const w = world();
    const { station, clock, csms } = await rig(w);
    csms.behaviour.answerStart = false; // the CSMS fails StartTransaction: the durable lane retries it
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.settle();
    await station.stopCharging(1);
    await clock.settle();
    expect(csms.of('StopTransaction')).toHaveLength(0);
    expect(station.snapshot().connectors[0]?.ending).toHaveLength(1);
    csms.behaviour.answerStart = true;
    await clock.advance(1_000); // retryIntervalMs × attempts
    expect(csms.of('StartTransaction')).toHaveLength(2);
    expect(csms.of('StopTransaction')[0]?.params).toMatchObject({ transactionId: 100, reason: 'Local' });
    expect(station.snapshot().connectors[0]?.ending).toEqual([]);
  });

  it('stop() ends running transactions (reason Other) and closes the connection', async () => {
    const { station, csms, client } = await rig();
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await station.stop();
    expect(csms.of('StopTransaction')[0]?.params).toMatchObject({ transactionId: 100, reason: 'Other' });
    expect(client.state).toBe('closed');
    expect(station.snapshot().started).toBe(false);
  });

  it('stop() while offline does not wait for the CSMS: the StopTransaction stays stored and the next run delivers it', async () => {
    const w = world();
    const first = await rig(w);
    first.station.plugIn(1);
    await first.station.presentToken('TAG-1');
    await w.clock.settle();
    first.station.goOffline();
    await w.clock.settle();
    const reported: Error[] = [];
    first.station.on('error', (e) => reported.push(e));
    await first.station.stop();
    expect(w.csms.of('StopTransaction')).toHaveLength(0);
    expect(w.store.size).toBe(1);
    // The aborted wait for an answer is no failure: the message is stored for the next run.
    expect(reported).toEqual([]);
    await rig(w);
    await w.clock.settle();
    expect(w.csms.of('StopTransaction')[0]?.params).toMatchObject({ transactionId: 100, reason: 'Other' });
    expect(w.store.size).toBe(0);
  });

  it('a clean stop leaves nothing to recover: the next start sends no StopTransaction', async () => {
    const w = world();
    const first = await rig(w);
    first.station.plugIn(1);
    await first.station.presentToken('TAG-1');
    await first.station.stop({ reason: 'Local' });
    await rig(w);
    expect(w.csms.of('StopTransaction')).toHaveLength(1);
    expect(w.persistence.saved?.running).toBe(true);
  });
});
