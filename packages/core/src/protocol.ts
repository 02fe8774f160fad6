import type { OCPPProtocol } from '@ocpp-ws-io/schemas';

export type { OCPPProtocol };

/** OCPP-J message type numbers (OCPP-J 1.6 §4.1.3, 2.0.1 §4.1.3, 2.1 §4.1.3). */
export const CALL = 2;
export const CALLRESULT = 3;
export const CALLERROR = 4;
/** 2.1 only: rejects a CALLRESULT the receiver could not process (OCPP-J 2.1 §4.2.3). */
export const CALLRESULTERROR = 5;
/** 2.1 only: an unconfirmed message that gets no response (OCPP-J 2.1 §4.2.4). */
export const SEND = 6;

/** Every subprotocol this library speaks, newest first. */
export const PROTOCOLS: readonly OCPPProtocol[] = ['ocpp2.1', 'ocpp2.0.1', 'ocpp1.6'];

export function isOCPPProtocol(value: string): value is OCPPProtocol {
  return value === 'ocpp1.6' || value === 'ocpp2.0.1' || value === 'ocpp2.1';
}

/** Message ids are strings of at most 36 characters (OCPP-J 1.6 §4.1.4, 2.x §4.1.4). */
export const MAX_MESSAGE_ID_LENGTH = 36;
