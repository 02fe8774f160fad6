// The cross-runtime table (packages/test-utils/src/edge-table.ts) against the browser client in
// real Chromium, with a raw Node `ws` peer over 127.0.0.1. The page runs the same edge program as
// the Node, Deno and Worker clients (packages/test-utils/fixtures/edge-endpoint.js).
import type { EdgeClientReport } from '@ocpp-ws-io/test-utils';
import { clientEdgeTable } from '@ocpp-ws-io/test-utils/edge-suite';
import { describe } from 'vitest';
import type { PageGlobals } from './helpers/page.js';
import { chromiumSuite } from './helpers/suite.js';

const { newPage } = chromiumSuite();

describe('cross-runtime table: the browser client in Chromium', () => {
  clientEdgeTable('chromium', async (endpoint, identity) => {
    const page = await newPage();
    return page.evaluate(
      async ([url, id]) => {
        const { ocpp, edge } = globalThis as unknown as PageGlobals;
        const client = new ocpp.OCPPClient({
          endpoint: url,
          identity: id,
          protocols: [edge.EDGE_PROTOCOL],
          password: edge.EDGE_PASSWORD,
          reconnect: false,
          connectTimeoutMs: 5_000,
        });
        return (await edge.runEdgeClient(client)) as EdgeClientReport;
      },
      [endpoint, identity] as const,
    );
  });
});
