// The OCPP 1.6 CSMS suite: every documented case of the catalogue, automated or listed as manual
// with the reason.

import type { Suite } from '../suite.js';
import { CATALOGUE_16 } from './catalogue.js';
import { CORE_16 } from './core.js';
import { FIRMWARE_16 } from './firmware.js';
import { LOCAL_AUTH_16 } from './local-auth.js';
import { RESERVATION_16 } from './reservation.js';
import { MANUAL_16, SECURITY_16 } from './security.js';
import { SMART_CHARGING_16 } from './smart-charging.js';
import { TRIGGER_16 } from './trigger.js';

/**
 * The OCPP 1.6 CSMS test suite.
 *
 * @example
 * ```ts
 * console.log(OCPP16_SUITE.scenarios.map((s) => s.id));
 * ```
 */
export const OCPP16_SUITE: Suite = {
  protocol: 'ocpp1.6',
  catalogue: CATALOGUE_16,
  scenarios: [
    ...CORE_16,
    ...LOCAL_AUTH_16,
    ...FIRMWARE_16,
    ...RESERVATION_16,
    ...TRIGGER_16,
    ...SMART_CHARGING_16,
    ...SECURITY_16,
  ],
  manual: MANUAL_16,
};
