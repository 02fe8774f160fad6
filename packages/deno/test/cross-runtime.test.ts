// The cross-runtime table (packages/test-utils/src/edge-table.ts) against the Deno server and the
// Deno client, each in a real `deno` process, with a raw Node `ws` peer over 127.0.0.1.
import type { EdgeClientReport, RunningDeno } from '@ocpp-ws-io/test-utils';
import { clientEdgeTable, serverEdgeTable } from '@ocpp-ws-io/test-utils/edge-suite';
import { afterAll, beforeAll, describe } from 'vitest';
import { runFixture, startFixture } from './helpers/deno-run.js';

describe('cross-runtime table: the Deno server', () => {
  let deno: RunningDeno;
  beforeAll(async () => {
    deno = await startFixture('edge-server.js', {});
  });
  afterAll(() => deno?.stop());

  serverEdgeTable('deno', () => `ws://127.0.0.1:${deno.port}/ocpp`);
});

describe('cross-runtime table: the Deno client', () => {
  clientEdgeTable('deno', (url, identity) =>
    runFixture<EdgeClientReport>('edge-client.js', { url, identity }),
  );
});
