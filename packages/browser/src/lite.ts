/**
 * @ocpp-ws-io/browser/lite — the browser client without preset schemas: pass `validators` built
 * from the actions you use (`defineValidators`), so a CDN page ships only those. Re-exports the
 * core API so one import is enough.
 */
export * from '@ocpp-ws-io/core';
export { defineValidators } from '@ocpp-ws-io/schemas';
export { authenticatedUrl, type BrowserAuthOptions } from './auth-url.js';
export { type BrowserConnectorOptions, browserConnector } from './connector.js';
export { type IDBFactoryLike, IndexedDBMessageStore } from './indexeddb-store.js';
export type { CloseEventLike, MessageEventLike, WebSocketConstructorLike, WebSocketLike } from './like.js';
export { type LiteClientOptions, OCPPClient } from './lite-client.js';
export type { BrowserClientBaseOptions } from './options.js';
export { BrowserTransport } from './transport.js';
