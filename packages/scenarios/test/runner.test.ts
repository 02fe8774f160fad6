// The runner's own rules, on a station talking to an in-memory CSMS (the engine's connectInMemory):
// when a scenario is not applicable and why, planned answers, station time, variables, and what a
// failure says.
import { connectInMemory, OCPPServer, type StationConnection } from '@ocpp-ws-io/node';
import { describe, expect, it } from 'vitest';
import { type CsmsControl, runScenario, type Scenario, scenario, v } from '../src/index.js';

const now = () => new Date().toISOString();

/** A 1.6 CSMS that answers the basics; `strict: false` lets a test make it answer wrongly. */
function csms(options: { strict?: boolean; bootStatus?: string } = {}) {
  const server = new OCPPServer({ protocols: ['ocpp1.6'], strictMode: options.strict ?? true });
  const connections: StationConnection<'ocpp1.6'>[] = [];
  server.on('client', (c) => connections.push(c));
  server.handle('BootNotification', () => ({
    status: (options.bootStatus ?? 'Accepted') as 'Accepted',
    currentTime: now(),
    interval: 300,
  }));
  server.handle('StatusNotification', () => ({}));
  server.handle('Heartbeat', () => ({ currentTime: now() }));
  server.handle('Authorize', () => ({ idTagInfo: { status: 'Accepted' } }));
  const control: CsmsControl = {
    name: 'in-memory control',
    async trigger({ action, params }) {
      const call = connections.at(-1)!.call as (a: string, p: unknown) => Promise<unknown>;
      call.call(connections.at(-1), action, params).catch(() => undefined);
    },
  };
  const run = (s: Scenario, extra: { control?: CsmsControl; password?: string } = {}) =>
    runScenario(s, {
      endpoint: 'ws://in-memory/ocpp',
      identity: 'CP-1',
      connector: connectInMemory(server),
      answerTimeoutMs: 1_000,
      ...extra,
    });
  return { server, control, run };
}

const boot = () =>
  scenario({ id: 'boot', name: 'Boot', protocol: 'ocpp1.6' })
    .start()
    .expectResult('BootNotification', { match: { status: 'Accepted' }, capture: { interval: 'interval' } });

