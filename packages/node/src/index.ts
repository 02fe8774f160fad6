/**
 * @ocpp-ws-io/node — OCPP-J on Node.js. Re-exports the whole core API, with `OCPPClient` and
 * `OCPPServer` bound to `ws`.
 */
export * from '@ocpp-ws-io/core';
export { OCPPClient, type OCPPClientOptions, type ClientTLSOptions, nodeConnector } from './client.js';
export { OCPPServer, type OCPPServerOptions, type ListenInfo } from './server.js';
export { WsTransport, type KeepAliveOptions } from './ws-transport.js';
export { ALL_VALIDATORS } from './defaults.js';
