// The Deno adapter: an OCPPClient and an OCPPServer bound to Deno's WebSocket, Deno.serve and
// Deno.upgradeWebSocket. The whole core API is re-exported (one surface in every runtime package),
// so one import suffices; the adapter's own OCPPClient and OCPPServer take the core's names.
export * from '@ocpp-ws-io/core';
export { OCPPClient, type OCPPClientOptions } from './client.js';
export { type DenoConnectorOptions, type DenoWebSocketConstructor, denoConnector } from './connector.js';
export type { DenoHandler, DenoHttpServerLike, DenoLike, ServeInfoLike } from './deno.js';
export { OCPPServer, type OCPPServerOptions, type ServeHandle, type ServeOptions } from './server.js';
export type { WebSocketLike, WebSocketLikeEvents } from './socket.js';
export { DenoSocketTransport } from './transport.js';
export { allValidators } from './validators.js';
