// ChangeConfiguration (§5.3), GetConfiguration (§5.8), DataTransfer (§5.6).

import type { ConfigChangeStatus } from '../../profile.js';
import { changeConfiguration, KEYS_16, keyDefinition } from '../config.js';
import type { Ocpp16 } from '../profile.js';

/** ChangeConfiguration's rules and effects; a local change (VirtualStation.configure) goes here too. */
export function applyConfiguration(p: Ocpp16, key: string, value: string): ConfigChangeStatus {
  const { ctx } = p;
  const status = changeConfiguration(ctx.state.config, key, value);
  if (status === 'Accepted') {
    // Keys that drive timers take effect at once.
    if (key === 'HeartbeatInterval') p.bootSequence.scheduleHeartbeat();
    if (key === 'MeterValueSampleInterval')
      for (const c of ctx.state.connectors) p.sessions.tx.scheduleSampling(c);
    if (key === 'ClockAlignedDataInterval') p.meterClock.schedule();
  }
  // The security whitepaper's password rotation: the new AuthorizationKey is the Basic-auth password
  // from the next connection on (it answers RebootRequired; the reboot reconnects with it).
  if (key === 'AuthorizationKey' && (status === 'Accepted' || status === 'RebootRequired'))
    ctx.client.setPassword(value);
  return status;
}

export function configurationHandlers(p: Ocpp16): Array<() => void> {
  const { ctx } = p;
  return [
    p.handle('ChangeConfiguration', ({ key, value }) => ({ status: applyConfiguration(p, key, value) })),
    p.handle('GetConfiguration', ({ key }) => {
      const wanted = key && key.length > 0 ? key : KEYS_16.map((d) => d.key);
      const configurationKey: Array<{ key: string; readonly: boolean; value?: string }> = [];
      const unknownKey: string[] = [];
      for (const k of wanted) {
        const d = keyDefinition(k);
        if (!d) unknownKey.push(k);
        // Write-only keys are listed without their value (whitepaper: AuthorizationKey is write-only).
        else
          configurationKey.push({
            key: k,
            readonly: !!d.readonly,
            ...(d.writeOnly ? {} : { value: ctx.state.config[k] ?? '' }),
          });
      }
      return { configurationKey, ...(unknownKey.length > 0 ? { unknownKey } : {}) };
    }),
    p.handle('DataTransfer', async (request) => {
      const answer = ctx.behaviour.dataTransfer;
      // "If the recipient of the request has no implementation for the specific vendorId it SHALL
      // return a status 'UnknownVendor'" (§4.3).
      if (!answer) return { status: 'UnknownVendorId' };
      const { status, data } = await answer(request);
      return { status, ...(data !== undefined ? { data } : {}) };
    }),
  ];
}
