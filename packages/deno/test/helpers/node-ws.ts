// A Node CSMS for the Deno client tests: test-utils' core binding, with stations under /ocpp and
// the OCPPServer closed along with the listener.
import type { OCPPServer } from '@ocpp-ws-io/core';
import { WsTransport } from '@ocpp-ws-io/node';
import { type CoreCsms, startCoreCsms } from '@ocpp-ws-io/test-utils';

/** A Node CSMS around a core OCPPServer; `url` ends in /ocpp (stations append their identity). */
export type NodeCsms = CoreCsms;

/** Binds `server` on 127.0.0.1 (see startCoreCsms); close() closes the server, then the listener. */
export async function startNodeCsms(server: OCPPServer): Promise<NodeCsms> {
  const csms = await startCoreCsms(
    server,
    (ws, protocol) => new WsTransport(ws, protocol, { pingIntervalMs: 0 }),
  );
  return {
    ...csms,
    url: `${csms.url}/ocpp`,
    close: async () => {
      await server.close();
      await csms.close();
    },
  };
}
