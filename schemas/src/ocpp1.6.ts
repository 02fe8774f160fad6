// OCPP 1.6: one const per action (`ActionSchemas`), the valibot schemas, the payload types,
// the `Actions` type map and `validators` (all actions). Import single actions to ship fewer.
export * from './generated/ocpp1.6/index.js';
