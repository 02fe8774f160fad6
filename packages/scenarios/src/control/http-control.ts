// A CsmsControl for CSMSs built on @ocpp-ws-io/cloudflare's router, the demo Worker included:
// `POST <api>/stations/:identity/call/:action` with the params as the body and a bearer token.
// With `commands`, the demo Worker's own admin commands are used where one fits, so the CSMS
// picks the request itself (which transaction to stop, which password to hand out).

import type { CsmsControl, TriggerRequest } from './control.js';

/**
 * Options of {@link httpCsmsControl}.
 *
 * @example
 * ```ts
 * const options: HttpCsmsControlOptions = { baseUrl: 'http://127.0.0.1:8787', token: process.env.API_TOKEN!, commands: true };
 * ```
 */
export interface HttpCsmsControlOptions {
  /** The CSMS's HTTP origin, e.g. `http://127.0.0.1:8787`. */
  readonly baseUrl: string;
  /** Bearer token of its API. */
  readonly token: string;
  /** Where the station routes live (default `/api/stations`). */
  readonly apiPath?: string;
  /**
   * Use the demo Worker's admin commands (`/command/:name`, `/credential/rotate`) where one fits
   * the request, so that the CSMS chooses its parameters (default false).
   */
  readonly commands?: boolean;
  /** The fetch to use (default the global one). */
  readonly fetch?: typeof fetch;
}

interface Route {
  readonly path: string;
  readonly body: unknown;
}

const profileOf = (p: Record<string, unknown>) =>
  p.chargingProfile === undefined ? {} : { chargingProfile: p.chargingProfile };

/** The demo Worker's command for a request, when it has one (examples/cloudflare-csms/src/csms/commands.ts). */
function commandRoute(request: TriggerRequest): Route | undefined {
  const { action, params, intent } = request;
  const p = params as Record<string, unknown>;
  if (intent === 'rotatePassword') return { path: 'credential/rotate', body: {} };
  switch (action) {
    case 'RemoteStartTransaction':
      return {
        path: 'command/remoteStart',
        body: { connectorId: p.connectorId ?? 1, idTag: p.idTag, ...profileOf(p) },
      };
    case 'RequestStartTransaction': {
      const token = p.idToken as { idToken?: string } | undefined;
      return {
        path: 'command/remoteStart',
        body: { connectorId: p.evseId ?? 1, idTag: token?.idToken, ...profileOf(p) },
      };
    }
    // The CSMS picks the transaction from its own records: the case then checks it picked ours.
    case 'RemoteStopTransaction':
    case 'RequestStopTransaction':
      return { path: 'command/remoteStop', body: {} };
    default:
      return undefined;
  }
}

/**
 * A {@link CsmsControl} over an HTTP API of the @ocpp-ws-io/cloudflare router's shape (the demo
 * Worker CSMS has it): each trigger is one authenticated POST.
 *
 * @example
 * ```ts
 * const control = httpCsmsControl({ baseUrl: 'http://127.0.0.1:8787', token: 'dev-token', commands: true });
 * const report = await runSuite({ ...options, control });
 * ```
 */
export function httpCsmsControl(options: HttpCsmsControlOptions): CsmsControl {
  const base = options.baseUrl.replace(/\/+$/, '');
  const api = (options.apiPath ?? '/api/stations').replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  return {
    name: `the HTTP API at ${base}${api}`,
    async trigger(request) {
      const route = (options.commands ? commandRoute(request) : undefined) ?? {
        path: `call/${encodeURIComponent(request.action)}`,
        body: request.params,
      };
      const url = `${base}${api}/${encodeURIComponent(request.identity)}/${route.path}`;
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(route.body),
        });
      } catch (error) {
        throw new Error(`POST ${url} failed: ${(error as Error).message}`);
      }
      const text = await response.text();
      if (response.ok) return;
      // The station's own CALLERROR is an answer, not a failure of the control (502 CallError).
      let body: {
        outcome?: { error?: { type?: string; message?: string } };
        error?: { type?: string; message?: string };
      } = {};
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: reported as text below.
      }
      const error = body.outcome?.error ?? body.error;
      if (error?.type === 'CallError') return;
      throw new Error(
        `POST ${url} answered ${response.status}${error ? ` ${error.type}: ${error.message}` : `: ${text.slice(0, 200)}`}`,
      );
    },
  };
}
