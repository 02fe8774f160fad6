// OCPP 2.1 tariffs (SetDefaultTariff, GetTariffs, ClearTariffs, ChangeTransactionTariff), web
// payments (NotifyWebPaymentStarted), battery swap (RequestBatterySwap) and periodic event streams
// (GetPeriodicEventStream, AdjustPeriodicEventStream).

import type { Ocpp2 } from '../profile.js';

export function commerceHandlers21(p: Ocpp2): Array<() => void> {
  const { ctx } = p;
  return [
    p.handle21('SetDefaultTariff', ({ evseId, tariff }) => ({
      status: p.tariffs.setDefault(evseId, tariff),
    })),
    p.handle21('GetTariffs', ({ evseId }) => p.tariffs.get(evseId)),
    p.handle21('ClearTariffs', ({ tariffIds, evseId }) => ({
      clearTariffsResult: p.tariffs.clear(tariffIds, evseId),
    })),
    p.handle21('ChangeTransactionTariff', ({ transactionId, tariff }) => ({
      status: p.tariffs.change(transactionId, tariff),
    })),
    p.handle21('NotifyWebPaymentStarted', ({ evseId, timeout }) => {
      // The EVSE waits `timeout` seconds for the RequestStartTransaction the payment leads to.
      if (evseId >= 1 && evseId <= ctx.state.connectors.length) {
        p.data.webPayments[String(evseId)] = ctx.clock.now() + timeout * 1000;
        ctx.timers.set(`webPayment:${evseId}`, timeout * 1000, () => {
          delete p.data.webPayments[String(evseId)];
          ctx.changed();
        });
      }
      return {};
    }),
    // A charging station, not a battery swap station: it has no batteries to hand out.
    p.handle21('RequestBatterySwap', () => ({
      status: 'Rejected',
      statusInfo: {
        reasonCode: 'NoBatterySwap',
        additionalInfo: 'This station has no battery swap equipment',
      },
    })),
    p.handle21('GetPeriodicEventStream', () => {
      const constantStreamData = p.streams.list();
      return constantStreamData.length > 0 ? { constantStreamData } : {};
    }),
    p.handle21('AdjustPeriodicEventStream', ({ id, params }) => ({ status: p.streams.adjust(id, params) })),
  ];
}
