import type { OCPPProtocol } from '@ocpp-ws-io/core';
import type { ProfileFactory } from './profile.js';
import { createOcpp16Profile } from './v16/profile.js';

/**
 * The built-in profiles, by negotiated protocol. OCPP 2.0.1 and 2.1 are added here by `v2/`
 * once written; until then a station whose client agreed on them fails to start with
 * {@link NoProfileError}.
 *
 * @example
 * ```ts
 * const supported = Object.keys(DEFAULT_PROFILES); // ['ocpp1.6']
 * ```
 */
export const DEFAULT_PROFILES: Partial<Record<OCPPProtocol, ProfileFactory>> = {
  'ocpp1.6': createOcpp16Profile,
};

/**
 * The client agreed on a protocol the station has no profile for.
 *
 * @example
 * ```ts
 * try { await station.start(); } catch (e) { if (e instanceof NoProfileError) console.log(e.protocol); }
 * ```
 */
export class NoProfileError extends Error {
  override readonly name = 'NoProfileError';
  constructor(
    readonly protocol: OCPPProtocol,
    available: readonly string[],
  ) {
    super(
      `VirtualStation has no profile for ${protocol} yet (it has: ${available.join(', ') || 'none'}). ` +
        `Offer only those in the client's protocols, or pass one in the profiles option.`,
    );
  }
}
