// The schema validators the conversion tests check payloads against. Imported from the schemas
// workspace sources by path: packages/station has no package.json (and so no dependency on
// @ocpp-ws-io/schemas) in this branch; see src/smart-charging/ocpp-types.ts.
export { validate } from '../../../../schemas/src/index.js';
export * as v16 from '../../../../schemas/src/ocpp1.6.js';
export * as v201 from '../../../../schemas/src/ocpp2.0.1.js';
export * as v21 from '../../../../schemas/src/ocpp2.1.js';
