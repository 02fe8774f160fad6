// End to end, in real Chromium, the BUILT page on @ocpp-ws-io/station: the main flows of each
// OCPP version (one row each), a reload mid-charge leaving no ghost transaction at the CSMS, the
// fleet view with five stations, and what the page says for a version the station package has
// no profile for. Against the demo Worker CSMS in workerd; 2.1, which the Worker does not speak,
// against the same CSMS logic running in the page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PROFILES } from '@ocpp-ws-io/station';
import { type LaunchedChromium, launchChromium, type StaticServer } from '@ocpp-ws-io/test-utils';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  artifacts,
  buildAndServe,
  connector,
  csmsApi,
  freePort,
  inPageTransactions,
  openStation,
  poll,
  startWorkerCsms,
  waitForFacts,
  waitForStatus,
} from './helpers.js';

let browser: LaunchedChromium;
let site: StaticServer;
let worker: { stop(): Promise<void> } | undefined;
let csmsBase = '';
let csmsWs = '';
const persistTo = mkdtempSync(join(tmpdir(), 'ocpp-stations-'));

beforeAll(async () => {
  const port = await freePort();
  csmsBase = `http://127.0.0.1:${port}`;
  csmsWs = `ws://127.0.0.1:${port}/ocpp`;
  [site, worker, browser] = await Promise.all([
    buildAndServe('stations'),
    startWorkerCsms(port, persistTo),
    launchChromium(),
  ]);
}, 60_000);
afterEach(async () => {
  await Promise.all(browser?.context.pages().map((p) => p.close()) ?? []);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await worker?.stop();
  rmSync(persistTo, { recursive: true, force: true });
});

type Tx = Record<string, unknown>;

/** The CSMS a row runs against: how the page reaches it and what the test asks of it. */
interface Csms {
  readonly query: () => Record<string, string>;
  transactions(page: Page, identity: string): Promise<Tx[]>;
  /** Meter values every 30 virtual seconds (two a real second at 60×), whatever the default. */
  sampleOften(page: Page, identity: string): Promise<void>;
  remoteStop(page: Page, identity: string): Promise<void>;
}

const WORKER: Csms = {
  query: () => ({ mode: 'custom', url: csmsWs }),
  transactions: (_page, identity) => csmsApi(csmsBase).transactions(identity),
  async sampleOften(_page, identity) {
    const r = await csmsApi(csmsBase).command(identity, 'configure', {
      key: 'MeterValueSampleInterval',
      value: '30',
    });
    expect(r.body.outcome).toMatchObject({ ok: true });
  },
  async remoteStop(_page, identity) {
    const r = await csmsApi(csmsBase).command(identity, 'remoteStop');
    expect(r.body.outcome).toMatchObject({ ok: true, response: { status: 'Accepted' } });
  },
};

/** The demo CSMS's logic in the page (the in-page mode), driven through its operator panel. */
const IN_PAGE: Csms = {
  query: () => ({ mode: 'inpage' }),
  transactions: (page, identity) => inPageTransactions(page, identity),
  async sampleOften(page) {
    await page.getByRole('button', { name: 'Meter every 5 s' }).click();
    await page.locator('.result.ok').waitFor({ timeout: 5_000 });
  },
  async remoteStop(page) {
    await page.getByRole('button', { name: 'Remote stop' }).click();
    await page.locator('.result.ok', { hasText: /RemoteStopTransaction|RequestStopTransaction/ }).waitFor({
      timeout: 5_000,
    });
  },
};

/**
 * One row per OCPP version: adding a version is adding a row. Connector statuses differ: 1.6
 * reports the session's phase, 2.x only whether something is plugged in (G01).
 */
const VERSIONS = [
  {
    protocol: 'ocpp1.6',
    label: 'OCPP 1.6',
    csms: WORKER,
    plugged: 'Preparing',
    charging: 'Charging',
    afterStop: 'Finishing',
  },
  {
    protocol: 'ocpp2.0.1',
    label: 'OCPP 2.0.1',
    csms: WORKER,
    plugged: 'Occupied',
    charging: 'Occupied',
    afterStop: 'Occupied',
  },
  // The demo Worker speaks 1.6 and 2.0.1 (it refuses a 2.1 handshake); its logic runs in the page.
  {
    protocol: 'ocpp2.1',
    label: 'OCPP 2.1',
    csms: IN_PAGE,
    plugged: 'Occupied',
    charging: 'Occupied',
    afterStop: 'Occupied',
  },
] as const;

