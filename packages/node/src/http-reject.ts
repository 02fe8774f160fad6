import type { Socket } from 'node:net';

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Answers a refused upgrade with a plain HTTP response and closes the socket. Written by hand
 * because the upgrade event hands us the raw socket (ws README, "Client authentication").
 */
export function writeHttpRejection(
  socket: Socket,
  status: number,
  reason: string,
  headers: Readonly<Record<string, string>>,
): void {
  if (socket.destroyed) return;
  // Header values must not carry CR/LF (response splitting); reasons are ours, but be strict.
  const clean = (s: string) => s.replace(/[\r\n]+/g, ' ');
  const body = `${clean(reason)}\n`;
  const lines = [
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([k, v]) => `${clean(k)}: ${clean(v)}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
