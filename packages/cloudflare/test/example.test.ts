// Starts examples/cloudflare-csms the way a user does (its start script: `wrangler dev` on
// 127.0.0.1) from a copy laid out like a fresh clone (no .dev.vars), drives one station through
// a charging session, then starts it without any secret, and dry-runs a deploy.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { freePort, type ReadyProcess, startUntilReady } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeStation } from './helpers/stations.js';
import { handshakeAnswer } from './helpers/upgrade.js';
import { basic } from './helpers/workerd.js';

const exampleDir = fileURLToPath(new URL('../../../examples/cloudflare-csms/', import.meta.url));

/** The example's tracked files in a temporary folder, its node_modules linked: a fresh clone. */
function freshClone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-example-clone-'));
  for (const name of ['src', 'scripts', 'package.json', 'wrangler.jsonc', 'tsconfig.json', '.gitignore']) {
    cpSync(join(exampleDir, name), join(dir, name), { recursive: true });
  }
  symlinkSync(join(exampleDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Runs the example's start script in `dir`, as a user does; resolves once wrangler says it is ready. */
const startExample = (dir: string, port: number, ...args: string[]) =>
  startUntilReady(
    ['scripts/start.mjs', '--port', String(port), '--persist-to', join(dir, 'state'), ...args],
    {
      cwd: dir,
      ready: /Ready on http/,
      withinMs: 60_000,
    },
  );

/** KEY=value lines of a .dev.vars file. */
const parseVars = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  ) as Record<string, string>;

const clone = freshClone();
afterAll(() => rmSync(clone, { recursive: true, force: true }));

describe('examples/cloudflare-csms under wrangler dev, from a fresh clone', () => {
  let example: ReadyProcess;
  let base: string;
  let vars: Record<string, string>;
  beforeAll(async () => {
    const port = await freePort();
    base = `127.0.0.1:${port}`;
    example = await startExample(clone, port);
    vars = parseVars(readFileSync(join(clone, '.dev.vars'), 'utf8'));
  }, 70_000);
  afterAll(() => example?.stop());

  it('the start script writes .dev.vars with development values and says so; git ignores it', () => {
    expect(example.output()).toContain(
      'Wrote .dev.vars with development values (API_TOKEN, ENROLMENT_SECRET, DEV_DIAGNOSTICS)',
    );
    expect(Object.keys(vars).sort()).toEqual(['API_TOKEN', 'DEV_DIAGNOSTICS', 'ENROLMENT_SECRET']);
    expect(readFileSync(join(clone, '.gitignore'), 'utf8').split('\n')).toContain('.dev.vars');
  });

  it('an existing .dev.vars is kept as it is: the script writes one only where there is none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-dev-vars-'));
    try {
      writeFileSync(join(dir, '.dev.vars'), 'API_TOKEN=my-own-token-0123456\n');
      const script = pathToFileURL(join(exampleDir, 'scripts', 'dev-vars.mjs')).href;
      const code = `import { ensureDevVars } from ${JSON.stringify(script)}; console.log(ensureDevVars(${JSON.stringify(dir)}));`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code]);
      expect(stdout.trim()).toBe('false');
      expect(readFileSync(join(dir, '.dev.vars'), 'utf8')).toBe('API_TOKEN=my-own-token-0123456\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ocpp1.6: a new identity enrols with the development secret, then boot → authorize → start → meter values → stop', async () => {
    const station = nodeStation(`ws://${base}`, 'CP-EXAMPLE', ['ocpp1.6'], {
      password: vars.ENROLMENT_SECRET!,
    });
    expect(await station.connect()).toEqual({ protocol: 'ocpp1.6' });
    expect(
      await station.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' }),
    ).toMatchObject({
      status: 'Accepted',
    });
    expect(
      await station.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing' }),
    ).toEqual({});
    expect(await station.call('Authorize', { idTag: 'TAG-1' })).toEqual({
      idTagInfo: { status: 'Accepted' },
    });
    const started = await station.call('StartTransaction', {
      connectorId: 1,
      idTag: 'TAG-1',
      meterStart: 1000,
      timestamp: new Date().toISOString(),
    });
    expect(started).toMatchObject({ transactionId: 1, idTagInfo: { status: 'Accepted' } });
    const sample = { timestamp: new Date().toISOString(), sampledValue: [{ value: '1500' }] };
    expect(
      await station.call('MeterValues', { connectorId: 1, transactionId: 1, meterValue: [sample, sample] }),
    ).toEqual({});
    expect(
      await station.call('StopTransaction', {
        transactionId: 1,
        meterStop: 2500,
        timestamp: new Date().toISOString(),
      }),
    ).toEqual({ idTagInfo: { status: 'Accepted' } });
    expect(await station.call('Heartbeat', {})).toHaveProperty('currentTime');
    await station.close();

    const res = await fetch(`http://${base}/api/stations/CP-EXAMPLE/transactions`, {
      headers: { Authorization: `Bearer ${vars.API_TOKEN}` },
    });
    expect(await res.json()).toMatchObject([
      { id: '1', idTag: 'TAG-1', meterStartWh: 1000, meterStopWh: 2500, meterSamples: 2 },
    ]);
  });

  it('the admin page is served, and its API answers with the development token only', async () => {
    const page = await fetch(`http://${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Demo CSMS');
    expect((await fetch(`http://${base}/api/stations`)).status).toBe(401);
    const listed = await fetch(`http://${base}/api/stations`, {
      headers: { Authorization: `Bearer ${vars.API_TOKEN}` },
    });
    expect(listed.status).toBe(200);
  });
});

