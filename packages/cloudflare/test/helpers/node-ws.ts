// A Node CSMS for the Worker-as-client tests: test-utils' core binding, which records each
// handshake it sees (the tests inspect them), over the Node adapter's transport.
import type { OCPPProtocol, OCPPServer } from '@ocpp-ws-io/core';
import { WsTransport } from '@ocpp-ws-io/node';
import { type CoreCsms, startCoreCsms } from '@ocpp-ws-io/test-utils';

/** Binds `server` on 127.0.0.1 (see startCoreCsms); no keep-alive pings (the tests time nothing). */
export function startNodeCsms<P extends OCPPProtocol>(server: OCPPServer<P>): Promise<CoreCsms> {
  return startCoreCsms(server, (ws, protocol) => new WsTransport(ws, protocol, { pingIntervalMs: 0 }));
}
