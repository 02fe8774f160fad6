// A small OCPP CSMS for Deno: accepts OCPP 2.0.1 and 1.6 stations and answers the everyday
// messages. Run it with `deno task start` (see README.md); stations connect to
// ws://<host>:<port>/ocpp/<identity>.
import { type OCPPProtocol, OCPPServer, type StationConnection } from '@ocpp-ws-io/deno';

const hostname = Deno.env.get('HOSTNAME') ?? '127.0.0.1';
const port = Number(Deno.env.get('PORT') ?? 9000);
// Optional Basic auth (security profile 1/2): STATION_PASSWORDS="CP-1=sixteen-chars-pw,CP-2=…".
const passwords = new Map(
  (Deno.env.get('STATION_PASSWORDS') ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=', 2) as [string, string]),
);

const server = new OCPPServer({
  // Preference order: a station offering both gets 2.0.1.
  protocols: ['ocpp2.0.1', 'ocpp1.6'],
  // Deno pings idle stations after this long and drops those that stop answering.
  idleTimeoutSeconds: 60,
});

if (passwords.size > 0) {
  server.auth(({ identity, password }) => password !== undefined && passwords.get(identity) === password);
}

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
