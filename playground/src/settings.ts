// The playground's settings: which CSMS, who the station is, how it authenticates. Kept in
// localStorage; query parameters override them (handy for links and tests), e.g.
// `?mode=custom&url=ws://127.0.0.1:9000/ocpp&identity=CP-7&protocol=ocpp2.0.1&speed=600&stations=5`.

export type CsmsMode = 'inpage' | 'local' | 'custom';
export type AuthMode = 'none' | 'basic' | 'query';
export type Protocol = 'ocpp1.6' | 'ocpp2.0.1' | 'ocpp2.1';

export const PROTOCOLS: readonly Protocol[] = ['ocpp1.6', 'ocpp2.0.1', 'ocpp2.1'];
/** The fleet view's bounds: one station up to a small site's worth, each with its own connection. */
export const MAX_STATIONS = 50;

export interface Settings {
  mode: CsmsMode;
  /** Used in `custom` mode; `local` mode uses {@link LOCAL_CSMS_URL}. */
  url: string;
  identity: string;
  protocol: Protocol;
  auth: AuthMode;
  password: string;
  /** Keep the password in localStorage (unencrypted; the page says so). Off: asked again after a reload. */
  rememberPassword: boolean;
  queryParam: string;
  connectors: number;
  /** Stations in the page (the fleet): the first has `identity`, the others `identity-2`, `identity-3`… */
  stations: number;
  /** Simulated seconds per real second. */
  speed: number;
  /** Reconnect on load: the station was connected when the page went away. */
  wasConnected: boolean;
}

/** The local demo CSMS (`npm start` passes its real address at build time). */
export const LOCAL_CSMS_URL: string = import.meta.env.VITE_CSMS_URL ?? 'ws://127.0.0.1:8787/ocpp';
/**
 * The Worker demo's development ENROLMENT_SECRET (the .dev.vars its start script writes), not a
 * secret: a station presenting it is enrolled on first connect, under `wrangler dev` only.
 */
const LOCAL_PASSWORD = 'dev-station-password';

const KEY = 'ocpp-playground:settings';

export function defaults(): Settings {
  return {
    // A page started by `npm start` knows its Worker; a static copy has only the in-page CSMS.
    mode: import.meta.env.VITE_CSMS_URL ? 'local' : 'inpage',
    url: LOCAL_CSMS_URL,
    identity: 'CP-1',
    protocol: 'ocpp1.6',
    auth: 'basic',
    password: LOCAL_PASSWORD,
    rememberPassword: true,
    queryParam: 'token',
    connectors: 2,
    stations: 1,
    speed: 60,
    wasConnected: false,
  };
}

export function loadSettings(search = location.search): Settings {
  let stored: Partial<Settings> = {};
  try {
    stored = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Settings>;
  } catch {
    // A corrupt entry is simply replaced.
  }
  const s: Settings = { ...defaults(), ...stored };
  const q = new URLSearchParams(search);
  const mode = q.get('mode');
  if (mode === 'inpage' || mode === 'local' || mode === 'custom') s.mode = mode;
  if (q.get('url')) s.url = q.get('url')!;
  if (q.get('identity')) s.identity = q.get('identity')!;
  const protocol = q.get('protocol');
  if (PROTOCOLS.includes(protocol as Protocol)) s.protocol = protocol as Protocol;
  const speed = Number(q.get('speed'));
  if (speed > 0) s.speed = speed;
  const connectors = Number(q.get('connectors'));
  if (connectors >= 1 && connectors <= 4) s.connectors = connectors;
  const stations = Number(q.get('stations'));
  if (Number.isInteger(stations) && stations >= 1 && stations <= MAX_STATIONS) s.stations = stations;
  return s;
}

export function saveSettings(s: Settings): void {
  // Not remembered: stored without it, so a reload starts from an empty password field.
  localStorage.setItem(KEY, JSON.stringify(s.rememberPassword ? s : { ...s, password: '' }));
}

/** The WebSocket endpoint for the mode (the in-page CSMS needs a well-formed URL too). */
export function endpointOf(s: Settings): string {
  if (s.mode === 'inpage') return 'ws://in-page.invalid/ocpp';
  return s.mode === 'local' ? LOCAL_CSMS_URL : s.url.trim();
}

/** The identity of the fleet's station number `n` (1-based): the first keeps the configured one. */
export function identityOf(s: Pick<Settings, 'identity'>, n: number): string {
  return n === 1 ? s.identity : `${s.identity}-${n}`;
}

/** The protocol's name as the OCPP documents write it. */
export function protocolLabel(protocol: string): string {
  return protocol.replace(/^ocpp/, 'OCPP ');
}

/** Who the page talks to, in words: the header's indicator. */
export function describeTarget(s: Settings): { title: string; detail: string } {
  if (s.mode === 'inpage') {
    return {
      title: 'In-page demo CSMS',
      detail: 'runs inside this tab; no server, nothing leaves your browser',
    };
  }
  if (s.mode === 'local') {
    return { title: 'Local demo CSMS', detail: `Cloudflare Worker in workerd at ${LOCAL_CSMS_URL}` };
  }
  return { title: 'Custom CSMS', detail: s.url.trim() || '(no URL yet)' };
}

/** The local Worker's admin page, next to its OCPP endpoint. */
export function adminUrlOf(wsUrl: string): string | undefined {
  try {
    const u = new URL(wsUrl);
    u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
    return `${u.origin}/`;
  } catch {
    return undefined;
  }
}
