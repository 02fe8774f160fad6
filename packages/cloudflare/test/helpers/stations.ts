import { OCPPClient, type OCPPClientOptions, type OCPPProtocol } from '@ocpp-ws-io/core';
import { nodeConnector } from '@ocpp-ws-io/node';
import { validators as v16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import { validators as v201 } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { validators as v21 } from '@ocpp-ws-io/schemas/ocpp2.1';

export const PASSWORD = 'correct-horse-16b';
export const API_TOKEN = 'test-api-token';
export const validators = { 'ocpp1.6': v16, 'ocpp2.0.1': v201, 'ocpp2.1': v21 } as const;

/** A strict core client on Node `ws`, as a real station on loopback. */
export function nodeStation<P extends OCPPProtocol>(
  wsUrl: string,
  identity: string,
  protocols: readonly P[],
  options: Partial<OCPPClientOptions<P>> = {},
): OCPPClient<P> {
  return new OCPPClient<P>({
    endpoint: `${wsUrl}/ocpp`,
    identity,
    protocols,
    password: PASSWORD,
    connector: nodeConnector(),
    validators,
    ...options,
  });
}

/** Calls a station through the router's HTTP API. */
export async function apiCall(baseUrl: string, identity: string, action: string, params: unknown) {
  const res = await fetch(`${baseUrl}/api/stations/${encodeURIComponent(identity)}/call/${action}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${API_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
