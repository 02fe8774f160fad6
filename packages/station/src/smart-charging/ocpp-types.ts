// The OCPP message types the conversions read and write, from @ocpp-ws-io/schemas (types only, so
// this module loads nothing from the schemas package at runtime).
//
// The one place this module names the schemas package (the station's package.json depends on it,
// so its own build resolves these to the schemas' published types).
import type * as Ocpp16 from '@ocpp-ws-io/schemas/ocpp1.6';
import type * as Ocpp201 from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type * as Ocpp21 from '@ocpp-ws-io/schemas/ocpp2.1';

export type { Ocpp16, Ocpp21, Ocpp201 };

/** The 2.x versions whose profile shapes {@link fromOcpp2x} and the 2.x writers handle. */
export type Ocpp2xProtocol = 'ocpp2.0.1' | 'ocpp2.1';

/** Any OCPP version this module speaks. */
export type OcppProtocol = 'ocpp1.6' | Ocpp2xProtocol;
