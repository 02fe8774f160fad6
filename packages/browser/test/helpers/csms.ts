import { type OCPPProtocol, OCPPServer, type StationConnection } from '@ocpp-ws-io/node';

/** A Node CSMS on 127.0.0.1 that accepts boots, answers Heartbeat/MeterValues, and logs every frame. */
export async function startCsms(
  options: ConstructorParameters<typeof OCPPServer>[0] & { protocols: readonly OCPPProtocol[] },
) {
  const server = new OCPPServer({ path: '/ocpp', ...options });
  const stations: StationConnection[] = [];
  /** Every frame the CSMS received, as text, in order. */
  const inbound: string[] = [];
  const connected = new Promise<StationConnection>((resolve) => {
    server.on('client', (station) => {
      stations.push(station);
      station.on('message', ({ direction, data }) => {
        if (direction === 'in') inbound.push(data);
      });
      station.handle('BootNotification', () => ({
        currentTime: new Date().toISOString(),
        interval: 300,
        status: 'Accepted',
      }));
      station.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
      station.handle('MeterValues', () => ({}));
      resolve(station);
    });
  });
  /** The next station to connect from now on (e.g. after a reconnect). */
  const nextStation = () =>
    new Promise<StationConnection>((resolve) => {
      const off = server.on('client', (station) => {
        off();
        resolve(station);
      });
    });
  const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
  return { server, url, stations, inbound, connected, nextStation, close: () => server.close() };
}

/** The actions of the CALL frames in `frames` (`[2, id, action, payload]`). */
export function callActions(frames: readonly string[]): string[] {
  return frames
    .map((f) => JSON.parse(f) as unknown[])
    .filter((f) => f[0] === 2)
    .map((f) => String(f[2]));
}
