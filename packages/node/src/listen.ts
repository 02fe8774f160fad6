import type { AddressInfo, Server } from 'node:net';

/**
 * Starts `http` listening and resolves once it does (rejects on a listen error such as
 * EADDRINUSE), with the port it got (`port` 0: any free one) and the host as a URL writes it
 * (an IPv6 address in brackets). Shared by the OCPP server and the relay.
 *
 * @example
 * ```ts
 * const { port, urlHost } = await listenOn(createServer(), 0, '::1'); // urlHost '[::1]'
 * ```
 */
export async function listenOn(
  http: Server,
  port: number,
  host: string,
): Promise<{ readonly port: number; readonly urlHost: string }> {
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  return {
    port: (http.address() as AddressInfo).port,
    urlHost: host.includes(':') ? `[${host}]` : host,
  };
}
