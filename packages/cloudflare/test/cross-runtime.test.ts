// The cross-runtime table (packages/test-utils/src/edge-table.ts) against the Durable Object
// server and the Worker client, in real workerd, with a raw Node `ws` peer over 127.0.0.1.
import { fileURLToPath } from 'node:url';
import type { EdgeClientReport, RunningWorkerd } from '@ocpp-ws-io/test-utils';
import { clientEdgeTable, serverEdgeTable } from '@ocpp-ws-io/test-utils/edge-suite';
import { afterAll, beforeAll, describe } from 'vitest';
import { startFixture } from './helpers/workerd.js';

const entry = fileURLToPath(new URL('./fixtures/edge-worker.ts', import.meta.url));

describe('cross-runtime table: workerd', () => {
  let worker: RunningWorkerd;
  beforeAll(async () => {
    worker = await startFixture(entry);
  });
  afterAll(() => worker?.dispose());

  describe('the Durable Object server', () => {
    serverEdgeTable('workerd', () => `${worker.wsUrl}/ocpp`);
  });

  describe('the Worker client', () => {
    clientEdgeTable('workerd', async (endpoint, identity) => {
      const res = await fetch(`${worker.url}/edge-client?${new URLSearchParams({ endpoint, identity })}`);
      return (await res.json()) as EdgeClientReport;
    });
  });
});
