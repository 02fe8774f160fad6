// The OCPP 2.0.1 CSMS suite: every documented case that needs no manual step, the others listed
// with the reason. It runs on the station's 2.0.1 profile.

import type { Suite } from '../suite.js';
import { AUTHORIZATION_201, MANUAL_AUTHORIZATION_201 } from './authorization.js';
import { CATALOGUE_201 } from './catalogue.js';
import { CERTIFICATES_201 } from './certificates.js';
import { DIAGNOSTICS_201 } from './diagnostics.js';
import { FIRMWARE_201 } from './firmware.js';
import { METER_VALUES_201 } from './meter-values.js';
import { MANUAL_PROVISIONING_201, PROVISIONING_201 } from './provisioning.js';
import { REMOTE_CONTROL_201 } from './remote-control.js';
import { MANUAL_SECURITY_201, SECURITY_201 } from './security.js';
import { TRANSACTIONS_201 } from './transactions.js';

/**
 * The OCPP 2.0.1 CSMS test suite.
 *
 * @example
 * ```ts
 * const report = await runSuite(OCPP201_SUITE, { endpoint, identity: 'CP-1', connector, control });
 * ```
 */
export const OCPP201_SUITE: Suite = {
  protocol: 'ocpp2.0.1',
  catalogue: CATALOGUE_201,
  scenarios: [
    ...SECURITY_201,
    ...PROVISIONING_201,
    ...AUTHORIZATION_201,
    ...TRANSACTIONS_201,
    ...REMOTE_CONTROL_201,
    ...METER_VALUES_201,
    ...FIRMWARE_201,
    ...CERTIFICATES_201,
    ...DIAGNOSTICS_201,
  ],
  manual: [...MANUAL_SECURITY_201, ...MANUAL_PROVISIONING_201, ...MANUAL_AUTHORIZATION_201],
};
