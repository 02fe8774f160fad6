// `ocpp-ws-io simulate <csms-url> --stations N`: a fleet of virtual stations with a live summary
// line on stderr, until --duration passes or Ctrl+C.

import { DEFAULT_PROFILES, ScaledClock } from '@ocpp-ws-io/station';
import { Simulation, summaryLine } from '../fleet.js';
import { type CliIo, UsageError } from '../io.js';
import { csmsUrl, parse, positive, protocol } from '../options.js';
import { openTraceFile } from '../trace-file.js';

export async function simulateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    stations: { type: 'string' },
    protocol: { type: 'string' },
    'identity-prefix': { type: 'string' },
    password: { type: 'string' },
    speed: { type: 'string' },
    duration: { type: 'string' },
    trace: { type: 'string' },
  });
  if (positionals.length > 1)
    throw new UsageError(`simulate takes one <csms-url>, got ${positionals.join(' ')}`);
  const endpoint = csmsUrl(positionals[0]);
  const size = positive(values.stations, '--stations', 1);
  if (!Number.isInteger(size))
    throw new UsageError(`--stations must be a whole number, got ${values.stations}`);
  const version = protocol(values.protocol);
  if (!DEFAULT_PROFILES[version])
    throw new UsageError(`${version}: this version of @ocpp-ws-io/station has no station profile for it yet`);
  const durationS = values.duration === undefined ? undefined : positive(values.duration, '--duration', 1);
  const clock = new ScaledClock({ speed: positive(values.speed, '--speed', 60) });
  const trace = values.trace ? openTraceFile(values.trace) : undefined;
  const fleet = new Simulation({
    endpoint,
    protocol: version,
    size,
    identityPrefix: values['identity-prefix'] ?? 'SIM-',
    password: values.password ?? io.env.OCPP_PASSWORD,
    clock,
    trace,
    random: Math.random,
  });
  const live = io.stderr.isTTY === true;
  const show = (final = false) => {
    const line = summaryLine(fleet.summary());
    // A terminal gets one line rewritten in place; a log gets a line every few seconds.
    io.stderr.write(live && !final ? `\r\x1b[2K${line}` : `${live ? '\r\x1b[2K' : ''}${line}\n`);
  };
  io.stderr.write(
    `Simulating ${size} station(s) against ${endpoint} (${version}, station time ×${clock.speed})\n`,
  );
  let ticks = 0;
  const timer = setInterval(() => {
    if (live || ++ticks % 5 === 0) show();
  }, 1_000);
  const done = new Promise<void>((resolve) => {
    if (durationS !== undefined) setTimeout(resolve, durationS * 1000);
    io.signal?.addEventListener('abort', () => resolve(), { once: true });
    if (io.signal?.aborted) resolve();
  });
  await Promise.race([
    fleet.start((identity, error) =>
      io.stderr.write(`${live ? '\r\x1b[2K' : ''}${identity}: ${error.message}\n`),
    ),
    done,
  ]);
  await done;
  clearInterval(timer);
  show(true);
  const accepted = fleet.summary().accepted;
  io.stderr.write('Stopping…\n');
  await fleet.stop();
  await trace?.close();
  show(true);
  return accepted > 0 ? 0 : 1;
}
