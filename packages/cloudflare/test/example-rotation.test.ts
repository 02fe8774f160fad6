// examples/cloudflare-csms rotates a station's password the way OCPP defines it, in real workerd
// against Node stations: 1.6 ChangeConfiguration of AuthorizationKey (security whitepaper ed. 2,
// A01), 2.0.1 SetVariables of SecurityCtrlr.BasicAuthPassword (2.0.1 Part 2, A01).
import { isValidPassword, type OCPPClient, type OCPPProtocol } from '@ocpp-ws-io/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type ExampleWorker, startExampleWorker } from './helpers/example-worker.js';
import { nodeStation } from './helpers/stations.js';
import { handshakeAnswer } from './helpers/upgrade.js';
import { basic } from './helpers/workerd.js';

const API_TOKEN = 'example-test-api-token';
const OLD_PASSWORD = 'the-old-password-16';

describe('examples/cloudflare-csms: password rotation through OCPP (A01)', () => {
  let worker: ExampleWorker;
  beforeAll(async () => {
    worker = await startExampleWorker({ API_TOKEN });
  });
  afterAll(() => worker?.dispose());

  const rotate = (identity: string) =>
    api(worker, API_TOKEN, 'POST', `/api/stations/${identity}/credential/rotate`);
  const status = async (identity: string, password: string, protocol: OCPPProtocol) =>
    (
      await handshakeAnswer(`${worker.wsUrl}/ocpp/${identity}`, [protocol], {
        Authorization: basic(identity, password),
      })
    ).status;

  /** A connected station with the old password that answers the password call with `answer`. */
  async function stationAnswering(identity: string, protocol: OCPPProtocol, answer: string) {
    expect(
      (
        await api(worker, API_TOKEN, 'PUT', `/api/stations/${identity}/credential`, {
          password: OLD_PASSWORD,
        })
      ).status,
    ).toBe(200);
    const received: unknown[] = [];
    const station: OCPPClient = nodeStation(worker.wsUrl, identity, [protocol], { password: OLD_PASSWORD });
    const record = ({ params }: { params: unknown }) => {
      received.push(params);
      return protocol === 'ocpp1.6'
        ? { status: answer }
        : {
            setVariableResult: [
              {
                attributeStatus: answer,
                component: { name: 'SecurityCtrlr' },
                variable: { name: 'BasicAuthPassword' },
              },
            ],
          };
    };
    station.handle(
      (protocol === 'ocpp1.6' ? 'ChangeConfiguration' : 'SetVariables') as never,
      record as never,
    );
    await station.connect();
    return { station, received };
  }

  it('ocpp1.6: AuthorizationKey Accepted → only the new password opens the station (whitepaper A01.FR.02, A01.FR.03)', async () => {
    const { station, received } = await stationAnswering('CP-ROT16', 'ocpp1.6', 'Accepted');
    const rotated = await rotate('CP-ROT16');
    expect(rotated).toMatchObject({
      status: 200,
      body: {
        action: 'ChangeConfiguration',
        stationStatus: 'Accepted',
        switched: true,
        outcome: { ok: true },
      },
    });
    expect(received).toEqual([{ key: 'AuthorizationKey', value: expect.stringMatching(/^[0-9a-f]{40}$/) }]);
    const { value } = received[0] as { value: string };
    // A01.FR.07: random, and within the AuthorizationKey's rules (A00.FR.205: 40 hexadecimal digits).
    expect(isValidPassword(value, 'ocpp1.6', { hex: true })).toBe(true);
    // The API response carries the station's answer, never the password it was sent.
    expect(JSON.stringify(rotated.body)).not.toContain(value);
    expect(worker.logs()).not.toContain(value);
    // The station disconnects and comes back with the new password (A01 scenario, steps 3–4).
    await station.close();
    expect(await status('CP-ROT16', OLD_PASSWORD, 'ocpp1.6')).toBe(401);
    const back = nodeStation(worker.wsUrl, 'CP-ROT16', ['ocpp1.6'], { password: value });
    expect(await back.connect()).toEqual({ protocol: 'ocpp1.6' });
    await back.close();
    expect((await api(worker, API_TOKEN, 'GET', '/api/stations/CP-ROT16/credential')).body).toMatchObject({
      origin: 'rotation',
    });
  });

  it.each(['Rejected', 'NotSupported'])(
    'ocpp1.6: AuthorizationKey %s → the station keeps its old password, and the CSMS too (whitepaper A01.FR.04)',
    async (answer) => {
      const identity = `CP-KEEP-${answer}`;
      const { station, received } = await stationAnswering(identity, 'ocpp1.6', answer);
      expect(await rotate(identity)).toMatchObject({
        status: 200,
        body: { stationStatus: answer, switched: false },
      });
      await station.close();
      expect(await status(identity, OLD_PASSWORD, 'ocpp1.6')).toBe(101);
      expect(await status(identity, (received[0] as { value: string }).value, 'ocpp1.6')).toBe(401);
    },
  );

  it('ocpp2.0.1: SetVariables SecurityCtrlr.BasicAuthPassword Accepted → only the new password works (2.0.1 Part 2 A01.FR.02, A01.FR.03)', async () => {
    const { station, received } = await stationAnswering('CP-ROT201', 'ocpp2.0.1', 'Accepted');
    expect(await rotate('CP-ROT201')).toMatchObject({
      status: 200,
      body: { action: 'SetVariables', stationStatus: 'Accepted', switched: true },
    });
    expect(received).toEqual([
      {
        setVariableData: [
          {
            component: { name: 'SecurityCtrlr' },
            variable: { name: 'BasicAuthPassword' },
            attributeValue: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
          },
        ],
      },
    ]);
    const value = (received[0] as { setVariableData: [{ attributeValue: string }] }).setVariableData[0]
      .attributeValue;
    expect(isValidPassword(value, 'ocpp2.0.1')).toBe(true);
    await station.close();
    expect(await status('CP-ROT201', OLD_PASSWORD, 'ocpp2.0.1')).toBe(401);
    expect(await status('CP-ROT201', value, 'ocpp2.0.1')).toBe(101);
  });

  it('ocpp2.0.1: Rejected keeps the old password (2.0.1 Part 2 A01.FR.04)', async () => {
    const { station } = await stationAnswering('CP-KEEP201', 'ocpp2.0.1', 'Rejected');
    expect((await rotate('CP-KEEP201')).body).toMatchObject({ stationStatus: 'Rejected', switched: false });
    await station.close();
    expect(await status('CP-KEEP201', OLD_PASSWORD, 'ocpp2.0.1')).toBe(101);
  });

  it('a station that is not connected cannot be rotated: 404 NotConnected, credential unchanged', async () => {
    const res = await rotate('CP-OFFLINE');
    expect(res).toMatchObject({
      status: 404,
      body: { switched: false, outcome: { error: { type: 'NotConnected' } } },
    });
  });

  it('a raw password change through the call API or the configure command is refused (it would lock the station out)', async () => {
    const { station, received } = await stationAnswering('CP-RAW', 'ocpp1.6', 'Accepted');
    const raw = await api(worker, API_TOKEN, 'POST', '/api/stations/CP-RAW/call/ChangeConfiguration', {
      key: 'AuthorizationKey',
      value: 'ab'.repeat(20),
    });
    expect(raw.status).toBe(422);
    const command = await api(worker, API_TOKEN, 'POST', '/api/stations/CP-RAW/command/configure', {
      key: 'AuthorizationKey',
      value: 'ab'.repeat(20),
    });
    expect(command.status).toBe(422);
    expect(received).toEqual([]);
    // Other configuration still goes through.
    const other = await api(worker, API_TOKEN, 'POST', '/api/stations/CP-RAW/call/ChangeConfiguration', {
      key: 'HeartbeatInterval',
      value: '60',
    });
    expect(other).toMatchObject({ status: 200, body: { ok: true } });
    await station.close();
    expect(await status('CP-RAW', OLD_PASSWORD, 'ocpp1.6')).toBe(101);
  });
});
