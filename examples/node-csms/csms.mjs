// A CSMS on Node: `pnpm --filter ./examples/node-csms start` (PORT and HOST from the environment;
// STATION_PASSWORDS="CP-1=<password>,CP-2=<password>" names the stations that may connect).
import { OCPPServer } from '@ocpp-ws-io/node';
import { serveStation } from './csms-logic.mjs';
import { stationAuth, stationPasswords } from './station-auth.mjs';

const { passwords, problems } = stationPasswords(process.env.STATION_PASSWORDS);
for (const problem of problems) console.warn(`[csms] STATION_PASSWORDS entry ignored, ${problem}`);
if (passwords.size === 0) console.warn('[csms] STATION_PASSWORDS is not set: every station is refused');

const server = new OCPPServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], path: '/ocpp' });
// Basic auth (security profile 1, or 2 behind TLS): each station's own password, never a shared one.
server.auth(stationAuth(passwords));
server.on('client', (station) => {
  console.log(`[csms] ${station.identity} connected with ${station.protocol}`);
  serveStation(station);
  station.on('close', ({ code }) => console.log(`[csms] ${station.identity} disconnected (${code})`));
});

const { url } = await server.listen({
  port: Number(process.env.PORT ?? 9000),
  host: process.env.HOST ?? '127.0.0.1',
});
console.log(`[csms] listening: stations connect to ${url}/<identity>`);
process.once('SIGINT', () => server.close().then(() => process.exit(0)));
