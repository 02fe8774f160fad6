import type { OCPPError } from './errors.js';
import type { FrameFault, Payload } from './frames.js';
import type { OCPPProtocol } from './protocol.js';
import type { CloseInfo } from './transport.js';

/** Events of a connection (client or station). `on()` returns the function that removes the listener. */
export type ConnectionEvents = {
  /** The connection is open and the subprotocol agreed. */
  open: (event: { readonly protocol: OCPPProtocol }) => void;
  /** The connection closed for good (whoever closed it; a client that reconnects emits `disconnect` instead). */
  close: (event: CloseInfo) => void;
  /** A client lost its connection and will reconnect. */
  disconnect: (event: CloseInfo) => void;
  /** A client schedules reconnection attempt `attempt` (1-based) after `delayMs`. */
  reconnecting: (event: { readonly attempt: number; readonly delayMs: number }) => void;
  /** A transport or connect error; the connection may close after it. */
  error: (error: Error) => void;
  /** Every frame in or out, as text: for logs and live views. */
  message: (event: { readonly direction: 'in' | 'out'; readonly data: string }) => void;
  /** An inbound frame that broke the framing rules or its schema. */
  badMessage: (event: { readonly data: string; readonly error: OCPPError | FrameFault }) => void;
  /** A handler threw or returned an invalid response (what the peer saw is in `code`). */
  handlerError: (event: {
    readonly action: string;
    readonly messageId: string;
    readonly error: unknown;
  }) => void;
  /**
   * A durable message was given up: the CSMS answered it with an error `attempts` times
   * (OCPP 1.6 §3.7.1), or its payload can never be sent. It has been removed from the store.
   */
  undeliverable: (event: {
    readonly action: string;
    readonly params: unknown;
    readonly attempts: number;
    readonly error: unknown;
  }) => void;
  /** A durable message restored from the store (made before a restart) was delivered. */
  delivered: (event: {
    readonly action: string;
    readonly params: unknown;
    readonly response: unknown;
  }) => void;
  /** The peer rejected one of our CALLRESULTs (2.1 CALLRESULTERROR). */
  callResultError: (event: {
    readonly messageId: string;
    readonly code: string;
    readonly description: string;
    readonly details: Payload;
  }) => void;
};
