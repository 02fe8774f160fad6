// The raw peers of the cross-runtime table (src/edge-table.ts): a Node `ws` client that plays each
// case against one of our servers, and a Node `ws` server that plays it against one of our
// clients. `ws` lets a test send what our endpoints must cope with — binary frames, fragments,
// bytes that are not UTF-8, pings — and reports the close code and reason exactly as they came.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { EDGE_PASSWORD, EDGE_PROTOCOL } from '../fixtures/edge-endpoint.js';
import { EDGE_MAX_FRAME_BYTES, type EdgeCase, type EdgeOutcome } from './edge-table.js';
import { rawUpgrade } from './raw-upgrade.js';
import { closeWsServer } from './ws-server.js';

/** How long a peer waits for our endpoint to do what the case is about. */
const WAIT_MS = 10_000;

/** The station identity of a case: it tells the edge server which case a client came for. */
export const edgeIdentity = (edgeCase: EdgeCase): string => `EDGE-${edgeCase.id}`;

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

/** A CALL frame of exactly `bytes` UTF-8 bytes (a DataTransfer whose data pads it). */
function callOfBytes(id: string, bytes: number): string {
  const empty = JSON.stringify([2, id, 'DataTransfer', { vendorId: 'edge', data: '' }]);
  return JSON.stringify([
    2,
    id,
    'DataTransfer',
    { vendorId: 'edge', data: 'x'.repeat(bytes - empty.length) },
  ]);
}

/**
 * What the peer does once connected, and what ends its watch: our endpoint's close, our first
 * text frame, or a pong. A peer that got what it waited for (a reply, a pong) closes itself.
 */
const ACTS: Record<
  string,
  { act(ws: WebSocket): void; until: 'close' | 'message' | 'close-or-message' | 'pong' }
> = {
  'binary-call': {
    act: (ws) => ws.send(Buffer.from('[2,"bin1","DataTransfer",{"vendorId":"edge"}]'), { binary: true }),
    until: 'close',
  },
  'close-long': {
    act: (ws) => ws.send('[2,"long1","DataTransfer",{"vendorId":"edge","data":"close-long"}]'),
    until: 'close',
  },
  'oversized-just-over': {
    act: (ws) => ws.send(callOfBytes('big1', EDGE_MAX_FRAME_BYTES + 100)),
    until: 'close',
  },
  'oversized-double': { act: (ws) => ws.send(callOfBytes('big2', 2 * EDGE_MAX_FRAME_BYTES)), until: 'close' },
  'invalid-utf8': {
    // "(" after 0xC3 is no continuation byte: not UTF-8. ws sends the bytes as a text frame as they are.
    act: (ws) =>
      ws.send(
        Buffer.concat([
          Buffer.from('[2,"utf1","DataTransfer",{"vendorId":"'),
          Buffer.from([0xc3, 0x28]),
          Buffer.from('"}]'),
        ]),
        { binary: false },
      ),
    // Some runtimes decode such a frame with U+FFFD and hand it on: then an answer comes, no close.
    until: 'close-or-message',
  },
  'fragmented-call': {
    act: (ws) => {
      ws.send('[2,"frag1",', { fin: false });
      ws.send('"DataTransfer",', { fin: false });
      ws.send('{"vendorId":"edge"}]', { fin: true });
    },
    until: 'message',
  },
  ping: { act: (ws) => ws.ping('edge-ping'), until: 'pong' },
};

/**
 * Watches an open socket after `act`: resolves with the outcome once what the case waits for
 * happened, or rejects after {@link WAIT_MS} with everything seen so far.
 */
