import type { OCPPProtocol } from '@ocpp-ws-io/core';
import type { ProfileFactory } from './profile.js';
import { createOcpp21Profile, createOcpp201Profile } from './v2/profile.js';
import { createOcpp16Profile } from './v16/profile.js';

/**
 * The built-in profiles, by negotiated protocol: every version the library speaks. A station
 * whose client agreed on a protocol without a profile (one removed through the `profiles` option)
 * fails to start with {@link NoProfileError}.
 */
export const DEFAULT_PROFILES: Partial<Record<OCPPProtocol, ProfileFactory>> = {
  'ocpp1.6': createOcpp16Profile,
  'ocpp2.0.1': createOcpp201Profile,
  'ocpp2.1': createOcpp21Profile,
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
