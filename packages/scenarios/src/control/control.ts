// The CSMS-side hook. Many test cases start with the CSMS doing something (sending
// RemoteStartTransaction, Reset, ReserveNow…); OCTT asks an operator to make the CSMS do it. A
// run that is given a CsmsControl does it by program instead; a run without one marks those
// cases not applicable.

import type { OCPPProtocol } from '@ocpp-ws-io/core';

/**
 * What a scenario asks of the CSMS: send `action` to station `identity`. `params` is the request
 * the scenario suggests; a control that can make its CSMS choose (an admin command, a UI) should
 * let it, since the case then checks what the CSMS chose. `intent` names the operator's action
 * where the action alone does not say it (e.g. `rotatePassword`).
 *
 * @example
 * ```ts
 * const request: TriggerRequest = { identity: 'CP-1', protocol: 'ocpp1.6', action: 'Reset', params: { type: 'Soft' }, caseId: 'TC_013_CSMS' };
 * ```
 */
export interface TriggerRequest {
  readonly identity: string;
  readonly protocol: OCPPProtocol;
  readonly action: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly intent?: string;
  /** The scenario asking. */
  readonly caseId: string;
}

/**
 * Makes the CSMS under test send calls. Resolve once the CSMS has been asked (it may still be
 * waiting for the station's answer); reject with a message a person understands when it cannot.
 *
 * @example
 * ```ts
 * const control: CsmsControl = {
 *   name: 'my CSMS admin API',
 *   async trigger({ identity, action, params }) {
 *     const res = await fetch(`https://csms.example/admin/${identity}/${action}`, { method: 'POST', body: JSON.stringify(params) });
 *     if (!res.ok) throw new Error(`admin API answered ${res.status}`);
 *   },
 * };
 * ```
 */
export interface CsmsControl {
  /** For reports: "the demo Worker's API at http://127.0.0.1:8787". */
  readonly name: string;
  trigger(request: TriggerRequest): Promise<void>;
}
