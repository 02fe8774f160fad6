// What the page says about a station, in words (sim/timeline.ts, sim/view.ts): boot answers with
// what they mean for charging, status changes, confirmed transaction ids, the pill's tone.
import { describe, expect, it } from 'vitest';
import { changesBetween, outcomeText, stoppedLine } from '../src/sim/timeline.js';
import { pillOf } from '../src/sim/view.js';
import { snapshot } from './snapshots.js';

describe('timeline lines from snapshots', () => {
  it('a boot answer once, saying what Pending and Rejected mean for charging (1.6 §4.2)', () => {
    const booting = snapshot({ boot: { status: 'Unknown', intervalS: 0, acceptedOnce: false } });
    const rejected = snapshot({ boot: { status: 'Rejected', intervalS: 30, acceptedOnce: false } });
    expect(changesBetween(booting, rejected)).toEqual([
      {
        kind: 'error',
        text: 'BootNotification Rejected: the CSMS refuses this station; no charging, and nothing sent but BootNotification again in 30 s',
      },
    ]);
    expect(changesBetween(rejected, rejected)).toEqual([]);
    const pending = snapshot({ boot: { status: 'Pending', intervalS: 0, acceptedOnce: false } });
    expect(changesBetween(booting, pending)[0]!.text).toMatch(
      /Pending: .*no charging until it accepts.*after a while/,
    );
  });

  it('a connector status change, and the CSMS id arriving for a started transaction', () => {
    const tx = {
      localId: 'CP-1-1',
      idTag: 'TAG-1',
      startedAtMs: 0,
      meterStartWh: 1000,
      startStored: true,
      held: [],
      samples: [],
    };
    const before = snapshot({}, [{ status: 'Preparing', transaction: tx }, {}]);
    const after = snapshot({}, [{ status: 'Charging', transaction: { ...tx, id: '7' } }, {}]);
    expect(changesBetween(before, after)).toEqual([
      { kind: 'status', text: 'Connector 1: Charging' },
      { kind: 'transaction', text: 'Transaction 7 on connector 1 confirmed by the CSMS' },
    ]);
  });

  it('nothing for a station that is not running', () => {
    expect(changesBetween(undefined, snapshot({ started: false }))).toEqual([]);
  });

  it('a card refused says why; a PowerLoss stop says what it means', () => {
    expect(
      outcomeText('TAG-1', { result: 'rejected', reason: 'the CSMS has not accepted the station' }),
    ).toBe('No charging for TAG-1: the CSMS has not accepted the station');
    expect(stoppedLine({ connectorId: 1, localId: 'CP-1-1', id: '5', reason: 'PowerLoss' }).text).toBe(
      'Transaction 5 on connector 1 ended (PowerLoss: the station went dark while it ran, e.g. the page reloaded)',
    );
  });
});

describe('the header pill', () => {
  it.each([
    ['Accepted', 'Online · OCPP 1.6 · Boot Accepted', 'ok'],
    ['Pending', 'Online · OCPP 1.6 · Boot Pending', 'warn'],
    ['Rejected', 'Online · OCPP 1.6 · Boot Rejected', 'bad'],
  ] as const)('boot %s: %s, tone %s', (status, text, tone) => {
    expect(pillOf(snapshot({ boot: { status, intervalS: 60, acceptedOnce: false } }), true)).toEqual({
      text,
      tone,
    });
  });

  it('says offline, reconnecting, cable out and gave up apart', () => {
    expect(pillOf(snapshot({ started: false }), true)).toEqual({ text: 'Offline', tone: 'off' });
    expect(pillOf(snapshot({ connection: 'reconnecting' }), true).text).toBe('Reconnecting…');
    expect(pillOf(snapshot({ connection: 'reconnecting' }), false).text).toBe('Offline · network cable out');
    expect(pillOf(snapshot({ connection: 'closed' }), true)).toEqual({
      text: 'Offline · gave up reconnecting',
      tone: 'bad',
    });
    expect(pillOf(snapshot({ protocol: 'ocpp2.1' }), true).text).toBe('Online · OCPP 2.1 · Boot Accepted');
  });
});
