// Rotating a station's password the way the specs define it: the CSMS sends the new password to
// the connected station and switches to it once the station accepts.
//
// - OCPP 1.6 security whitepaper ed. 2, A01: ChangeConfiguration of `AuthorizationKey`
//   (A01.FR.02). 2.0.1 Part 2, A01: SetVariables of `SecurityCtrlr.BasicAuthPassword` (A01.FR.02).
// - Accepted: "the Central System SHALL assume that the authorization key change was successful,
//   and no longer accept the credentials previously used" (1.6 A01.FR.03; 2.0.1 A01.FR.03 alike).
//   The station then disconnects and reconnects with the new password (A01 scenario, steps 3–4).
// - Anything else: the station keeps its old password, and so does the CSMS (1.6 A01.FR.04).
import type { OCPPProtocol } from '@ocpp-ws-io/cloudflare';

/** One OCPP call that sets the station's Basic-auth password. */
export interface PasswordCall {
  readonly action: 'ChangeConfiguration' | 'SetVariables';
  readonly params: Record<string, unknown>;
}

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}

function randomBase64Url(bytes: number): string {
  let text = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(bytes))) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A new random password for a station on `protocol` (A01.FR.07: "generated randomly"):
 * 1.6 — 20 random bytes as 40 hexadecimal digits, the AuthorizationKey's form (A00.FR.205), which
 * the station then sends as its Basic-auth password, as the whitepaper's header example shows
 * (`<ChargePointId>:<AuthorizationKey>`); 2.x — 24 random bytes as 32 base64url characters
 * (BasicAuthPassword: 16–40 characters; letters, digits, `-` and `_` only).
 */
export function newStationPassword(protocol: OCPPProtocol): string {
  return protocol === 'ocpp1.6' ? randomHex(20) : randomBase64Url(24);
}

/** The call that hands `password` to the station. */
export function passwordCall(protocol: OCPPProtocol, password: string): PasswordCall {
  if (protocol === 'ocpp1.6') {
    return { action: 'ChangeConfiguration', params: { key: 'AuthorizationKey', value: password } };
  }
  return {
    action: 'SetVariables',
    params: {
      setVariableData: [
        {
          component: { name: 'SecurityCtrlr' },
          variable: { name: 'BasicAuthPassword' },
          attributeValue: password,
        },
      ],
    },
  };
}

/**
 * The status the station answered the password call with. `Accepted` and `RebootRequired` both
 * mean it stored the new password (it uses it from its next connection), so the CSMS switches.
 */
export function answerOf(protocol: OCPPProtocol, response: unknown): { status: string; switched: boolean } {
  const r = response as { status?: string; setVariableResult?: { attributeStatus?: string }[] };
  const status = (protocol === 'ocpp1.6' ? r.status : r.setVariableResult?.[0]?.attributeStatus) ?? 'Unknown';
  return { status, switched: status === 'Accepted' || status === 'RebootRequired' };
}

/**
 * True when a call would change the station's password behind the CSMS's back (a raw
 * ChangeConfiguration / SetVariables from the admin API): the station would then be locked out,
 * since the CSMS never stored the new password's hash. Such changes go through rotation.
 */
export function changesPassword(action: string, params: unknown): boolean {
  const p = params as {
    key?: unknown;
    setVariableData?: { component?: { name?: unknown }; variable?: { name?: unknown } }[];
  };
  if (action === 'ChangeConfiguration') return p?.key === 'AuthorizationKey';
  if (action === 'SetVariables' && Array.isArray(p?.setVariableData)) {
    return p.setVariableData.some((d) => d?.variable?.name === 'BasicAuthPassword');
  }
  return false;
}
