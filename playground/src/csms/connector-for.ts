// How the page reaches the CSMS of the settings: the connector and the password a client needs.
// Shared by the stations and by trace replay, so both connect the same way.
import { browserConnector, type Connector } from '@ocpp-ws-io/browser';
import type { Settings } from '../settings.js';

/** The in-page CSMS's in-memory connector, or the page's WebSocket (with the query-token option). */
export function connectorFor(s: Settings, inPage: () => Connector): Connector {
  if (s.mode === 'inpage') return inPage();
  return browserConnector(s.auth === 'query' ? { authQueryParam: s.queryParam } : {});
}

/** The Basic-auth password to send, if any (the in-page CSMS welcomes every station). */
export function passwordFor(s: Settings): string | undefined {
  return s.mode !== 'inpage' && s.auth !== 'none' && s.password ? s.password : undefined;
}
