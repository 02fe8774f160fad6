// Rules the engine applies to whatever transport it runs on, so every runtime behaves alike:
// binary frames, the answer a transport may wait for, error descriptions.
import { describe, expect, it } from 'vitest';
import type { Transport } from '../src/index.js';
import { flush, stationWithRawPeer } from './harness.js';

describe('binary frames (OCPP-J 1.6 / 2.0.1 / 2.1 §4.1.2: messages are UTF-8 text)', () => {
  it.each(['ocpp1.6', 'ocpp2.0.1', 'ocpp2.1'] as const)(
    '%s: closes with 1003 (RFC 6455 §7.4.1) and answers nothing, also when a handler would',
    async (protocol) => {
      const { station, peer } = await stationWithRawPeer(protocol);
      const closes: unknown[] = [];
      station.on('close', (info) => closes.push(info));
      station.handle('*', () => ({}));
      peer.sendBinary();
      await flush();
      expect(peer.received).toEqual([]);
      expect(peer.closes).toEqual([{ code: 1003, reason: 'OCPP-J uses text frames only' }]);
      expect(closes).toEqual([{ code: 1003, reason: 'OCPP-J uses text frames only' }]);
    },
  );
});

describe('Transport.waitUntil: the engine tells the transport when a handler has answered', () => {
  it('one promise per frame that started a handler, settled once its answer was written', async () => {
    const { station, peer, transport } = await stationWithRawPeer('ocpp1.6');
    const answers: Array<Promise<void>> = [];
    (transport as Transport).waitUntil = (answer) => answers.push(answer);
    let release!: () => void;
    station.handle(
      'Heartbeat',
      () => new Promise((resolve) => (release = () => resolve({ currentTime: '2026-01-01T00:00:00Z' }))),
    );
    peer.send('[2,"h1","Heartbeat",{}]');
    peer.send('[2,"x1","NoSuchAction",{}]'); // refused by the engine at once: nothing to wait for
    peer.send('[3,"stray",{}]'); // a response, not a call
    peer.send('[2,"bad",'); // unreadable
    await flush();
    expect(answers).toHaveLength(1);
    let answeredBeforeSettled: boolean | undefined;
    void answers[0]!.then(() => {
      answeredBeforeSettled = transport.isClosed === false;
    });
    await flush();
    expect(answeredBeforeSettled).toBeUndefined();
    release();
    await flush();
    expect(answeredBeforeSettled).toBe(true);
    expect(peer.take()).toContainEqual([3, 'h1', { currentTime: '2026-01-01T00:00:00Z' }]);
  });
});

describe('error descriptions name the path once', () => {
  it.each([
    ['ocpp1.6', [2, 'v1', 'BootNotification', { chargePointVendor: 12, chargePointModel: 'X' }]],
    ['ocpp2.0.1', [2, 'v1', 'Heartbeat', { extra: 1 }]],
  ] as const)('%s: "<path>: <what is wrong>" in the CALLERROR', async (protocol, frame) => {
    const { peer } = await stationWithRawPeer(protocol);
    peer.send([...frame]);
    await flush();
    const [reply] = peer.take() as Array<[number, string, string, string]>;
    const description = reply![3];
    expect(description).toMatch(/^\/\S*: /);
    const path = description.slice(0, description.indexOf(': '));
    expect(description.split(path)).toHaveLength(2);
    if (protocol === 'ocpp1.6') expect(description).toBe('/chargePointVendor: expected string, received 12');
  });
});
