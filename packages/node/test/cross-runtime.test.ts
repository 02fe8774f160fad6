// The cross-runtime table (packages/test-utils/src/edge-table.ts) against the Node server and the
// Node client, over 127.0.0.1 with a raw `ws` peer on the other end. Deno, workerd and Chromium
// run the same table in their own packages.
import {
  EDGE_PASSWORD,
  EDGE_PROTOCOL,
  installEdgeHandlers,
  runEdgeClient,
} from '@ocpp-ws-io/test-utils/edge-endpoint';
import { clientEdgeTable, serverEdgeTable } from '@ocpp-ws-io/test-utils/edge-suite';
import { afterAll, beforeAll, describe } from 'vitest';
import { OCPPClient, OCPPServer } from '../src/index.js';

describe('cross-runtime table: the Node server', () => {
  let server: OCPPServer<typeof EDGE_PROTOCOL>;
  let url = '';
  beforeAll(async () => {
    server = new OCPPServer({ protocols: [EDGE_PROTOCOL], path: '/ocpp', pingIntervalMs: 0 });
    server.auth(({ password }) => password === EDGE_PASSWORD);
    server.on('client', installEdgeHandlers);
    ({ url } = await server.listen({ port: 0, host: '127.0.0.1' }));
  });
  afterAll(() => server?.close());

  serverEdgeTable('node', () => url);
});

describe('cross-runtime table: the Node client', () => {
  clientEdgeTable('node', (endpoint, identity) =>
    runEdgeClient(
      new OCPPClient({
        endpoint,
        identity,
        protocols: [EDGE_PROTOCOL],
        password: EDGE_PASSWORD,
        reconnect: false,
        connectTimeoutMs: 5_000,
        pingIntervalMs: 0,
      }),
    ),
  );
});