function watch(ws: WebSocket, edgeCase: EdgeCase): Promise<EdgeOutcome> {
  const script = ACTS[edgeCase.id];
  if (!script) throw new Error(`no peer script for case ${edgeCase.id}`);
  const replies: unknown[] = [];
  return new Promise<EdgeOutcome>((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(
        new Error(
          `${edgeCase.id}: nothing decisive within ${WAIT_MS} ms; frames: ${JSON.stringify(replies)}`,
        ),
      );
    }, WAIT_MS);
    const done = (outcome: EdgeOutcome, closeAfter: boolean) => {
      clearTimeout(timer);
      if (closeAfter && ws.readyState === WebSocket.OPEN) ws.close(1000, 'edge case done');
      resolve(outcome);
    };
    ws.on('message', (data, isBinary) => {
      const frame = isBinary ? `<binary ${data.toString()}>` : parse(data.toString());
      replies.push(frame);
      if (script.until === 'message' || script.until === 'close-or-message') done({ reply: frame }, true);
    });
    ws.on('pong', (payload) => {
      if (script.until === 'pong') done({ pong: payload.toString() }, true);
    });
    ws.on('close', (code, reason) => done({ closed: { code, reason: reason.toString() }, replies }, false));
    ws.on('error', () => {});
    script.act(ws);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Plays `edgeCase` against one of our servers at `baseUrl` (e.g. `ws://127.0.0.1:9000/ocpp`), as
 * station `EDGE-<id>` with the edge password, and returns what the server did.
 */
export async function probeServer(baseUrl: string, edgeCase: EdgeCase): Promise<EdgeOutcome> {
  const identity = edgeIdentity(edgeCase);
  const url = `${baseUrl}/${identity}`;
  const authorization = basic(identity, EDGE_PASSWORD);
  if (edgeCase.id === 'no-common-subprotocol') {
    const { protocol, closeCode } = await rawUpgrade(url, {
      protocols: 'ocpp1.5, ocpp1.2',
      headers: { Authorization: authorization },
    });
    return { upgraded: { protocol, closeCode } };
  }
  const wrong = edgeCase.id === 'unauthorized';
  const ws = new WebSocket(url, [EDGE_PROTOCOL], {
    headers: { Authorization: wrong ? basic(identity, 'not-the-edge-password') : authorization },
  });
  return new Promise<EdgeOutcome>((resolve, reject) => {
    ws.once('unexpected-response', (_req: IncomingMessage, res: IncomingMessage) => {
      res.resume();
      const challenge = res.headers['www-authenticate'];
      resolve({ refused: { status: res.statusCode ?? 0, challenge } });
      ws.terminate();
    });
    ws.once('error', reject);
    ws.once('open', () => {
      if (wrong) reject(new Error('a wrong password was accepted'));
      else watch(ws, edgeCase).then(resolve, reject);
    });
  });
}

/** What one of our clients reports back from the edge program (see the client harnesses). */
export interface EdgeClientReport {
  /** connect() rejected with this ConnectError. */
  readonly connectError?: { readonly status: number | undefined; readonly retryable: boolean };
}

/** A running {@link startEdgeServer}. */
export interface EdgeServer {
  /** The endpoint to give our clients, e.g. `ws://127.0.0.1:9000/ocpp` (identity appended by them). */
  readonly url: string;
  /**
   * Plays `edgeCase` against the client `run` connects (as `EDGE-<id>`, to {@link url}) and
   * returns the outcome: what came over the wire, or the client's ConnectError.
   */
  play(edgeCase: EdgeCase, run: () => Promise<EdgeClientReport>): Promise<EdgeOutcome>;
  close(): Promise<void>;
}

/**
 * A raw `ws` server on 127.0.0.1 that plays the table against our clients. The identity in the
 * path names the case: `unauthorized` gets 401 with a Basic challenge, `no-common-subprotocol` a
 * 101 without Sec-WebSocket-Protocol and a 1002 close, every other case an `ocpp2.0.1` upgrade
 * and the case's frames.
 */
export async function startEdgeServer(): Promise<EdgeServer> {
  const waiting = new Map<string, (ws: WebSocket) => void>();
  const wss = new WebSocketServer({
    noServer: true,
    // Clients must be able to send a frame over maxFrameBytes for the peer to see our close.
    maxPayload: 4 * EDGE_MAX_FRAME_BYTES,
    handleProtocols: (offered, req) =>
      req.url?.endsWith('/EDGE-no-common-subprotocol') ? false : offered.has(EDGE_PROTOCOL) && EDGE_PROTOCOL,
  });
  const http = createServer((_req, res) => res.writeHead(426).end());
  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const identity = (req.url ?? '').split('/').pop() ?? '';
    if (identity === 'EDGE-unauthorized') {
      socket.end(
        'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="ocpp", charset="UTF-8"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (identity === 'EDGE-no-common-subprotocol') ws.close(1002, 'No common subprotocol');
      else waiting.get(identity)?.(ws);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ocpp`,
    async play(edgeCase, run) {
      const identity = edgeIdentity(edgeCase);
      const connected = new Promise<WebSocket>((resolve) => waiting.set(identity, resolve));
      const report = run();
      const first = await Promise.race([connected, report.then((r) => ({ report: r }))]);
      if (!(first instanceof WebSocket)) {
        waiting.delete(identity);
        if (first.report.connectError) return { connectError: first.report.connectError };
        throw new Error(
          `${edgeCase.id}: the client neither connected nor failed to: ${JSON.stringify(first)}`,
        );
      }
      waiting.delete(identity);
      const outcome = await watch(first, edgeCase);
      // The client's program ends once its connection closed; a report with an error is a failure.
      const { connectError } = await report;
      if (connectError)
        throw new Error(
          `${edgeCase.id}: the client failed after connecting: ${JSON.stringify(connectError)}`,
        );
      return outcome;
    },
    close: () => closeWsServer(http, wss),
  };
}