describe('runScenario', () => {
  it('passes, with the captured variables and the whole trace', async () => {
    const result = await csms().run(boot().build());
    expect(result).toMatchObject({ id: 'boot', status: 'passed', warnings: [], captured: { interval: 300 } });
    expect(result.trace[0]?.frame?.[2]).toBe('BootNotification');
  });

  it('skips what it cannot run, saying why', async () => {
    const { run } = csms();
    const needsControl = scenario({ id: 'c', name: 'C', protocol: 'ocpp1.6', needs: ['csmsControl'] })
      .start()
      .trigger('Reset', { type: 'Soft' })
      .build();
    expect(await run(needsControl)).toMatchObject({
      status: 'skipped',
      reason: 'needs the CSMS to send Reset (OCTT asks an operator): give a CSMS control to run it',
    });
    const needsPassword = scenario({ id: 'p', name: 'P', protocol: 'ocpp1.6', needs: ['password'] })
      .start()
      .build();
    expect((await run(needsPassword)).reason).toBe(
      'needs the station password (Basic authentication): give one to run it',
    );
    const signing = scenario({ id: 's', name: 'S', protocol: 'ocpp1.6', needs: ['certificateSigning'] })
      .start()
      .build();
    expect((await run(signing)).reason).toBe(
      'needs a CSMS that signs station certificates (security profile 3): declare the certificateSigning feature to run it',
    );
  });

  it('moves the station time on for station-time limits: a 300 s heartbeat comes without waiting 300 s', async () => {
    const s = boot()
      .expectStationCall('Heartbeat', { stationWithin: 301_000 })
      .expectResult('Heartbeat', { match: { currentTime: { present: true } } })
      .build();
    expect((await csms().run(s)).status).toBe('passed');
  });

  it('fails a station-time limit that passes, naming the limit in station time', async () => {
    const s = boot().expectStationCall('Heartbeat', { stationWithin: 100_000 }).build();
    const result = await csms().run(s);
    expect(result).toMatchObject({
      status: 'failed',
      reason: 'the station did not send Heartbeat within 100 s of station time',
      step: { index: 2, description: 'the station sends Heartbeat' },
    });
  });

  it('plans the station’s answers (respond) for the next call only, then the station answers itself', async () => {
    const { run, control } = csms();
    const s = scenario({ id: 'r', name: 'R', protocol: 'ocpp1.6', needs: ['csmsControl'] })
      .start()
      .respond('ClearCache', { status: 'Rejected' })
      .trigger('ClearCache', {})
      .expectStationResult('ClearCache', { match: { status: 'Rejected' } })
      .trigger('ClearCache', {})
      .expectStationResult('ClearCache', { match: { status: 'Accepted' } })
      .build();
    expect((await run(s, { control })).status).toBe('passed');
  });

  it('fails on a CSMS answer that breaks the schema, saying where', async () => {
    const result = await csms({ strict: false, bootStatus: 'Fine' }).run(boot().build());
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(
      /^the CSMS's answer to BootNotification breaks the ocpp1\.6 schema: \/status: /,
    );
    expect(result.context?.some((line) => line.includes('"status":"Fine"'))).toBe(true);
  });

  it('fails at once on a result that does not match, with the value and the expectation', async () => {
    const s = scenario({ id: 'a', name: 'A', protocol: 'ocpp1.6' })
      .start()
      .presentToken(v('invalidIdTag'))
      .expectResult('Authorize', { match: { 'idTagInfo.status': 'Invalid' } })
      .build();
    const result = await csms().run(s);
    expect(result.reason).toBe(
      'the CSMS answered Authorize, but idTagInfo.status is "Accepted", expected "Invalid"',
    );
  });

  it('warns about a should that does not hold, and about CALLERRORs no step expected', async () => {
    const callError = await csms().run(
      boot().send('DataTransfer', { vendorId: 'x' }).wait(200, 'real').build(),
    );
    expect(callError.status).toBe('passed');
    expect(callError.warnings).toEqual([
      'the CSMS answered DataTransfer with CALLERROR NotSupported (DataTransfer is not supported)',
    ]);
    const should = await csms().run(
      scenario({ id: 's', name: 'S', protocol: 'ocpp1.6' })
        .start()
        .expectResult('BootNotification', { should: { interval: { lte: 60 } } })
        .build(),
    );
    expect(should.status).toBe('passed');
    expect(should.warnings[0]).toMatch(/interval is 300, expected at most 60 \(a should, not a must\)$/);
  });

  it('refuses a scenario payload that breaks the schema before sending it', async () => {
    const s = boot()
      .send('DataTransfer', {} as never)
      .build();
    expect((await csms().run(s)).reason).toMatch(/^the scenario's DataTransfer is invalid: /);
  });

  it('reports a CSMS control that fails, in its words', async () => {
    const { run } = csms();
    const control: CsmsControl = {
      name: 'a broken API',
      trigger: async () => {
        throw new Error('HTTP 503');
      },
    };
    const s = scenario({ id: 't', name: 'T', protocol: 'ocpp1.6', needs: ['csmsControl'] })
      .start()
      .trigger('Reset', { type: 'Hard' })
      .build();
    expect((await run(s, { control })).reason).toBe(
      'could not make the CSMS send Reset through a broken API: HTTP 503',
    );
  });

  it('connects a second time to see the CSMS accept or refuse a password', async () => {
    const { server, run } = csms();
    server.auth(({ password }) => password === 'a-16-char-secret');
    const s = boot().connect('accepted').connect('rejected', { password: 'another-16-chars' }).build();
    expect((await run(s, { password: 'a-16-char-secret' })).status).toBe('passed');
    const wrong = boot().connect('accepted', { password: 'another-16-chars' }).build();
    expect((await run(wrong, { password: 'a-16-char-secret' })).reason).toMatch(
      /^the CSMS refused the connection: /,
    );
  });

  it('fails a start the CSMS refuses, with the handshake’s answer', async () => {
    const { server, run } = csms();
    server.auth(() => false);
    const result = await run(boot().build(), { password: 'a-16-char-secret' });
    expect(result.reason).toMatch(/^the station could not connect and boot: .*401/);
  });
});
