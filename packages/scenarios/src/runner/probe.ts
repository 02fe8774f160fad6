// A `connect` step: a second connection under the station's identity, to see whether the CSMS
// accepts a credential (a new password, another username).

import { type Connector, OCPPClient, type OCPPProtocol } from '@ocpp-ws-io/core';
import { VALIDATORS } from './schema-check.js';

export interface ProbeOptions {
  readonly endpoint: string;
  readonly identity: string;
  readonly protocol: OCPPProtocol;
  readonly connector: Connector;
  readonly password: string | undefined;
  /** A Basic-auth username other than the identity. */
  readonly username: string | undefined;
  readonly timeoutMs: number;
}

function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Connects once, closes at once; resolves with whether the CSMS accepted, and why not. */
export async function probeConnection(options: ProbeOptions): Promise<{ accepted: boolean; why: string }> {
  const { password, username } = options;
  // Another username than the identity can only go in a header of our own (Node and Deno send
  // it; a browser cannot set WebSocket headers at all).
  const basic =
    username !== undefined && password !== undefined
      ? { Authorization: `Basic ${toBase64(`${username}:${password}`)}` }
      : undefined;
  const probe = new OCPPClient({
    endpoint: options.endpoint,
    identity: options.identity,
    protocols: [options.protocol],
    ...(basic ? { headers: basic } : password !== undefined ? { password } : {}),
    connector: options.connector,
    validators: VALIDATORS,
    reconnect: false,
    connectTimeoutMs: options.timeoutMs,
  });
  try {
    await probe.connect();
    return { accepted: true, why: '' };
  } catch (error) {
    return { accepted: false, why: (error as Error).message };
  } finally {
    await probe.close().catch(() => undefined);
  }
}
