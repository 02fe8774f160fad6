// Critical security events (OCPP 1.6 security whitepaper §8; A04.FR.01: "the Charge Point SHALL
// inform the Central System" of them) pushed with SecurityEventNotification.

import type { Ocpp16 } from './profile.js';

/** The critical events this station can raise. */
export type CriticalSecurityEvent = 'StartupOfTheDevice' | 'ResetOrReboot' | 'FirmwareUpdated';

/** Sends a critical security event now (unless the station was told not to). */
export function securityEvent(p: Ocpp16, type: CriticalSecurityEvent, techInfo?: string): void {
  if (p.ctx.behaviour.securityEvents === false) return;
  void p.send('SecurityEventNotification', {
    type,
    timestamp: new Date(p.ctx.clock.now()).toISOString(),
    ...(techInfo ? { techInfo } : {}),
  });
}
