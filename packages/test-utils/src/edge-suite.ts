// Registers the cross-runtime table (edge-table.ts) as vitest tests, one per case, for one
// runtime's server or client. Its own entry point (`@ocpp-ws-io/test-utils/edge-suite`): only
// test files load vitest.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type EdgeClientReport,
  type EdgeServer,
  edgeIdentity,
  probeServer,
  startEdgeServer,
} from './edge-peers.js';
import {
  type EdgeCase,
  type EdgeOutcome,
  type EdgeRuntime,
  type EdgeSide,
  edgeCasesFor,
  expectedOutcome,
} from './edge-table.js';

function register(
  side: EdgeSide,
  runtime: EdgeRuntime,
  play: (edgeCase: EdgeCase) => Promise<EdgeOutcome>,
): void {
  for (const edgeCase of edgeCasesFor(side)) {
    const imposed = edgeCase.imposed?.[`${side}:${runtime}`];
    const name = imposed ? `${edgeCase.title} — ${runtime} imposes its own: ${imposed.why}` : edgeCase.title;
    it(name, async () => {
      expect(await play(edgeCase), edgeCase.id).toEqual(expectedOutcome(edgeCase, side, runtime));
    }, 30_000);
  }
}

/**
 * The table against one of our servers: `baseUrl()` is where stations connect (e.g.
 * `ws://127.0.0.1:9000/ocpp`), read when each test runs. The server runs the edge handlers
 * (fixtures/edge-endpoint.js) and accepts the edge password.
 *
 * @example
 * ```ts
 * serverEdgeTable('node', () => url);
 * ```
 */
export function serverEdgeTable(runtime: EdgeRuntime, baseUrl: () => string): void {
  register('server', runtime, (edgeCase) => probeServer(baseUrl(), edgeCase));
}

/**
 * The table against one of our clients: starts the raw edge server for the file, and for each
 * case `run(endpoint, identity)` runs the edge program (fixtures/edge-endpoint.js) in the
 * runtime and resolves with its report.
 *
 * @example
 * ```ts
 * clientEdgeTable('node', (endpoint, identity) => runEdgeClient(new OCPPClient({ endpoint, identity, … })));
 * ```
 */
export function clientEdgeTable(
  runtime: EdgeRuntime,
  run: (endpoint: string, identity: string) => Promise<EdgeClientReport>,
): void {
  let edge: EdgeServer | undefined;
  beforeAll(async () => {
    edge = await startEdgeServer();
  });
  afterAll(() => edge?.close());
  register('client', runtime, (edgeCase) => {
    const server = edge!;
    return server.play(edgeCase, () => run(server.url, edgeIdentity(edgeCase)));
  });
}