describe('examples/cloudflare-csms under wrangler dev without any secret', () => {
  let example: ReadyProcess;
  let base: string;
  beforeAll(async () => {
    const port = await freePort();
    base = `127.0.0.1:${port}`;
    const empty = join(clone, 'empty.env');
    writeFileSync(empty, '');
    example = await startExample(clone, port, '--env-file', empty);
  }, 70_000);
  afterAll(() => example?.stop());

  it('with --env-file the start script leaves .dev.vars alone: the caller brings the values', () => {
    expect(example.output()).not.toContain('Wrote .dev.vars');
  });

  it('the API answers 503, whatever the caller sends, and the log names the missing secret', async () => {
    for (const auth of [undefined, 'Bearer undefined', 'Bearer ', 'Bearer dev-only-api-token']) {
      const res = await fetch(
        `http://${base}/api/stations`,
        auth ? { headers: { Authorization: auth } } : {},
      );
      expect({ auth, status: res.status }).toEqual({ auth, status: 503 });
    }
    await expect.poll(() => example.output(), { timeout: 5_000 }).toContain('[config] API_TOKEN is not set');
  });

  it('stations are refused with 401, never upgraded: no password, the development secret, a query token', async () => {
    const url = `ws://${base}/ocpp/CP-1`;
    expect((await handshakeAnswer(url, ['ocpp1.6'])).status).toBe(401);
    expect(
      (await handshakeAnswer(url, ['ocpp1.6'], { Authorization: basic('CP-1', 'dev-station-password') }))
        .status,
    ).toBe(401);
    expect((await handshakeAnswer(`${url}?token=dev-station-password`, ['ocpp1.6'])).status).toBe(401);
  });
});

describe('wrangler deploy --dry-run of the example', () => {
  it('deploys no variables: the development values stay in .dev.vars', async () => {
    const out = join(clone, 'dry-run');
    const wrangler = join(exampleDir, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [wrangler, 'deploy', '--dry-run', '--outdir', out],
      {
        cwd: clone,
        env: {
          ...process.env,
          WRANGLER_SEND_METRICS: 'false',
          WRANGLER_BUILD_CONDITIONS: 'source,workerd,worker,browser',
        },
        timeout: 60_000,
      },
    );
    const printed = stdout + stderr;
    expect(printed).toContain('--dry-run: exiting now.');
    expect(printed).toMatch(/env\.STATIONS \(StationObject\)\s+Durable Object/);
    expect(printed).not.toMatch(/Environment Variable|Secret/);
    const vars = parseVars(readFileSync(join(clone, '.dev.vars'), 'utf8'));
    const bundle = readdirSync(out)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(out, f), 'utf8'))
      .join('\n');
    expect(bundle.length).toBeGreaterThan(1000);
    for (const [name, value] of Object.entries(vars)) {
      expect(printed).not.toContain(name);
      // A flag's value ("1") is in any text; the secrets are what must not leak.
      if (value.length < 8) continue;
      expect(printed).not.toContain(value);
      expect(bundle).not.toContain(value);
    }
  }, 70_000);
});

describe('two starts of the example at the same moment (your own Worker, a test, a second clone)', () => {
  it('both come up: each wrangler dev gets its own inspector port, not 9229, 9230 … raced for', async () => {
    // Without the start script's --inspector-port, one of two concurrent starts died with
    // "Address already in use (127.0.0.1:9231)" (wrangler checks a port, workerd binds it later).
    const env = join(clone, 'concurrent.env');
    writeFileSync(env, 'API_TOKEN=concurrent-api-token-0\n');
    const [a, b] = await Promise.allSettled([
      freePort().then((port) => startExample(clone, port, '--env-file', env)),
      freePort().then((port) => startExample(clone, port, '--env-file', env)),
    ]);
    for (const started of [a, b]) if (started.status === 'fulfilled') await started.value.stop();
    expect([a.status, b.status]).toEqual(['fulfilled', 'fulfilled']);
  }, 90_000);
});
