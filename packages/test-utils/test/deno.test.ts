import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connectWs, denoPath, runDeno, startDeno, startWsServer } from '../src/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/deno/${name}`, import.meta.url));

describe('Deno (deno npm package)', () => {
  it('denoPath() finds the binary', async () => {
    const result = await runDeno(fixture('version.js'));
    expect(denoPath()).toMatch(/deno$/);
    expect(result).toMatchObject({ code: 0, timedOut: false });
    expect(result.stdout.trim()).toBe('2.9.6');
  });

  it('runDeno kills on timeout', async () => {
    const result = await runDeno(fixture('hang.js'), { timeoutMs: 500 });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
  });

  it('Deno.serve + upgradeWebSocket server, reached from Node ws, echoes the subprotocol', async () => {
    const deno = await startDeno(fixture('server.js'));
    try {
      // `ws` sends "ocpp2.0.1,ocpp1.6" (no space): the server must normalise it for Deno.
      const client = await connectWs(`ws://127.0.0.1:${deno.port}/CP-D`, ['ocpp9', 'ocpp1.6'], {
        headers: { Authorization: 'Basic Q1AtRDpwdw==' },
      });
      expect(client.protocol).toBe('ocpp1.6');
      expect(JSON.parse(await client.request('hi'))).toEqual({
        echo: 'hi',
        protocol: 'ocpp1.6',
        auth: 'Basic Q1AtRDpwdw==',
        path: '/CP-D',
      });
      await client.close();
    } finally {
      const stopped = await deno.stop();
      expect(stopped.code, deno.stderr()).toBe(0);
    }
  });

  it('Deno WebSocket client sends a custom Authorization header to a Node ws server', async () => {
    const server = await startWsServer({ basicAuth: { user: 'CP-E', pass: 'pw' } });
    try {
      const auth = `Basic ${Buffer.from('CP-E:pw').toString('base64')}`;
      const result = await runDeno(fixture('client.js'), {
        args: [`${server.url}/CP-E`, auth, 'ocpp2.0.1,ocpp1.6'],
      });
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ protocol: 'ocpp2.0.1', message: 'hello from deno' });
      // Sent up front: no 401 round trip.
      expect(server.upgrades.map((u) => u.status)).toEqual([101]);
      expect(server.upgrades[0]?.headers.authorization).toBe(auth);
    } finally {
      await server.close();
    }
  });

  it('npm: specifiers download from the npm registry when allowDownloads is set', async () => {
    // The npm registry is reachable here (and in CI); the package is cached in DENO_DIR afterwards.
    const result = await runDeno(fixture('npm-probe.js'), { allowDownloads: true, timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('function');
  }, 70_000);
});
