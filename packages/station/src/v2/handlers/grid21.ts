// OCPP 2.1 energy management: SetDERControl / GetDERControl / ClearDERControl (block R),
// UpdateDynamicSchedule (dynamic profiles), UsePriorityCharging, NotifyAllowedEnergyTransfer
// and AFRRSignal.

import type { ChargingProfile } from '../../smart-charging/index.js';
import type { Ocpp2 } from '../profile.js';
import { limitsChanged } from '../smart-charging.js';

/** The AC modes the virtual EVSEs can deliver. */
const AC_MODES = ['AC_single_phase', 'AC_two_phase', 'AC_three_phase'];

export function gridHandlers21(p: Ocpp2): Array<() => void> {
  const { ctx } = p;
  const running = (transactionId: string) =>
    ctx.state.connectors.find((c) => c.transaction?.id === transactionId);
  return [
    p.handle21('SetDERControl', (request) => p.der.set(request)),
    p.handle21('GetDERControl', (request) => ({ status: p.der.get(request) })),
    p.handle21('ClearDERControl', (request) => ({ status: p.der.clear(request) })),
    p.handle21('UpdateDynamicSchedule', ({ chargingProfileId, scheduleUpdate }) => {
      const profile = ctx.state.chargingProfiles.find((x) => x.id === chargingProfileId);
      if (!profile) return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownProfile' } };
      if (profile.kind !== 'Dynamic') return { status: 'Rejected', statusInfo: { reasonCode: 'NotDynamic' } };
      const [schedule, ...others] = profile.schedules;
      const [period, ...rest] = schedule?.periods ?? [];
      if (!schedule || !period) return { status: 'Rejected', statusInfo: { reasonCode: 'NoPeriod' } };
      const { limit, customData: _customData, ...values } = scheduleUpdate;
      // A dynamic profile's values are the first period's; those the model does not use travel as extras.
      const updated: ChargingProfile = {
        ...profile,
        extras: { ...profile.extras, dynUpdateTime: p.iso() },
        schedules: [
          {
            ...schedule,
            periods: [
              {
                ...period,
                ...(limit !== undefined ? { limit } : {}),
                extras: { ...period.extras, ...values },
              },
              ...rest,
            ],
          },
          ...others,
        ],
      };
      ctx.state.chargingProfiles = ctx.state.chargingProfiles.map((x) => (x === profile ? updated : x));
      limitsChanged(p);
      return { status: 'Accepted' };
    }),
    p.handle21('UsePriorityCharging', ({ transactionId, activate }) => {
      const c = running(transactionId);
      if (!c?.transaction) return { status: 'Rejected', statusInfo: { reasonCode: 'TxNotFound' } };
      const hasProfile = ctx.state.chargingProfiles.some(
        (x) => x.purpose === 'PriorityCharging' && (x.evseId === c.id || x.evseId === 0),
      );
      if (activate && !hasProfile) return { status: 'NoProfile' };
      p.sessions.tx.record(c.transaction).priority = activate;
      limitsChanged(p);
      return { status: 'Accepted' };
    }),
    p.handle21('NotifyAllowedEnergyTransfer', ({ transactionId, allowedEnergyTransfer }) => {
      const c = running(transactionId);
      if (!c?.transaction) return { status: 'Rejected', statusInfo: { reasonCode: 'TxNotFound' } };
      p.sessions.tx.record(c.transaction).allowedEnergyTransfer = [...allowedEnergyTransfer];
      return allowedEnergyTransfer.some((m) => AC_MODES.includes(m))
        ? { status: 'Accepted' }
        : { status: 'Rejected', statusInfo: { reasonCode: 'NoSupportedMode' } };
    }),
    p.handle21('AFRRSignal', ({ timestamp, signal }) => {
      // Only a profile following a v2xSignalWattCurve takes aFRR signals.
      const follows = ctx.state.chargingProfiles.some((x) =>
        x.schedules.some((s) => s.periods.some((period) => period.extras?.v2xSignalWattCurve !== undefined)),
      );
      if (!follows) return { status: 'Rejected', statusInfo: { reasonCode: 'NoAFRRProfile' } };
      p.data.afrrSignal = { atMs: Date.parse(timestamp), signal };
      return { status: 'Accepted' };
    }),
  ];
}
