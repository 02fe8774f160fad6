// A small OCPP 1.6 CSMS written on ocpp-rpc (a bare RPC library: every handler is ours), with a
// CSMS control that calls the station through ocpp-rpc. What a developer would write in an
// afternoon: the Core messages and firmware/diagnostics notifications, nothing of the security
// extension.

import type { CsmsControl } from '../../src/index.js';

// ocpp-rpc ships no types for this use; a narrow local view of what we call.
interface RpcClient {
  readonly identity: string;
  call(method: string, params: unknown): Promise<unknown>;
  handle(method: string, handler: (ctx: { params: Record<string, unknown> }) => unknown): void;
}
interface RpcServer {
  auth(
    callback: (
      accept: (session?: unknown, protocol?: string) => void,
      reject: (code?: number, message?: string) => void,
      handshake: { identity: string; password?: Buffer },
    ) => void,
  ): void;
  on(event: 'client', listener: (client: RpcClient) => void): void;
  listen(port: number, host: string): Promise<{ address(): { port: number } }>;
  close(options?: { force?: boolean }): Promise<unknown>;
}
const { RPCServer } = (await import('ocpp-rpc')) as unknown as {
  RPCServer: new (options: Record<string, unknown>) => RpcServer;
};

export interface OcppRpcCsms {
  readonly url: string;
  readonly control: CsmsControl;
  close(): Promise<void>;
}

const statusOf = (idTag: unknown) => {
  const tag = String(idTag).toUpperCase();
  if (tag.startsWith('INVALID')) return 'Invalid';
  if (tag.startsWith('BLOCKED')) return 'Blocked';
  if (tag.startsWith('EXPIRED')) return 'Expired';
  return 'Accepted';
};

export async function startOcppRpcCsms(initialPassword: string): Promise<OcppRpcCsms> {
  let password = initialPassword;
  const server = new RPCServer({ protocols: ['ocpp1.6'], strictMode: true });
  const clients = new Map<string, RpcClient>();
  server.auth((accept, reject, handshake) => {
    if (handshake.password?.toString('utf8') === password) accept({}, 'ocpp1.6');
    else reject(401, 'Unauthorized');
  });
  let nextTx = 1;
  const now = () => new Date().toISOString();
  server.on('client', (client) => {
    clients.set(client.identity, client);
    client.handle('BootNotification', () => ({ status: 'Accepted', currentTime: now(), interval: 60 }));
    client.handle('Heartbeat', () => ({ currentTime: now() }));
    client.handle('StatusNotification', () => ({}));
    client.handle('Authorize', ({ params }) => ({ idTagInfo: { status: statusOf(params.idTag) } }));
    client.handle('StartTransaction', ({ params }) => ({
      transactionId: nextTx++,
      idTagInfo: { status: statusOf(params.idTag) },
    }));
    client.handle('StopTransaction', () => ({}));
    client.handle('MeterValues', () => ({}));
    client.handle('DataTransfer', () => ({ status: 'UnknownVendorId' }));
    client.handle('DiagnosticsStatusNotification', () => ({}));
    client.handle('FirmwareStatusNotification', () => ({}));
  });
  const http = await server.listen(0, '127.0.0.1');
  return {
    url: `ws://127.0.0.1:${http.address().port}`,
    control: {
      name: 'the ocpp-rpc CSMS (in process)',
      async trigger({ identity, action, params, intent }) {
        const client = clients.get(identity);
        if (!client) throw new Error(`${identity} is not connected`);
        const answered = client.call(action, params);
        if (intent === 'rotatePassword')
          void answered.then((r) => {
            if ((r as { status?: string }).status === 'Accepted') password = String(params.value);
          });
        answered.catch(() => undefined);
      },
    },
    close: async () => {
      await server.close({ force: true });
    },
  };
}
