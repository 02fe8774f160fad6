/**
 * @ocpp-ws-io/browser — OCPP-J charging stations in the browser. `OCPPClient` presets every
 * version's validators (strict mode works out of the box); `@ocpp-ws-io/browser/lite` is the
 * same client without them. Re-exports the core API.
 */
export * from '@ocpp-ws-io/core';
export { defineValidators } from '@ocpp-ws-io/schemas';
export { authenticatedUrl, type BrowserAuthOptions } from './auth-url.js';
export { OCPPClient, type OCPPClientOptions } from './client.js';
export { type BrowserConnectorOptions, browserConnector } from './connector.js';
export { type IDBFactoryLike, IndexedDBMessageStore } from './indexeddb-store.js';
export type { CloseEventLike, MessageEventLike, WebSocketConstructorLike, WebSocketLike } from './like.js';
export type { LiteClientOptions } from './lite-client.js';
export type { BrowserClientBaseOptions } from './options.js';
export { BrowserTransport } from './transport.js';
export { ALL_VALIDATORS } from './validators.js';
