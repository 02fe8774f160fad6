// A small OCPP CSMS for Deno: accepts OCPP 2.0.1 and 1.6 stations and answers the everyday
// messages. Run it with `deno task start` (see README.md); stations connect to
// ws://<host>:<port>/ocpp/<identity>.
import {
  type OCPPProtocol,
  OCPPServer,
  passwordProblem,
  type StationConnection,
  timingSafeEqualString,
} from '@ocpp-ws-io/deno';

const hostname = Deno.env.get('HOSTNAME') ?? '127.0.0.1';
const port = Number(Deno.env.get('PORT') ?? 9000);

// Basic auth (security profile 1, or 2 behind TLS), each station with its own password:
// STATION_PASSWORDS="CP-1=<password>,CP-2=<password>". Unset means no station is known, so every
// station is refused: there is no shared or default password to fall back on.
const passwords = new Map<string, string>();
for (const entry of (Deno.env.get('STATION_PASSWORDS') ?? '').split(',').map((e) => e.trim())) {
  if (!entry) continue;
  const at = entry.indexOf('=');
  const identity = at > 0 ? entry.slice(0, at) : entry;
  const password = at > 0 ? entry.slice(at + 1) : '';
  // 16–20 bytes for 1.6, 16–40 characters for 2.0.1: a password no version allows is left out.
  const problem = passwordProblem(password, 'ocpp2.0.1') && passwordProblem(password, 'ocpp1.6');
  if (problem) console.warn(`STATION_PASSWORDS entry ignored, ${identity}: ${problem}`);
  else passwords.set(identity, password);
}
if (passwords.size === 0) console.warn('STATION_PASSWORDS is not set: every station is refused');
// Compared against for unknown identities, so they take as long as a wrong password.
const NOBODY = 'x'.repeat(20);

const server = new OCPPServer({
  // Preference order: a station offering both gets 2.0.1.
  protocols: ['ocpp2.0.1', 'ocpp1.6'],
  // Deno pings idle stations after this long and drops those that stop answering.
  idleTimeoutSeconds: 60,
});

server.auth(({ identity, password }) => {
  const expected = passwords.get(identity);
  const same = timingSafeEqualString(password ?? '', expected ?? NOBODY);
  if (same && expected !== undefined && password !== undefined) return true;
  console.warn(
    `${identity} refused: ${expected === undefined ? 'unknown identity' : 'wrong or no password'}`,
  );
  return false;
});

const now = () => new Date().toISOString();
let nextTransactionId = 1;

server.on('client', (station) => {
  console.log(`${station.identity} connected (${station.protocol})`);
  station.on('close', ({ code }) => console.log(`${station.identity} disconnected (${code})`));
  if (station.protocol === 'ocpp1.6') handle16(station as StationConnection<'ocpp1.6'>);
  else handle201(station as StationConnection<'ocpp2.0.1'>);
});

function handleCommon(station: StationConnection<OCPPProtocol>) {
  station.handle('BootNotification', () => ({ status: 'Accepted', currentTime: now(), interval: 300 }));
  station.handle('Heartbeat', () => ({ currentTime: now() }));
  station.handle('StatusNotification', ({ params }) => {
    console.log(`${station.identity} status`, params);
    return {};
  });
  station.handle('MeterValues', () => ({}));
}

function handle16(station: StationConnection<'ocpp1.6'>) {
  handleCommon(station);
  // A real CSMS looks the tag up; this one accepts every idTag.
  station.handle('Authorize', () => ({ idTagInfo: { status: 'Accepted' } }));
  station.handle('StartTransaction', () => ({
    transactionId: nextTransactionId++,
    idTagInfo: { status: 'Accepted' },
  }));
  station.handle('StopTransaction', () => ({ idTagInfo: { status: 'Accepted' } }));
}

function handle201(station: StationConnection<'ocpp2.0.1'>) {
  handleCommon(station);
  station.handle('Authorize', () => ({ idTokenInfo: { status: 'Accepted' } }));
  // 2.0.1 folds Start/Stop into TransactionEvent; answer idTokenInfo only when a token came
  // with the event (optional fields are omitted, never empty: OCPP-J 2.0.1 §4.1.5).
  station.handle('TransactionEvent', ({ params }) =>
    params.idToken ? { idTokenInfo: { status: 'Accepted' } } : {},
  );
}

const running = server.serve({
  hostname,
  port,
  onListen: (addr) =>
    console.log(`OCPP CSMS listening on ws://${addr.hostname}:${addr.port}/ocpp/<identity>`),
});

// Close every station with 1001 "going away" before Deno stops serving.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  Deno.addSignalListener(signal, () => void running.shutdown());
}
await running.finished;
