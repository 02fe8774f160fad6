// Node-side OCPP peers with strict validation, for the Deno tests.
import { OCPPClient, type OCPPProtocol, OCPPServer } from '@ocpp-ws-io/core';
import { nodeConnector } from '@ocpp-ws-io/node';
import { validators as ocpp16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import { validators as ocpp201 } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { validators as ocpp21 } from '@ocpp-ws-io/schemas/ocpp2.1';

export const validators = { 'ocpp1.6': ocpp16, 'ocpp2.0.1': ocpp201, 'ocpp2.1': ocpp21 };

/** A Node station (core client over `ws`), strict unless told otherwise. */
export function nodeStation(options: {
  url: string;
  identity: string;
  protocols: OCPPProtocol[];
  password?: string;
  strictMode?: boolean;
}): OCPPClient {
  return new OCPPClient({
    endpoint: options.url,
    identity: options.identity,
    protocols: options.protocols,
    ...(options.password === undefined ? {} : { password: options.password }),
    strictMode: options.strictMode ?? true,
    validators,
    connector: nodeConnector(),
    // Tests assert how a connection ended; a reconnect loop would hide the close code.
    reconnect: false,
    callTimeoutMs: 5_000,
    connectTimeoutMs: 5_000,
  });
}

/** A Node CSMS core (bind it with startNodeCsms) that answers Boot/Heartbeat and then calls Reset. */
export function nodeCsmsCore(options: { protocols: OCPPProtocol[]; password?: string }) {
  const server = new OCPPServer({ protocols: options.protocols, validators });
  if (options.password) server.auth(({ password }) => password === options.password);
  const resets: Array<{ identity: string; result: unknown }> = [];
  server.on('client', (station) => {
    station.handle('BootNotification', () => {
      setTimeout(() => {
        const params = station.protocol === 'ocpp1.6' ? { type: 'Soft' } : { type: 'Immediate' };
        station.call('Reset', params as never).then(
          (result) => resets.push({ identity: station.identity, result }),
          (error: Error) => resets.push({ identity: station.identity, result: error.message }),
        );
      }, 0);
      return { currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' } as never;
    });
    station.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }) as never);
  });
  return { server, resets };
}

/**
 * A raw HTTP upgrade with an exact `Sec-WebSocket-Protocol` header; returns the status, the
 * headers and, after a 101, the code of a close frame the server sends within a second.
 */
export async function rawHandshake(
  url: string,
  headers: Record<string, string>,
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  closeCode?: number | undefined;
}> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url.replace(/^ws/, 'http'), {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
      timeout: 5_000,
    });
    req.on('upgrade', (res, socket, head) => {
      let bytes = head;
      const finish = () => {
        clearTimeout(timer);
        socket.destroy();
        // A close frame is opcode 8; its payload starts with the 2-byte code.
        const closeCode = bytes.length >= 4 && (bytes[0]! & 0x0f) === 8 ? bytes.readUInt16BE(2) : undefined;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, closeCode });
      };
      const timer = setTimeout(finish, 1_000);
      socket.on('data', (chunk: Buffer) => {
        bytes = Buffer.concat([bytes, chunk]);
        if (bytes.length >= 4) finish();
      });
      socket.on('end', finish);
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('timeout', () => req.destroy(new Error('raw handshake timed out')));
    req.on('error', reject);
    req.end();
  });
}
