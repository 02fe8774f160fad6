// Engine options: numbers are checked once, when the client or server is made, so a typo fails
// at start-up rather than at the first station; a server's stations share one resolved set.
import { describe, expect, it } from 'vitest';
import {
  connectInMemory,
  NO_REPLY,
  OCPPClient,
  OCPPServer,
  type StationConnection,
  type Validators,
  withPresetValidators,
} from '../src/index.js';
import { allValidators } from './harness.js';

const NUMERIC = [
  'callTimeoutMs',
  'maxInFlightCalls',
  'maxQueuedCalls',
  'maxFrameBytes',
  'maxBadMessages',
] as const;
const BAD = [0, -1, Number.NaN, Number.POSITIVE_INFINITY];
const server = (extra: object = {}) =>
  new OCPPServer({ protocols: ['ocpp1.6'], validators: allValidators, ...extra });

describe('numeric options', () => {
  for (const name of NUMERIC) {
    it(`${name}: a client refuses 0, negatives, NaN and Infinity with a RangeError naming it`, () => {
      for (const value of BAD) {
        const make = () =>
          new OCPPClient({
            endpoint: 'ws://127.0.0.1:1/ocpp',
            identity: 'CP-1',
            protocols: ['ocpp1.6'],
            strictMode: false,
            connector: connectInMemory(server()),
            [name]: value,
          });
        expect(make, `${name}=${value}`).toThrow(RangeError);
        expect(make, `${name}=${value}`).toThrow(name);
      }
    });

    it(`${name}: a server refuses them at construction, before any station connects`, () => {
      for (const value of BAD) {
        expect(() => server({ [name]: value }), `${name}=${value}`).toThrow(RangeError);
      }
    });
  }

  it("a server's stations all run with the server's options", async () => {
    const csms = server({ maxQueuedCalls: 1, callTimeoutMs: 50 });
    const stations: StationConnection<'ocpp1.6'>[] = [];
    csms.on('client', (s) => stations.push(s));
    const clients = ['CP-1', 'CP-2'].map(
      (identity) =>
        new OCPPClient({
          endpoint: 'ws://in-memory/ocpp',
          identity,
          protocols: ['ocpp1.6'],
          validators: allValidators,
          connector: connectInMemory(csms),
        }),
    );
    for (const c of clients) c.handle('Reset', () => NO_REPLY);
    await Promise.all(clients.map((c) => c.connect()));
    expect(stations).toHaveLength(2);
    for (const station of stations) {
      // The stations never answer: the first call is in flight until its 50 ms timeout, the second waits in
      // the queue (maxQueuedCalls 1), the third is refused.
      const first = station.call('Reset', { type: 'Soft' }).catch((e: unknown) => e);
      const second = station.call('Reset', { type: 'Soft' }).catch((e: unknown) => e);
      await expect(station.call('Reset', { type: 'Soft' })).rejects.toMatchObject({ code: 'LimitExceeded' });
      expect(await first).toMatchObject({ code: 'Timeout' });
      expect(await second).toMatchObject({ code: 'Timeout' });
    }
    await Promise.all(clients.map((c) => c.close()));
  });
});

describe('withPresetValidators: one meaning in every runtime package', () => {
  const preset = { 'ocpp1.6': {}, 'ocpp2.0.1': {} } as unknown as Validators;
  const mine = { 'ocpp1.6': {} } as unknown as Validators;

  it('keeps the preset when none are passed, or undefined is', () => {
    expect(withPresetValidators({}, preset).validators).toBe(preset);
    expect(withPresetValidators({ validators: undefined }, preset).validators).toBe(preset);
  });

  it('replaces the preset whole with the ones passed (no merge per protocol)', () => {
    expect(withPresetValidators({ validators: mine }, preset).validators).toBe(mine);
  });
});
