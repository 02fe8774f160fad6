// SetChargingProfile (K01), ClearChargingProfile (K10), GetChargingProfiles (K09) →
// ReportChargingProfiles, GetCompositeSchedule (K08).

import {
  clearCriteriaFromOcpp2x,
  clearProfiles,
  selectCriteriaFromOcpp2x,
  selectProfiles,
  toOcpp2xCompositeSchedule,
  toOcpp2xReports,
} from '../../smart-charging/index.js';
import type { Ocpp2 } from '../profile.js';
import { composite, installChargingProfile, limitsChanged } from '../smart-charging.js';

export function smartChargingHandlers(p: Ocpp2): Array<() => void> {
  const { ctx } = p;
  return [
    p.handle('SetChargingProfile', ({ evseId, chargingProfile }) =>
      installChargingProfile(p, evseId, chargingProfile),
    ),
    p.handle('ClearChargingProfile', (request) => {
      const { profiles, status } = clearProfiles(
        ctx.state.chargingProfiles,
        clearCriteriaFromOcpp2x(request),
      );
      ctx.state.chargingProfiles = [...profiles];
      limitsChanged(p);
      return { status };
    }),
    p.handle('GetChargingProfiles', (request) => {
      const selected = selectProfiles(ctx.state.chargingProfiles, selectCriteriaFromOcpp2x(request));
      const reports =
        p.protocol === 'ocpp2.1'
          ? toOcpp2xReports(selected, request.requestId, 'ocpp2.1')
          : toOcpp2xReports(selected, request.requestId);
      if (reports.length === 0) return { status: 'NoProfiles' };
      p.afterAnswer(`chargingProfiles:${request.requestId}`, async () => {
        for (const report of reports)
          await p.send('ReportChargingProfiles', report as never, { requested: true });
      });
      return { status: 'Accepted' };
    }),
    p.handle('GetCompositeSchedule', ({ evseId, duration, chargingRateUnit }) => {
      const unit = chargingRateUnit ?? 'W';
      if (evseId < 0 || evseId > ctx.state.connectors.length)
        return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } };
      if (!p.list('SmartChargingCtrlr', 'RateUnit').includes(unit))
        return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedRateUnit' } };
      return {
        status: 'Accepted',
        schedule: toOcpp2xCompositeSchedule(composite(p, evseId, duration, unit)),
      };
    }),
  ];
}
