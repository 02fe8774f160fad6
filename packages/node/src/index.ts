/**
 * @ocpp-ws-io/node — OCPP-J on Node.js. Re-exports the whole core API, with `OCPPClient` and
 * `OCPPServer` bound to `ws`.
 */
export * from '@ocpp-ws-io/core';
export { type ClientTLSOptions, nodeConnector, OCPPClient, type OCPPClientOptions } from './client.js';
export { ALL_VALIDATORS } from './defaults.js';
export { FileMessageStore, type FileMessageStoreOptions } from './file-store.js';
export * from './relay/index.js';
export { type ListenInfo, OCPPServer, type OCPPServerOptions } from './server.js';
export { type KeepAliveOptions, WsTransport } from './ws-transport.js';
