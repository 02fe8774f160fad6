// What a run needs from the person: the CSMS, the station's identity and password, the optional
// admin API (the CSMS control), and the cases. Defaults: the local demo CSMS of `npm start`;
// query parameters override them (links and tests), e.g.
// `?url=ws://127.0.0.1:9000/ocpp&protocol=ocpp2.0.1&cases=TC_B_*&api=&timeout=10`.
import { browserConnector } from '@ocpp-ws-io/browser';
import {
  type CaseProgress,
  httpCsmsControl,
  type StepProgress,
  type SuiteRunOptions,
} from '@ocpp-ws-io/scenarios';
import { adminUrlOf, defaults, LOCAL_CSMS_URL } from '../settings.js';
import type { SuiteProtocol } from './suites.js';

/** What the form holds. */
export interface RunSetup {
  readonly protocol: SuiteProtocol;
  /** The CSMS's WebSocket URL without the identity. */
  readonly endpoint: string;
  readonly identity: string;
  /** Basic-auth password; empty for none. */
  readonly password: string;
  /** The admin API's origin (httpCsmsControl); empty: cases the CSMS must start are skipped. */
  readonly apiBase: string;
  readonly apiToken: string;
  /** Use the demo Worker's own admin commands where one fits (the CSMS picks the request). */
  readonly demoCommands: boolean;
  /** How long the CSMS may take per answer, in seconds. */
  readonly answerTimeoutS: number;
  /** Case patterns checked at first (`selects`); empty: every automated case. */
  readonly cases: string;
}

/** The admin API of the local demo CSMS (its origin), without the trailing slash. */
const localApi = (): string => adminUrlOf(LOCAL_CSMS_URL)?.replace(/\/$/, '') ?? '';

/** The form's first values: the local demo CSMS, overridden by the query string. */
export function setupDefaults(search: string): RunSetup {
  const q = new URLSearchParams(search);
  const protocol = q.get('protocol') === 'ocpp2.0.1' ? 'ocpp2.0.1' : 'ocpp1.6';
  const timeout = Number(q.get('timeout'));
  return {
    protocol,
    endpoint: q.get('url') ?? LOCAL_CSMS_URL,
    identity: q.get('identity') ?? 'CP-CSMS-TEST',
    // The Worker demo's development enrolment secret (not a secret; see settings.ts).
    password: q.get('password') ?? defaults().password,
    apiBase: q.get('api') ?? localApi(),
    apiToken: q.get('token') ?? import.meta.env.VITE_CSMS_API_TOKEN ?? '',
    demoCommands: q.get('commands') !== '0',
    answerTimeoutS: timeout > 0 ? timeout : 30,
    cases: q.get('cases') ?? '',
  };
}

/** Why the setup cannot run, or undefined when it can. */
export function setupProblem(setup: RunSetup, cases: readonly string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(setup.endpoint);
  } catch {
    return 'The CSMS URL is not a URL (e.g. ws://127.0.0.1:8787/ocpp)';
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    return 'The CSMS URL must start with ws:// or wss://';
  if (!setup.identity.trim()) return 'The station needs an identity';
  if (setup.apiBase && !setup.apiToken) return 'The admin API needs its token (or leave its URL empty)';
  if (cases.length === 0) return 'Select at least one case';
  return undefined;
}

/** The options of runSuite for `setup`: the page's WebSocket, the admin API as the CSMS control. */
export function suiteOptions(
  setup: RunSetup,
  cases: readonly string[],
  hooks: {
    readonly onCase: (p: CaseProgress) => void;
    readonly onStep: (p: StepProgress) => void;
    readonly signal: AbortSignal;
  },
): SuiteRunOptions {
  return {
    endpoint: setup.endpoint.trim(),
    identity: setup.identity.trim(),
    ...(setup.password ? { password: setup.password } : {}),
    connector: browserConnector(),
    ...(setup.apiBase
      ? {
          control: httpCsmsControl({
            baseUrl: setup.apiBase.trim(),
            token: setup.apiToken,
            commands: setup.demoCommands,
          }),
        }
      : {}),
    answerTimeoutMs: setup.answerTimeoutS * 1000,
    cases,
    ...hooks,
  };
}
