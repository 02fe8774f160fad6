import { sendableClose } from '@ocpp-ws-io/core';
import type { RawData, WebSocket } from 'ws';
import { targetProblem } from './allow.js';
import { type PageFrame, parsePageFrame, type RelayOpenRequest, relayFrame } from './frames.js';
import type { RelaySettings } from './options.js';
import { openUpstream } from './upstream.js';

/** One station's connection to its CSMS, as the relay holds it. */
interface Channel {
  readonly identity: string;
  readonly ws: WebSocket;
  state: 'opening' | 'open' | 'closing';
}

/** Status codes retrying cannot fix: bad request, bad credentials, forbidden. */
const FATAL_STATUS = new Set([400, 401, 403]);
const ignore = () => {};

/**
 * `ws` throws for codes a program may not send and for reasons over 123 bytes: core's
 * `sendableClose` (the rule every adapter uses) turns the page's wish into a close `ws` sends —
 * an unsendable code as 1000 with the code at the front of the reason, the reason cut on a
 * character boundary.
 */
function closeSafely(ws: WebSocket, code: number, reason: string): void {
  const sendable = sendableClose(code, reason);
  ws.close(sendable.code, sendable.reason);
}

/**
 * One page's socket to the relay and the stations it carries: reads the page's frames, opens and
 * closes each station's real WebSocket to its CSMS, and forwards frames both ways. A frame it
 * cannot read gets an `error` (or, for an `open`, a `refused`) back — never a crash — and the
 * link goes on.
 *
 * @example
 * ```ts
 * // Made by startRelay() for every page that connects:
 * const link = new RelayLink(pageSocket, settings, () => links.delete(link));
 * ```
 */
export class RelayLink {
  readonly #channels = new Map<number, Channel>();
  #paused = false;
  #alive = true;
  #ended = false;
  #pinger: ReturnType<typeof setInterval> | undefined;
  readonly #flushed = () => this.#maybeResume();

  constructor(
    private readonly page: WebSocket,
    private readonly settings: RelaySettings,
    private readonly onEnd: () => void,
  ) {
    page.on('message', (data: RawData, isBinary: boolean) => this.#onPageMessage(data, isBinary));
    page.on('close', () => this.#end());
    // A close always follows an error; the error alone says nothing the close does not.
    page.on('error', ignore);
    page.on('pong', () => {
      this.#alive = true;
    });
    if (settings.pingIntervalMs > 0) {
      this.#pinger = setInterval(() => this.#ping(), settings.pingIntervalMs);
      this.#pinger.unref();
    }
  }

  /** Stations connected or connecting through this link. */
  get stations(): number {
    return this.#channels.size;
  }

  /** Bytes queued towards the page (bounded by maxBufferedBytes plus the frames in flight). */
  get bufferedBytes(): number {
    return this.page.bufferedAmount;
  }

  /** Ends the link (the relay is shutting down): every station's CSMS connection closes with 1001. */
  close(): void {
    this.page.close(1001, 'Relay shutting down');
    this.#end();
  }

  #ping(): void {
    // No pong since the last ping: the page is gone without a close (a crashed tab, a cut cable).
    if (!this.#alive) {
      this.page.terminate();
      return;
    }
    this.#alive = false;
    this.page.ping();
  }

  #onPageMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.#toPage(relayFrame('error', 0, { message: 'binary frames are not part of the relay protocol' }));
      return;
    }
    const frame = parsePageFrame(data.toString());
    if ('problem' in frame) {
      const channel = frame.channel ?? 0;
      // An open that cannot be read still names its channel: refuse it, so the station's connect
      // fails now instead of at its time-out.
      if (channel !== 0 && /^open:/.test(frame.problem) && !this.#channels.has(channel))
        this.#toPage(relayFrame('refused', channel, { message: frame.problem, retryable: false }));
      else this.#toPage(relayFrame('error', channel, { message: frame.problem }));
      return;
    }
    this.#handle(frame);
  }

