// The fleet benchmark's page: the station CDN file (station + browser client in one file), the
// shared scenario, and the relay connector over the page's one WebSocket. bench/fleet.mjs drives
// it through `globalThis.bench`.
import { bootAndCharge } from './fleet-scenario.mjs';
import * as lib from './station.min.js';

let running;
globalThis.bench = {
  async boot({ size, endpoint, password, relayUrl }) {
    const connector = lib.relayConnector({ url: relayUrl, connector: lib.browserConnector() });
    const { fleet, report } = await bootAndCharge(lib, { size, endpoint, password, connector });
    running = { fleet, connector };
    return { ...report, channels: connector.channels };
  },
  summary: () => running.fleet.summary(),
  async stop() {
    await running.fleet.stop({ deliveryTimeoutMs: 2_000 });
    running.connector.close();
  },
};
document.title = 'ready';
