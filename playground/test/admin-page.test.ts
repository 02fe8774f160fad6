// The demo CSMS's admin page (examples/cloudflare-csms, served at `/`) in real Chromium, with a
// Node station on the other side (issue #16): after "Remote stop" the table shows the stopped
// transaction without waiting for the button to lose focus; an offline station offers no
// commands, and its open transaction is shown as open with the station offline, not "charging".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_REPLY, OCPPClient } from '@ocpp-ws-io/node';
import { type LaunchedChromium, launchChromium } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TOKEN, ENROLMENT_SECRET, freePort, poll, startWorkerCsms, watchConsole } from './helpers.js';

let browser: LaunchedChromium;
let worker: { stop(): Promise<void> } | undefined;
let base: string;
const persistTo = mkdtempSync(join(tmpdir(), 'ocpp-admin-'));

beforeAll(async () => {
  const port = await freePort();
  base = `127.0.0.1:${port}`;
  [worker, browser] = await Promise.all([startWorkerCsms(port, persistTo), launchChromium()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  rmSync(persistTo, { recursive: true, force: true });
});

/** A 1.6 station that starts a transaction and answers RemoteStopTransaction by stopping it. */
async function chargingStation(identity: string) {
  const station = new OCPPClient({
    endpoint: `ws://${base}/ocpp`,
    identity,
    password: ENROLMENT_SECRET,
    protocols: ['ocpp1.6'],
    reconnect: false,
  });
  let transactionId = 0;
  station.handle('RemoteStopTransaction', ({ params }) => {
    // Accept, then stop shortly after, as a station does (OCPP 1.6 §5.12).
    setTimeout(() => {
      void station
        .call('StopTransaction', {
          transactionId: params.transactionId,
          meterStop: 2500,
          timestamp: new Date().toISOString(),
        })
        .catch(() => {});
    }, 50);
    return { status: 'Accepted' };
  });
  station.handle('*', () => NO_REPLY);
  await station.connect();
  await station.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' });
  ({ transactionId } = await station.call('StartTransaction', {
    connectorId: 1,
    idTag: 'TAG-1',
    meterStart: 1000,
    timestamp: new Date().toISOString(),
  }));
  return { station, transactionId };
}

describe('the demo CSMS admin page', () => {
  it('shows the stopped transaction soon after "Remote stop", the clicked button still focused', async () => {
    const { station } = await chargingStation('CP-ADMIN-1');
    const page = await browser.newPage();
    const errors = watchConsole(page);
    await page.goto(`http://${base}/#token=${API_TOKEN}`);
    const card = page.getByRole('region', { name: 'Station CP-ADMIN-1' });
    await expect.poll(() => card.locator('tbody').innerText(), { timeout: 10_000 }).toContain('charging');
    const stop = card.getByRole('button', { name: 'Remote stop' });
    await stop.click();
    // The button keeps focus: the refresh must not wait for it to lose it.
    expect(await stop.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => card.locator('tbody').innerText(), { timeout: 5_000 }).toContain('stopped');
    await station.close();
    await page.close();
    expect(errors).toEqual([]);
  });

  it('offers no commands for an offline station and shows its open transaction as open, station offline', async () => {
    const { station } = await chargingStation('CP-ADMIN-2');
    await station.close(); // goes away mid-transaction
    const page = await browser.newPage();
    await page.goto(`http://${base}/#token=${API_TOKEN}`);
    const card = page.getByRole('region', { name: 'Station CP-ADMIN-2' });
    await poll(
      () => card.innerText(),
      (text) => text.includes('offline'),
    );
    await expect
      .poll(() => card.locator('tbody').innerText(), { timeout: 10_000 })
      .toContain('open, station offline');
    expect(await card.getByRole('button').count()).toBe(0);
    await page.close();
  });
});
