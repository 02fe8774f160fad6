import type { AcceptedHandshake, Handshake, OCPPProtocol } from '@ocpp-ws-io/core';

/** What survives hibernation with each socket (the Hibernation API's per-socket attachment). */
export interface StationAttachment {
  /** Format version, so a deploy with a new shape can recognise old sockets. */
  readonly v: 1;
  /** Socket id, unique within the object: pairs runtime socket wrappers with transports. */
  readonly sid: string;
  readonly identity: string;
  readonly protocol: OCPPProtocol;
  readonly session: Record<string, unknown>;
  readonly path: string;
  readonly offeredProtocols: readonly string[];
  readonly username: string | undefined;
  readonly remoteAddress: string | undefined;
  /** Epoch milliseconds of the upgrade. */
  readonly connectedAt: number;
}

/**
 * The runtime refuses attachments larger than this (runtime-notes §1, checked on workerd).
 *
 * @example
 * ```ts
 * const fits = new TextEncoder().encode(JSON.stringify(session)).byteLength < MAX_ATTACHMENT_BYTES - 1024;
 * ```
 */
export const MAX_ATTACHMENT_BYTES = 16_384;

/**
 * The session the auth callback returned does not fit into a socket attachment, so it could
 * not survive hibernation. The station is refused with 500 before the upgrade, and the message
 * is logged with `console.error`.
 *
 * @example
 * ```ts
 * // In authenticate(): keep big data in storage, only its key in the session.
 * await this.ctx.storage.put(`profile:${identity}`, bigProfile);
 * return { accept: true, session: { profileKey: `profile:${identity}` } };
 * ```
 */
export class SessionTooLargeError extends Error {
  readonly code = 'SessionTooLarge';
  constructor(readonly bytes: number) {
    super(
      `The station's session needs about ${bytes} bytes, more than the ${MAX_ATTACHMENT_BYTES}-byte WebSocket attachment limit: keep large state in Durable Object storage and only a key in the session`,
    );
    this.name = 'SessionTooLargeError';
  }
}

/**
 * Builds the attachment of an accepted station. Credentials, headers and query are left out on
 * purpose: they are for the handshake, and the attachment lives as long as the socket.
 * Throws {@link SessionTooLargeError} when it would not fit.
 */
export function toAttachment(accepted: AcceptedHandshake, sid: string, now: number): StationAttachment {
  const { handshake } = accepted;
  const attachment: StationAttachment = {
    v: 1,
    sid,
    identity: accepted.identity,
    protocol: accepted.protocol,
    session: accepted.session,
    path: handshake.path,
    offeredProtocols: handshake.offeredProtocols,
    username: handshake.username,
    remoteAddress: handshake.remoteAddress,
    connectedAt: now,
  };
  // JSON in UTF-8 is a close upper bound of the structured-clone size for JSON-like data; the
  // runtime's own check still runs in serializeAttachment for anything this misses.
  let bytes: number;
  try {
    bytes = new TextEncoder().encode(JSON.stringify(attachment)).byteLength;
  } catch {
    bytes = 0; // not JSON-able (Map, Date with cycles…): leave it to the runtime's check
  }
  if (bytes > MAX_ATTACHMENT_BYTES) throw new SessionTooLargeError(bytes);
  return attachment;
}

/** Reads an attachment back; undefined for sockets this package did not accept. */
export function fromAttachment(value: unknown): StationAttachment | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const a = value as Partial<StationAttachment>;
  return a.v === 1 && typeof a.sid === 'string' && typeof a.identity === 'string'
    ? (a as StationAttachment)
    : undefined;
}

const NO_HEADERS = { get: () => null };

/** Rebuilds the accepted handshake of a socket that outlived its Durable Object instance. */
export function toAcceptedHandshake<TProtocol extends OCPPProtocol>(
  attachment: StationAttachment,
): AcceptedHandshake<TProtocol> {
  const handshake: Handshake = {
    identity: attachment.identity,
    path: attachment.path,
    offeredProtocols: attachment.offeredProtocols,
    protocol: attachment.protocol,
    username: attachment.username,
    password: undefined,
    remoteAddress: attachment.remoteAddress,
    clientCertificate: undefined,
    headers: NO_HEADERS,
    searchParams: new URLSearchParams(),
  };
  return {
    ok: true,
    identity: attachment.identity,
    protocol: attachment.protocol as TProtocol,
    session: attachment.session,
    handshake,
    headers: { 'Sec-WebSocket-Protocol': attachment.protocol },
  };
}
