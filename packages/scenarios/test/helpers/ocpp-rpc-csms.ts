// A small OCPP 1.6 / 2.0.1 CSMS written on ocpp-rpc (a bare RPC library: every handler is ours),
// with a CSMS control that calls the station through ocpp-rpc. What a developer would write in an
// afternoon: the core messages and firmware/diagnostics notifications; nothing of the 1.6 security
// extension, no 2.0.1 customer information or data transfer.

import type { CsmsControl } from '../../src/index.js';

// ocpp-rpc ships no types for this use; a narrow local view of what we call.
interface RpcClient {
  readonly identity: string;
  readonly protocol: string;
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
  const server = new RPCServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], strictMode: true });
  const clients = new Map<string, RpcClient>();
  server.auth((accept, reject, handshake) => {
    if (handshake.password?.toString('utf8') === password) accept({});
    else reject(401, 'Unauthorized');
  });
  let nextTx = 1;
  const now = () => new Date().toISOString();
  server.on('client', (client) => {
    clients.set(client.identity, client);
    if (client.protocol === 'ocpp2.0.1') return serve201(client);
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
  // 2.0.1: boot, statuses, authorization, transactions and meter values, firmware and log status.
  const serve201 = (client: RpcClient) => {
    client.handle('BootNotification', () => ({ status: 'Accepted', currentTime: now(), interval: 60 }));
    client.handle('Heartbeat', () => ({ currentTime: now() }));
    client.handle('StatusNotification', () => ({}));
    client.handle('Authorize', ({ params }) => ({
      idTokenInfo: { status: statusOf((params.idToken as { idToken: string }).idToken) },
    }));
    client.handle('TransactionEvent', ({ params }) => {
      const token = params.idToken as { idToken: string } | undefined;
      return token ? { idTokenInfo: { status: statusOf(token.idToken) } } : {};
    });
    client.handle('MeterValues', () => ({}));
    client.handle('NotifyEvent', () => ({}));
    client.handle('SecurityEventNotification', () => ({}));
    client.handle('FirmwareStatusNotification', () => ({}));
    client.handle('LogStatusNotification', () => ({}));
  };
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
            const answer = r as { status?: string; setVariableResult?: { attributeStatus?: string }[] };
            const data = params as { value?: string; setVariableData?: { attributeValue?: string }[] };
            if ((answer.status ?? answer.setVariableResult?.[0]?.attributeStatus) === 'Accepted')
              password = String(data.value ?? data.setVariableData?.[0]?.attributeValue);
          });
        answered.catch(() => undefined);
      },
    },
    close: async () => {
      await server.close({ force: true });
    },
  };
}
