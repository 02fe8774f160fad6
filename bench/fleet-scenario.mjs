// The fleet benchmark's scenario, the same in a Chromium tab and in Node: N stations boot
// (staggered, the Fleet's defaults), then a car arrives at every station within N × 20 ms and
// starts a transaction, so every station charges and sends MeterValues at the station's default
// sample interval (MeterValueSampleInterval 60 s). No imports: the runtime's library comes in
// `lib` (the CDN file in the tab, the packages in Node).

/**
 * Boots a fleet of `size` and plugs a car into every station.
 * @param {{ Fleet: any, OCPPClient: any, plugInRandomly: any }} lib
 * @param {{ size: number, endpoint: string, password: string, connector?: unknown }} options
 */
export async function bootAndCharge(lib, { size, endpoint, password, connector }) {
  const { Fleet, OCPPClient, plugInRandomly } = lib;
  const fleet = new Fleet({
    size,
    identity: 'BENCH-{n:4}',
    client: (identity) =>
      new OCPPClient({
        endpoint,
        identity,
        protocols: ['ocpp1.6'],
        password,
        ...(connector ? { connector } : {}),
      }),
    // The demo CSMS has no 1.6 security extension (SecurityEventNotification).
    station: { vendor: 'Acme', model: 'Bench', securityEvents: false },
  });
  const errors = {};
  const failures = [];
  fleet.on('stationError', ({ error }) => {
    errors[error.message] = (errors[error.message] ?? 0) + 1;
  });
  fleet.on('stationFailed', ({ identity, error }) => failures.push(`${identity}: ${error.message}`));
  const bootStart = Date.now();
  const started = await fleet.start();
  const bootMs = Date.now() - bootStart;
  const plugStart = Date.now();
  const plugged = await plugInRandomly(fleet, { count: size, withinMs: size * 20 }).done;
  const plugMs = Date.now() - plugStart;
  return {
    fleet,
    report: {
      started,
      bootMs,
      plugged,
      plugMs,
      summary: fleet.summary(),
      errors,
      failures: failures.slice(0, 5),
    },
  };
}