  #handle(frame: PageFrame): void {
    const channel = this.#channels.get(frame.channel);
    switch (frame.kind) {
      case 'open':
        if (channel) this.#toPage(relayFrame('error', frame.channel, { message: 'channel already in use' }));
        else this.#open(frame.channel, frame.request);
        return;
      case 'send':
        if (!channel) {
          // Usually a frame that crossed the CSMS's close on the way: the page hears `closed` anyway.
          this.#toPage(relayFrame('error', frame.channel, { message: 'no station on this channel' }));
        } else if (channel.state !== 'open') {
          const message =
            channel.state === 'opening' ? 'not open: wait for opened' : 'closing: frame dropped';
          this.#toPage(relayFrame('error', frame.channel, { message }));
        } else if (channel.ws.bufferedAmount > this.settings.maxBufferedBytes) {
          this.#drop(frame.channel, channel, 'closed', {
            code: 1006,
            reason: `relay: the CSMS is not reading (${channel.ws.bufferedAmount} bytes queued)`,
          });
        } else channel.ws.send(frame.data);
        return;
      case 'close':
        if (!channel) return;
        if (channel.state === 'opening')
          this.#drop(frame.channel, channel, 'refused', { message: 'aborted by the page', retryable: false });
        else if (channel.state === 'open') {
          channel.state = 'closing';
          closeSafely(channel.ws, frame.code, frame.reason);
        }
        return;
    }
  }

  #open(id: number, request: RelayOpenRequest): void {
    const { log, maxStationsPerLink } = this.settings;
    if (this.#channels.size >= maxStationsPerLink) {
      this.#toPage(
        relayFrame('refused', id, {
          message: `the relay carries at most ${maxStationsPerLink} stations per page (maxStationsPerLink)`,
          retryable: true,
        }),
      );
      return;
    }
    const problem = targetProblem(this.settings.allowed, request.url);
    if (problem) {
      log(`relay: ${request.identity} refused: ${problem}`);
      this.#toPage(relayFrame('refused', id, { message: problem, retryable: false }));
      return;
    }
    let ws: WebSocket;
    try {
      ws = openUpstream(request, this.settings);
    } catch (error) {
      // ws throws at once on a malformed URL or protocol list.
      this.#toPage(relayFrame('refused', id, { message: (error as Error).message, retryable: false }));
      return;
    }
    const channel: Channel = { identity: request.identity, ws, state: 'opening' };
    this.#channels.set(id, channel);
    const current = () => this.#channels.get(id) === channel;
    ws.once('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      response.resume();
      log(`relay: ${request.identity} refused by the CSMS: HTTP ${status}`);
      if (current())
        this.#drop(id, channel, 'refused', {
          message: `CSMS refused the WebSocket upgrade: HTTP ${status}`,
          status,
          retryable: !FATAL_STATUS.has(status),
        });
    });
    ws.on('error', (error: Error) => {
      if (!current()) return;
      if (channel.state === 'opening') {
        // ws reports a missing or unoffered subprotocol in the CSMS's answer as an error:
        // retrying cannot help, the same CSMS will answer the same way.
        this.#drop(id, channel, 'refused', {
          message: error.message,
          retryable: !/subprotocol/i.test(error.message),
        });
      } else this.#toPage(relayFrame('error', id, { message: error.message }));
    });
    ws.once('open', () => {
      if (!current()) return;
      channel.state = 'open';
      if (this.#paused) ws.pause();
      this.#toPage(relayFrame('opened', id, { protocol: ws.protocol }));
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!current()) return;
      // OCPP-J is text (OCPP-J §4.1.2): a binary frame is reported, unread, and the page's engine
      // closes with 1003 as it would over its own socket.
      this.#toPage(isBinary ? relayFrame('binary', id, {}) : relayFrame('message', id, data.toString()));
    });
    ws.on('close', (code: number, reason: Buffer) => {
      if (!current()) return;
      this.#channels.delete(id);
      this.#toPage(relayFrame('closed', id, { code, reason: reason.toString() }));
    });
  }

  /** Ends a channel without waiting for the CSMS, and tells the page how (`refused` or `closed`). */
  #drop(id: number, channel: Channel, kind: 'refused' | 'closed', body: object): void {
    this.#channels.delete(id);
    channel.ws.removeAllListeners();
    // A late error from an abandoned socket must not become an uncaught exception.
    channel.ws.on('error', ignore);
    channel.ws.terminate();
    this.#toPage(relayFrame(kind, id, body));
  }

  #toPage(frame: string): void {
    if (this.page.readyState !== this.page.OPEN) return;
    this.page.send(frame, this.#flushed);
    // The page reads more slowly than its CSMSs write: stop reading from them until it catches up,
    // rather than queue without bound (TCP then slows the CSMSs down).
    if (!this.#paused && this.page.bufferedAmount > this.settings.maxBufferedBytes) {
      this.#paused = true;
      for (const c of this.#channels.values()) c.ws.pause();
    }
  }

  #maybeResume(): void {
    if (!this.#paused || this.page.bufferedAmount > this.settings.maxBufferedBytes / 2) return;
    this.#paused = false;
    for (const c of this.#channels.values()) c.ws.resume();
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#pinger) clearInterval(this.#pinger);
    const channels = [...this.#channels.values()];
    this.#channels.clear();
    for (const channel of channels) {
      channel.ws.removeAllListeners();
      channel.ws.on('error', ignore);
      // The page is gone, as when a station loses power: the CSMS is told it went away.
      if (channel.state === 'opening') channel.ws.terminate();
      else closeSafely(channel.ws, 1001, 'Relay link closed');
    }
    this.onEnd();
  }
}
