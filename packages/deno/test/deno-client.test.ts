// Deno station (packages/deno OCPPClient in a real `deno` process) → Node CSMS over 127.0.0.1,
// and Deno client ↔ Deno server inside one Deno process.
import { startWsServer } from '@ocpp-ws-io/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { runFixture } from './helpers/deno-run.js';
import { type NodeCsms, startNodeCsms } from './helpers/node-ws.js';
import { nodeCsmsCore } from './helpers/peers.js';

const PASSWORD = 'node-csms-secret-16';

interface ClientResult {
  protocol?: string;
  boot?: { status: string };
  reset?: unknown;
  heartbeat?: { currentTime: string };
  close?: { code: number };
  error?: { name: string; code: string; status?: number; retryable: boolean; message: string };
}

describe('Deno OCPPClient → Node CSMS', () => {
  let csms: NodeCsms | undefined;
  afterEach(async () => {
    await csms?.close();
    csms = undefined;
  });

  for (const [protocol, reset] of [
    ['ocpp2.0.1', { type: 'Immediate' }],
    ['ocpp1.6', { type: 'Soft' }],
  ] as const) {
    it(`boots over ${protocol}, Basic auth on the first request, answers Reset`, async () => {
      const core = nodeCsmsCore({ protocols: ['ocpp2.0.1', 'ocpp1.6'], password: PASSWORD });
      csms = await startNodeCsms(core.server);
      const result = await runFixture<ClientResult>('client.js', {
        url: csms.url,
        identity: 'CP-D1',
        protocols: [protocol],
        password: PASSWORD,
      });
      expect(result.error).toBeUndefined();
      expect(result).toMatchObject({ protocol, boot: { status: 'Accepted' }, reset, close: { code: 1000 } });
      expect(typeof result.heartbeat?.currentTime).toBe('string');
      expect(core.resets).toEqual([{ identity: 'CP-D1', result: { status: 'Accepted' } }]);
      // Deno sends the header itself: one upgrade, no 401 round trip first.
      expect(csms.upgrades).toEqual([
        { status: 101, authorization: `Basic ${Buffer.from(`CP-D1:${PASSWORD}`).toString('base64')}` },
      ]);
    });
  }

  it('reports a wrong password as a non-retryable ConnectError with status 401', async () => {
    csms = await startNodeCsms(nodeCsmsCore({ protocols: ['ocpp1.6'], password: PASSWORD }).server);
    const result = await runFixture<ClientResult>('client.js', {
      url: csms.url,
      identity: 'CP-D2',
      protocols: ['ocpp1.6'],
      password: 'wrong-password-123',
    });
    expect(result.error).toMatchObject({
      name: 'ConnectError',
      code: 'ConnectFailed',
      status: 401,
      retryable: false,
    });
    expect(csms.upgrades.map((u) => u.status)).toEqual([401]);
  });

  it('reports "no common subprotocol" (101 without the header, then 1002) as a non-retryable ConnectError', async () => {
    csms = await startNodeCsms(nodeCsmsCore({ protocols: ['ocpp2.1'] }).server);
    const result = await runFixture<ClientResult>('client.js', {
      url: csms.url,
      identity: 'CP-D3',
      protocols: ['ocpp2.0.1', 'ocpp1.6'],
    });
    expect(result.error).toMatchObject({ name: 'ConnectError', retryable: false });
  });

  it('refuses a server that opens without echoing a subprotocol (Deno itself would accept it)', async () => {
    // This ws server supports none of the offers, so it completes the upgrade with no
    // Sec-WebSocket-Protocol header (what OCPP-J 2.0.1 §3.2 prescribes for "no common version").
    const plain = await startWsServer({ protocols: ['ocpp9'] });
    try {
      const result = await runFixture<ClientResult>('client.js', {
        url: `${plain.url}/ocpp`,
        identity: 'CP-D4',
        protocols: ['ocpp1.6'],
      });
      expect(result.error).toMatchObject({ name: 'ConnectError', retryable: false });
      expect(result.error?.message).toMatch(/agreed no subprotocol/);
      expect(plain.upgrades.map((u) => u.status)).toEqual([101]);
    } finally {
      await plain.close();
    }
  });
});

describe('Deno OCPPClient ↔ Deno OCPPServer in one Deno process', () => {
  it('boots 2.0.1 and 1.6, answers Reset both ways, rejects a bad password, shuts down with 1001', async () => {
    const result = await runFixture('loopback.js');
    expect(result).toEqual({
      stations: [
        { identity: 'CP-ocpp2.0.1', protocol: 'ocpp2.0.1' },
        { identity: 'CP-ocpp1.6', protocol: 'ocpp1.6' },
      ],
      'ocpp2.0.1': { boot: 'Accepted', reset: 'Accepted' },
      'ocpp1.6': { boot: 'Accepted', reset: 'Accepted' },
      intruder: { code: 'ConnectFailed', status: 401, retryable: false },
      shutdownClose: { code: 1001, reason: 'Server shutting down' },
    });
  });
});
