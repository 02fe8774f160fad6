// Which passwords a station may have, by the engine's rules (`passwordProblem`, the same as
// docs/security.md): OCPP 1.6 — 16–20 bytes, or the AuthorizationKey's 32–40 hexadecimal digits
// (security whitepaper ed. 2, A00.FR.205); 2.0.1 — BasicAuthPassword, 16–40 characters.
import { type OCPPProtocol, passwordProblem } from '@ocpp-ws-io/cloudflare';

/** The protocols the example serves, whose rules a credential set through the API must meet. */
const SERVED: readonly OCPPProtocol[] = ['ocpp2.0.1', 'ocpp1.6'];

/** Why `password` cannot be used on `protocol`; undefined when it can. */
export function passwordProblemOn(password: string, protocol: OCPPProtocol): string | undefined {
  const problem = passwordProblem(password, protocol);
  // 1.6 stations may also present the AuthorizationKey in its hexadecimal form.
  if (problem && protocol === 'ocpp1.6' && !passwordProblem(password, protocol, { hex: true }))
    return undefined;
  return problem;
}

/**
 * Why `password` cannot be a station's credential, or undefined when it works on at least one
 * protocol the example serves (the operator may set it before the station ever connected).
 */
export function credentialProblem(password: unknown): string | undefined {
  if (typeof password !== 'string') return 'password must be a string';
  const problems = SERVED.map((p) => passwordProblemOn(password, p));
  return problems.some((p) => p === undefined) ? undefined : problems.join('; ');
}