const short = (protocol: string) => protocol.replace(/\W/g, '');

describe.each(VERSIONS)('$label', (row) => {
  // A version runs when @ocpp-ws-io/station has a profile for it (all three today).
  const runs = !!DEFAULT_PROFILES[row.protocol];

  it.skipIf(!runs)(
    'boot, plug in + present a card: a transaction with meter values at the CSMS; a remote stop ends it',
    async () => {
      const id = `CP-FLOW-${short(row.protocol)}`;
      const { page, errors } = await openStation(browser, site, {
        ...row.csms.query(),
        identity: id,
        protocol: row.protocol,
        speed: '60',
      });
      await page.locator('.pill', { hasText: `${row.label} · Boot Accepted` }).waitFor({ timeout: 10_000 });
      await row.csms.sampleOften(page, id);
      await connector(page, 1).getByRole('button', { name: 'Plug in' }).click();
      await waitForStatus(page, 1, row.plugged);
      await connector(page, 1).getByRole('button', { name: 'Present idTag' }).click();
      await waitForStatus(page, 1, row.charging);
      const running = await poll(
        () => row.csms.transactions(page, id),
        (txs) =>
          txs.length === 1 &&
          (txs[0]!.meterSamples as number) >= 2 &&
          (txs[0]!.lastMeterWh as number) > ((txs[0]!.meterStartWh as number | undefined) ?? 0),
      );
      expect(running[0]).toMatchObject({ idTag: 'TAG-1', connectorId: 1 });
      await waitForFacts(page, 1, `${running[0]!.id} (TAG-1)`);
      await page.screenshot({ path: join(artifacts, `flow-${short(row.protocol)}-charging.png`) });

      await row.csms.remoteStop(page, id);
      const stopped = await poll(
        () => row.csms.transactions(page, id),
        (txs) => !!txs[0]?.stoppedAt,
      );
      expect(stopped[0]).toMatchObject({ stopReason: 'Remote' });
      await waitForStatus(page, 1, row.afterStop);
      // 2.x: the connector is Occupied before and after the stop, so the status alone doesn't say
      // the page has caught up with the Ended event; wait for the facts to.
      await waitForFacts(page, 1, /Transaction\s*none/);
      expect(errors).toEqual([]);
    },
  );

  it.skipIf(!runs)(
    'reload mid-charge: the CSMS sees the transaction end (PowerLoss), not charging forever',
    async () => {
      const id = `CP-GHOST-${short(row.protocol)}`;
      const { page, errors } = await openStation(browser, site, {
        ...row.csms.query(),
        identity: id,
        protocol: row.protocol,
        speed: '60',
      });
      await page.locator('.pill', { hasText: 'Boot Accepted' }).waitFor({ timeout: 10_000 });
      await row.csms.sampleOften(page, id);
      await connector(page, 1).getByRole('button', { name: 'Plug in' }).click();
      await connector(page, 1).getByRole('button', { name: 'Present idTag' }).click();
      const running = await poll(
        () => row.csms.transactions(page, id),
        (txs) => txs.length === 1 && (txs[0]!.meterSamples as number) >= 1,
      );
      expect(running[0]!.stoppedAt).toBeUndefined();

      await page.reload();
      await page.locator('.pill', { hasText: 'Boot Accepted' }).waitFor({ timeout: 10_000 });
      const ended = await poll(
        () => row.csms.transactions(page, id),
        (txs) => !!txs[0]?.stoppedAt,
      );
      expect(ended).toHaveLength(1); // ended, not started again
      expect(ended[0]).toMatchObject({ id: running[0]!.id, stopReason: 'PowerLoss' });
      expect(ended[0]!.lastMeterWh as number).toBeGreaterThanOrEqual(running[0]!.lastMeterWh as number);
      if (row.csms === WORKER) {
        const listed = (await csmsApi(csmsBase).stations()).find((s) => s.identity === id);
        expect(listed).toMatchObject({ connected: true, openTransactions: [] });
      }
      await page.locator('.timeline', { hasText: 'ended (PowerLoss' }).waitFor({ timeout: 5_000 });
      await page.screenshot({ path: join(artifacts, `reload-no-ghost-${short(row.protocol)}.png`) });
      expect(errors).toEqual([]);
    },
  );
});

