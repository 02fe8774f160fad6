// The OCPP message types the conversions read and write, from @ocpp-ws-io/schemas (types only, so
// this module loads nothing from the schemas package at runtime).
//
// The one place this module names the schemas package. It imports the workspace sources by
// relative path because packages/station has no package.json yet (it lands with the station
// itself); once that package depends on "@ocpp-ws-io/schemas": "workspace:*", these three paths
// become '@ocpp-ws-io/schemas/ocpp1.6', '/ocpp2.0.1' and '/ocpp2.1', and nothing else changes.
import type * as Ocpp16 from '../../../../schemas/src/ocpp1.6.js';
import type * as Ocpp201 from '../../../../schemas/src/ocpp2.0.1.js';
import type * as Ocpp21 from '../../../../schemas/src/ocpp2.1.js';

export type { Ocpp16, Ocpp21, Ocpp201 };

/** The 2.x versions whose profile shapes {@link fromOcpp2x} and the 2.x writers handle. */
export type Ocpp2xProtocol = 'ocpp2.0.1' | 'ocpp2.1';

/** Any OCPP version this module speaks. */
export type OcppProtocol = 'ocpp1.6' | Ocpp2xProtocol;
