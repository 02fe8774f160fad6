import { connect } from 'node:net';

/** What a server answered to {@link rawUpgrade}. */
export interface RawUpgradeResult {
  /** HTTP status of the answer (101 when it upgraded). */
  status: number;
  /** The echoed `Sec-WebSocket-Protocol`, or undefined when absent. */
  protocol: string | undefined;
  /** Code of a close frame the server sent right after a 101, if any (within `waitMs`). */
  closeCode: number | undefined;
}

/**
 * A hand-written WebSocket upgrade over TCP, so a test sees exactly what the server answers even
 * where a WebSocket library would refuse it (e.g. a 101 without the offered subprotocol): the
 * status, the echoed subprotocol, and the close code of a close frame that follows.
 */
export function rawUpgrade(
  url: string,
  options: { protocols: string; headers?: Record<string, string>; waitMs?: number },
): Promise<RawUpgradeResult> {
  const target = new URL(url.replace(/^ws/, 'http'));
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname);
    let buffer = Buffer.alloc(0);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = buffer.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const head = end >= 0 ? text.slice(0, end) : text;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const protocol = /\r\nsec-websocket-protocol: *([^\r]*)/i.exec(head)?.[1];
      // The first frame after the head: a close frame (opcode 8) starts its payload with the code.
      const body = end >= 0 ? buffer.subarray(end + 4) : Buffer.alloc(0);
      const closeCode =
        status === 101 && body.length >= 4 && (body[0]! & 0x0f) === 8 ? body.readUInt16BE(2) : undefined;
      resolve({ status, protocol, closeCode });
    };
    const timer = setTimeout(finish, options.waitMs ?? 2_000);
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      // Done once the head is in and either it is not a 101, or a close frame arrived after it.
      if (end >= 0 && (!buffer.subarray(0, 12).toString().includes('101') || buffer.length >= end + 8))
        finish();
    });
    socket.on('end', finish);
    const headers = {
      Host: target.host,
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Protocol': options.protocols,
      ...options.headers,
    };
    const lines = [
      `GET ${target.pathname}${target.search} HTTP/1.1`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}
