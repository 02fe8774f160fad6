// A password the CSMS rotates is the one the station connects with next (OCPP 1.6 security
// whitepaper ed. 2: ChangeConfiguration AuthorizationKey; 2.0.1 A01: SetVariables
// SecurityCtrlr.BasicAuthPassword), and a station whose network comes back reconnects at once.
import type { Handshake } from '@ocpp-ws-io/core';
import { describe, expect, it } from 'vitest';
import { rig } from './helpers/csms.js';
import { rig2 } from './v2/helpers/csms2.js';

/** Every Basic-auth password the CSMS saw in a handshake, in order. */
function passwordsSeenBy(server: {
  auth(cb: (h: Handshake) => boolean): unknown;
}): Array<string | undefined> {
  const seen: Array<string | undefined> = [];
  server.auth((handshake) => {
    seen.push(handshake.password);
    return true;
  });
  return seen;
}

describe('station credentials and reconnects', () => {
  it('1.6: a new AuthorizationKey (RebootRequired) is the password after the reboot', async () => {
    const { csms, clock, station } = await rig({ start: false });
    const seen = passwordsSeenBy(csms.server);
    await station.start();
    const key = 'ab'.repeat(20); // 20 bytes as 40 hexadecimal digits
    expect(await csms.call('ChangeConfiguration', { key: 'AuthorizationKey', value: key })).toEqual({
      status: 'RebootRequired',
    });
    expect(await csms.call('Reset', { type: 'Soft' })).toEqual({ status: 'Accepted' });
    await clock.advance(60_000);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)).toBe(key);
    expect(station.snapshot().boot.status).toBe('Accepted');
  });

  it('2.0.1 A01: a new BasicAuthPassword is the password of the next connection', async () => {
    const { csms, clock, station } = await rig2({ start: false });
    const seen = passwordsSeenBy(csms.server);
    await station.start();
    const password = 'a-new-password-from-csms';
    const set = await csms.call('SetVariables', {
      setVariableData: [
        {
          component: { name: 'SecurityCtrlr' },
          variable: { name: 'BasicAuthPassword' },
          attributeValue: password,
        },
      ],
    });
    expect(set.setVariableResult[0]?.attributeStatus).toBe('Accepted');
    expect(await csms.call('Reset', { type: 'Immediate' })).toEqual({ status: 'Accepted' });
    await clock.advance(60_000);
    expect(seen.at(-1)).toBe(password);
  });

  it('comeBack() reconnects at once instead of waiting out the back-off', async () => {
    const { clock, station, client } = await rig();
    let waitingUntil = 0;
    client.on('reconnecting', ({ delayMs }) => {
      waitingUntil = clock.now() + delayMs;
    });
    station.goOffline();
    // Offline long enough for attempts to time out and the back-off to grow past 4 s; stop while
    // the client waits between two attempts.
    for (let i = 0; i < 600 && !(waitingUntil - clock.now() > 4_000); i++) await clock.advance(1_000);
    expect(client.state).toBe('reconnecting');
    expect(waitingUntil - clock.now()).toBeGreaterThan(4_000);
    station.comeBack();
    await clock.settle(); // no time passes
    expect(client.state).toBe('open');
  });
});