describe('the fleet view', () => {
  it('five stations, each its own connection to the Worker; selecting one shows its panels', async () => {
    const { page, errors } = await openStation(browser, site, {
      ...WORKER.query(),
      identity: 'CP-FLEET',
      stations: '5',
      speed: '60',
    });
    const fleet = page.getByRole('region', { name: 'Stations' });
    await expect.poll(() => fleet.locator('td[data-boot="Accepted"]').count(), { timeout: 20_000 }).toBe(5);
    const identities = ['CP-FLEET', 'CP-FLEET-2', 'CP-FLEET-3', 'CP-FLEET-4', 'CP-FLEET-5'];
    const listed = (await csmsApi(csmsBase).stations()).filter((s) =>
      identities.includes(s.identity as string),
    );
    expect(listed.map((s) => s.identity).sort()).toEqual(identities);
    expect(listed.every((s) => s.connected)).toBe(true);

    await fleet.getByRole('button', { name: 'CP-FLEET-3', exact: true }).click();
    await page.getByRole('heading', { name: 'Charging station CP-FLEET-3' }).waitFor({ timeout: 5_000 });
    await connector(page, 1).getByRole('button', { name: 'Plug in' }).click();
    await connector(page, 1).getByRole('button', { name: 'Present idTag' }).click();
    await waitForStatus(page, 1, 'Charging');
    await poll(
      () => csmsApi(csmsBase).transactions('CP-FLEET-3'),
      (txs) => txs.length === 1,
    );
    expect(await csmsApi(csmsBase).transactions('CP-FLEET')).toEqual([]);
    await fleet.getByText(/5 stations · 5 online · 1 charging/).waitFor({ timeout: 5_000 });
    expect(await fleet.locator('tr[data-identity="CP-FLEET-3"]').innerText()).toContain('1 Charging');
    // The log is the selected station's.
    await page.locator('.log tbody tr[data-action="StartTransaction"]').first().waitFor({ timeout: 5_000 });
    await page.screenshot({ path: join(artifacts, 'fleet-5.png'), fullPage: true });

    await fleet.getByRole('button', { name: 'CP-FLEET', exact: true }).click();
    await page.getByRole('heading', { name: 'Charging station CP-FLEET' }).waitFor({ timeout: 5_000 });
    await waitForStatus(page, 1, 'Available');
    expect(await page.locator('.log tbody tr[data-action="StartTransaction"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('the power switch', () => {
  it('Power cut mid-charge, then Power on: the station ends the cut-off transaction with PowerLoss', async () => {
    const id = 'CP-POWER';
    const { page, errors } = await openStation(browser, site, {
      ...IN_PAGE.query(),
      identity: id,
      protocol: 'ocpp1.6',
      speed: '60',
    });
    await page.locator('.pill', { hasText: 'Boot Accepted' }).waitFor({ timeout: 10_000 });
    await connector(page, 1).getByRole('button', { name: 'Plug in' }).click();
    await connector(page, 1).getByRole('button', { name: 'Present idTag' }).click();
    await waitForStatus(page, 1, 'Charging');
    await poll(
      () => IN_PAGE.transactions(page, id),
      (txs) => txs.length === 1,
    );
    await page.getByRole('button', { name: 'Power cut' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'it ends with reason PowerLoss when the station is switched on' })
      .waitFor({ timeout: 5_000 });
    expect(await page.locator('.pill').innerText()).toBe('Offline');
    expect((await IN_PAGE.transactions(page, id))[0]!.stoppedAt).toBeUndefined(); // nothing was sent

    await page.getByRole('button', { name: 'Power on' }).click();
    await page.locator('.pill', { hasText: 'Boot Accepted' }).waitFor({ timeout: 10_000 });
    const ended = await poll(
      () => IN_PAGE.transactions(page, id),
      (txs) => !!txs[0]?.stoppedAt,
    );
    expect(ended[0]).toMatchObject({ stopReason: 'PowerLoss' });
    expect(errors).toEqual([]);
  });
});
