// A CSMS on Node: `pnpm --filter ./examples/node-csms start` (PORT and HOST from the environment).
import { OCPPServer } from '@ocpp-ws-io/node';
import { serveStation } from './csms-logic.mjs';

const server = new OCPPServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], path: '/ocpp' });
// Accept any station in this example. In production: check identity and password here.
server.auth(({ identity, remoteAddress }) => {
  console.log(`[csms] ${identity} connecting from ${remoteAddress}`);
  return true;
});
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
