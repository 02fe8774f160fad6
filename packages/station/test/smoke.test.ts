import { describe, expect, it } from 'vitest';
import { rig, statuses } from './helpers/csms.js';

describe('smoke', () => {
  it('boots and charges', async () => {
    const { csms, station, clock } = await rig();
    expect(csms.of('BootNotification')).toHaveLength(1);
    expect(statuses(csms, 1)).toEqual(['Available']);
    station.plugIn(1);
    const outcome = await station.presentToken('TAG-1');
    await clock.settle();
    expect(outcome).toEqual({ result: 'started', connectorId: 1 });
    await clock.advance(120_000);
    expect(csms.of('StartTransaction')).toHaveLength(1);
    expect(csms.of('MeterValues').length).toBeGreaterThan(0);
  });
});
