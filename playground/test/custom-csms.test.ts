// End to end, in real Chromium, the BUILT page against a Node OCPPServer on 127.0.0.1 typed in as
// a custom CSMS URL: a CSMS that answers BootNotification Rejected or Pending (honoured: no
// charging, and the page says why), and one that installs a charging profile (the chart and the
// power drawn drop to its limit).
import { join } from 'node:path';
import { OCPPServer, type StationConnection } from '@ocpp-ws-io/node';
import { type LaunchedChromium, launchChromium, type StaticServer } from '@ocpp-ws-io/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  artifacts,
  buildAndServe,
  connector,
  ENROLMENT_SECRET,
  openStation,
  poll,
  waitForStatus,
} from './helpers.js';

let browser: LaunchedChromium;
let site: StaticServer;

beforeAll(async () => {
  [site, browser] = await Promise.all([buildAndServe('custom-csms'), launchChromium()]);
}, 60_000);
afterEach(async () => {
  await Promise.all(browser?.context.pages().map((p) => p.close()) ?? []);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

type Boot = 'Accepted' | 'Pending' | 'Rejected';

/** A 1.6 CSMS on 127.0.0.1 whose boot answer a test sets; it records what the station sent. */
async function startCsms(boot: { status: Boot }) {
  const server = new OCPPServer({ protocols: ['ocpp1.6'], path: '/ocpp' });
  server.auth(({ password }) => password === ENROLMENT_SECRET);
  const received: Array<{ action: string; params: Record<string, unknown> }> = [];
  let connection: StationConnection<'ocpp1.6'> | undefined;
  server.on('client', (station) => {
    connection = station;
    const now = () => new Date().toISOString();
    station.handle('*', ({ action, params }) => {
      received.push({ action, params: params as Record<string, unknown> });
      switch (action) {
        // Interval 30 s (virtual: half a real second at 60×): a refused station asks again soon.
        case 'BootNotification':
          return { status: boot.status, currentTime: now(), interval: 30 };
        case 'Heartbeat':
          return { currentTime: now() };
        case 'Authorize':
          return { idTagInfo: { status: 'Accepted' } };
        case 'StartTransaction':
          return { transactionId: 7, idTagInfo: { status: 'Accepted' } };
        case 'StopTransaction':
          return {};
        default:
          return {}; // StatusNotification, MeterValues, SecurityEventNotification
      }
    });
  });
  const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    received,
    actions: () => received.map((r) => r.action),
    station: () => connection!,
    close: () => server.close(),
  };
}

describe('a CSMS that does not accept the station (OCPP 1.6 §4.2)', () => {
  it.each([
    { status: 'Rejected', tone: 'bad' },
    { status: 'Pending', tone: 'warn' },
  ] as const)(
    'Boot $status: the pill says so ($tone), a card starts nothing and the page says why; accepted later, it charges',
    async ({ status, tone }) => {
      const boot: { status: Boot } = { status };
      const csms = await startCsms(boot);
      try {
        const { page, errors } = await openStation(browser, site, {
          mode: 'custom',
          url: csms.url,
          identity: `CP-BOOT-${status.toUpperCase()}`,
          protocol: 'ocpp1.6',
          speed: '60',
        });
        const pill = page.locator('.pill', { hasText: `Boot ${status}` });
        await pill.waitFor({ timeout: 10_000 });
        expect(await pill.getAttribute('data-tone')).toBe(tone);
        await connector(page, 1).getByRole('button', { name: 'Plug in' }).click();
        await connector(page, 1).getByRole('button', { name: 'Present idTag' }).click();
        const note = connector(page, 1).locator('.note');
        await note
          .filter({ hasText: `Not started: the CSMS has not accepted the station (boot status ${status})` })
          .waitFor({ timeout: 5_000 });
        expect(await note.getAttribute('data-outcome')).toBe('rejected');
        await page.screenshot({ path: join(artifacts, `boot-${status.toLowerCase()}.png`) });
        // Nothing but BootNotification went to the CSMS: no status, no authorization, no transaction.
        expect(new Set(csms.actions())).toEqual(new Set(['BootNotification']));
        expect(await page.locator('.timeline').innerText()).toContain(`BootNotification ${status}`);

        // The CSMS changes its mind: the next BootNotification (after the interval) is accepted.
        boot.status = 'Accepted';
        await page.locator('.pill', { hasText: 'Boot Accepted' }).waitFor({ timeout: 10_000 });
        expect(await page.locator('.pill').getAttribute('data-tone')).toBe('ok');
        await connector(page, 1).getByRole('button', { name: 'Present idTag' }).click();
        await waitForStatus(page, 1, 'Charging');
        await poll(
          async () => csms.actions(),
          (a) => a.includes('StartTransaction'),
        );
        expect(errors).toEqual([]);
      } finally {
        await csms.close();
      }
    },
  );
});

describe('smart charging', () => {
  it('a SetChargingProfile from the CSMS: the panel lists it, the chart steps down to its limit, and the power drawn follows', async () => {
    const csms = await startCsms({ status: 'Accepted' });
    try {
      const { page, errors } = await openStation(browser, site, {
        mode: 'custom',
        url: csms.url,
        identity: 'CP-SMART',
        protocol: 'ocpp1.6',
        speed: '60',
      });
      await page.locator('.pill', { hasText: 'Boot Accepted' }).waitFor({ timeout: 10_000 });
      await connector(page, 1).getByRole('button', { name: 'Plug in' }).click();
      await connector(page, 1).getByRole('button', { name: 'Present idTag' }).click();
      await waitForStatus(page, 1, 'Charging');
      const summary = page.locator('.sc-summary');
      await expect.poll(() => summary.getAttribute('data-power-w'), { timeout: 5_000 }).toBe('11000');

      // 1.6 §5.16: a default profile for connector 1, 3.68 kW (16 A on one phase) from now on.
      const answer = await csms.station().call('SetChargingProfile', {
        connectorId: 1,
        csChargingProfiles: {
          chargingProfileId: 1,
          stackLevel: 0,
          chargingProfilePurpose: 'TxDefaultProfile',
          chargingProfileKind: 'Absolute',
          chargingSchedule: {
            startSchedule: new Date(Date.now() - 60_000).toISOString(),
            chargingRateUnit: 'W',
            chargingSchedulePeriod: [{ startPeriod: 0, limit: 3680 }],
          },
        },
      });
      expect(answer).toEqual({ status: 'Accepted' });

      await expect.poll(() => summary.getAttribute('data-limit-w'), { timeout: 5_000 }).toBe('3680');
      await expect.poll(() => summary.getAttribute('data-power-w'), { timeout: 5_000 }).toBe('3680');
      // The connector card renders on the station's change events (coalesced, 100 ms), the smart
      // panel also on its 500 ms tick: the card may be a moment behind the summary above.
      await expect
        .poll(() => connector(page, 1).locator('.facts').innerText(), { timeout: 5_000 })
        .toMatch(/Limit\s+3\.7 kW/);
      const row = page.locator('.smart tr[data-profile="1"]');
      expect(await row.innerText()).toMatch(/TxDefaultProfile[\s\S]*Connector 1[\s\S]*3680 W from 0 s/);

      // The chart (viewBox 640×220, 0 W at y 192, 22 kW at y 12): the limit line at 22 kW before
      // the profile began, at 3.68 kW (y 161.9) after; the power line ends on the limit.
      const y3680 = ',161.9';
      const limit = await page.locator('.smart path[data-series="limit"]').getAttribute('d');
      expect(limit).toContain(',12 ');
      expect(limit).toMatch(new RegExp(`${y3680}$`));
      await expect
        .poll(() => page.locator('.smart path[data-series="power"]').getAttribute('d'), { timeout: 5_000 })
        .toMatch(new RegExp(`${y3680}$`));
      // The CSMS sees it too: the next samples report the lower power.
      await poll(
        async () =>
          csms.received
            .filter((r) => r.action === 'MeterValues')
            .flatMap(
              (r) => (r.params.meterValue as Array<{ sampledValue: Array<Record<string, string>> }>) ?? [],
            )
            .flatMap((mv) => mv.sampledValue)
            .filter((v) => v.measurand === 'Power.Active.Import')
            .map((v) => Number(v.value)),
        (watts) => watts.at(-1) === 3680,
      );
      await page.locator('.smart').screenshot({ path: join(artifacts, 'smart-charging.png') });
      expect(errors).toEqual([]);
    } finally {
      await csms.close();
    }
  });
});

describe('the network cable', () => {
  it('pulled mid-charge: charging goes on, meter values wait in the store; back in: they reach the CSMS', async () => {
    const csms = await startCsms({ status: 'Accepted' });
    try {
      const { page, errors } = await openStation(browser, site, {
        mode: 'custom',
        url: csms.url,
        identity: 'CP-CABLE',
        protocol: 'ocpp1.6',
        speed: '60',
      });
      await page.locator('.pill', { hasText: 'Boot Accepted' }).waitFor({ timeout: 10_000 });
      await connector(page, 1).getByRole('button', { name: 'Plug in' }).click();
      await connector(page, 1).getByRole('button', { name: 'Present idTag' }).click();
      await waitForStatus(page, 1, 'Charging');
      const samples = () => csms.received.filter((r) => r.action === 'MeterValues').length;

      await page.getByRole('button', { name: 'Pull the network cable' }).click();
      await page.locator('.pill', { hasText: 'Offline · network cable out' }).waitFor({ timeout: 5_000 });
      const before = samples();
      // One sample a virtual minute: a real second at 60×.
      await expect
        .poll(async () => Number(await page.locator('.waiting').getAttribute('data-count')), {
          timeout: 10_000,
        })
        .toBeGreaterThanOrEqual(2);
      expect(samples()).toBe(before);
      await waitForStatus(page, 1, 'Charging'); // offline, an accepted station keeps charging

      await page.getByRole('button', { name: 'Plug the network cable back in' }).click();
      await page.locator('.pill', { hasText: 'Boot Accepted' }).waitFor({ timeout: 15_000 });
      await expect
        .poll(async () => Number(await page.locator('.waiting').getAttribute('data-count')), {
          timeout: 10_000,
        })
        .toBe(0);
      expect(samples()).toBeGreaterThanOrEqual(before + 2);
      // Chromium logs nothing for a cut: the switch drops the connection inside the page.
      expect(errors).toEqual([]);
    } finally {
      await csms.close();
    }
  });
});
