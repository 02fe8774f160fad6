import WebSocket from 'ws';

/** How a server answered a WebSocket upgrade: its status (101 when it upgraded) and headers. */
export interface HandshakeAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Offers an upgrade with a plain `ws` client and reports the answer; an accepted socket is closed
 * at once. Unlike a station client it shows a refusal's headers (WWW-Authenticate, Retry-After).
 */
export function handshakeAnswer(
  url: string,
  protocols: string[],
  headers: Record<string, string> = {},
): Promise<HandshakeAnswer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
      ws.terminate();
    });
    ws.once('upgrade', (res) => resolve({ status: 101, headers: res.headers }));
    ws.once('open', () => ws.close());
    ws.on('error', reject); // after an answer, a later error changes nothing
  });
}

/** The answer to an upgrade that must be refused; fails the test when it was accepted. */
export async function refusedUpgrade(
  url: string,
  protocols: string[],
  headers: Record<string, string>,
): Promise<HandshakeAnswer> {
  const answer = await handshakeAnswer(url, protocols, headers);
  if (answer.status === 101) throw new Error('the upgrade was accepted');
  return answer;
}
