import WebSocket, { type ClientOptions } from 'ws';

/** An open Node `ws` client with a message queue. */
export interface TestWsClient {
  ws: WebSocket;
  /** The negotiated subprotocol (`''` if none). */
  protocol: string;
  /** Resolves with the next text message (queued ones first); rejects after `timeoutMs` (5 s). */
  next(timeoutMs?: number): Promise<string>;
  /** Sends text and waits for the next message. */
  request(text: string, timeoutMs?: number): Promise<string>;
  /** Resolves with the close code and reason once the socket is closed. */
  closed: Promise<{ code: number; reason: string }>;
  close(code?: number, reason?: string): Promise<{ code: number; reason: string }>;
}

/**
 * Opens a real TCP WebSocket with `ws` and resolves once it is open (rejects on error or a
 * non-101 answer, with the status code in the message). `options.headers` can carry
 * `Authorization`; `ws` checks that the server echoed one of `protocols`.
 */
export function connectWs(
  url: string,
  protocols: string[] = [],
  options: ClientOptions = {},
): Promise<TestWsClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, options);
    const queue: string[] = [];
    const waiters: Array<(msg: string) => void> = [];
    ws.on('message', (data) => {
      const text = data.toString();
      const waiter = waiters.shift();
      if (waiter) waiter(text);
      else queue.push(text);
    });
    const closed = new Promise<{ code: number; reason: string }>((ok) =>
      ws.on('close', (code, reason) => ok({ code, reason: reason.toString() })),
    );
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`unexpected response ${res.statusCode}`));
      ws.terminate();
    });
    ws.once('error', reject);
    ws.once('open', () => {
      const next = (timeoutMs = 5_000) => {
        const queued = queue.shift();
        if (queued !== undefined) return Promise.resolve(queued);
        return new Promise<string>((ok, fail) => {
          const timer = setTimeout(() => {
            waiters.splice(waiters.indexOf(waiter), 1);
            fail(new Error(`no message within ${timeoutMs} ms`));
          }, timeoutMs);
          const waiter = (msg: string) => {
            clearTimeout(timer);
            ok(msg);
          };
          waiters.push(waiter);
        });
      };
      resolve({
        ws,
        protocol: ws.protocol,
        next,
        request: (text, timeoutMs) => {
          ws.send(text);
          return next(timeoutMs);
        },
        closed,
        close: (code = 1000, reason = '') => {
          if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
          return closed;
        },
      });
    });
  });
}
