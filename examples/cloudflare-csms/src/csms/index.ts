/**
 * The demo CSMS's business logic, runtime-agnostic: the Cloudflare Worker runs it in a Durable
 * Object per station (state in Durable Object storage) and the playground runs the very same
 * code in the page over the in-memory transport (state in memory).
 */
export {
  buildCommand,
  COMMANDS,
  type CommandArgs,
  type CommandCall,
  type CommandName,
  isCommandName,
  VARIABLE_OF_KEY,
} from './commands.js';
export { authorizationStatus, type CsmsOptions, serveStation } from './handlers.js';
export { energyWh, sampleCount } from './meter.js';
export {
  type ConnectorSummary,
  StationRecords,
  type StationSummary,
  type TransactionRecord,
} from './model.js';
export { type CsmsStorage, MemoryStorage } from './storage.js';
