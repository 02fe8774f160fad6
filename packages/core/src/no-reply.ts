/**
 * Return this from a handler to send no response at all — e.g. a test rig that simulates a
 * station dropping a request. The caller on the other side will time out.
 *
 * @example
 * ```ts
 * station.handle('Reset', () => NO_REPLY);
 * ```
 */
export const NO_REPLY: unique symbol = Symbol.for('ocpp-ws-io.no-reply');
export type NoReply = typeof NO_REPLY;
