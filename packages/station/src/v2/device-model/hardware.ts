// The station's physical components (2.0.1 Part 1 §4.2: ChargingStation, EVSE, Connector): one
// EVSE with one connector per modelled connector. Their state (availability, power, problems) is
// read from the neutral state, so reports and monitors always show what the station is doing.

import type { Ocpp2 } from '../profile.js';
import type { VariableDef } from './types.js';

const AVAILABILITY = 'Available,Occupied,Reserved,Unavailable,Faulted';

/** ChargingStation component: the station as a whole. */
function station(): VariableDef[] {
  return [
    {
      component: 'ChargingStation',
      variable: 'AvailabilityState',
      dataType: 'OptionList',
      valuesList: AVAILABILITY,
      mutability: 'ReadOnly',
      read: (p) => p.status.stationStatus(),
      summary: true,
    },
    {
      component: 'ChargingStation',
      variable: 'Available',
      dataType: 'boolean',
      mutability: 'ReadOnly',
      initial: () => 'true',
    },
    {
      component: 'ChargingStation',
      variable: 'Model',
      dataType: 'string',
      mutability: 'ReadOnly',
      constant: true,
      initial: (m) => m.model,
    },
    {
      component: 'ChargingStation',
      variable: 'VendorName',
      dataType: 'string',
      mutability: 'ReadOnly',
      constant: true,
      initial: (m) => m.vendor,
    },
    {
      component: 'ChargingStation',
      variable: 'Problem',
      dataType: 'boolean',
      mutability: 'ReadOnly',
      read: (p) => String(!!p.ctx.state.station.fault),
      summary: true,
    },
    {
      component: 'ChargingStation',
      variable: 'SupplyPhases',
      dataType: 'integer',
      mutability: 'ReadOnly',
      constant: true,
      initial: () => '3',
    },
  ];
}

/** EVSE `id` and its connector 1. */
function evse(id: number): VariableDef[] {
  const at = { evseId: id };
  const connector = { evseId: id, connectorId: 1 };
  const status = (p: Ocpp2) => p.status.statusOf(id);
  return [
    {
      component: 'EVSE',
      ...at,
      variable: 'AvailabilityState',
      dataType: 'OptionList',
      valuesList: AVAILABILITY,
      mutability: 'ReadOnly',
      read: status,
      summary: true,
    },
    {
      component: 'EVSE',
      ...at,
      variable: 'Available',
      dataType: 'boolean',
      mutability: 'ReadOnly',
      initial: () => 'true',
    },
    {
      component: 'EVSE',
      ...at,
      variable: 'Power',
      dataType: 'decimal',
      unit: 'W',
      mutability: 'ReadOnly',
      attributes: ['Actual', 'MaxSet'],
      // Actual: the power drawn now; MaxSet: the hardware limit.
      read: (p, attribute) => {
        const c = p.ctx.connector(id);
        return String(Math.round(attribute === 'MaxSet' ? c.maxPowerW : c.powerW));
      },
    },
    {
      component: 'EVSE',
      ...at,
      variable: 'Problem',
      dataType: 'boolean',
      mutability: 'ReadOnly',
      read: (p) => String(!!p.ctx.connector(id).fault),
      summary: true,
    },
    {
      component: 'EVSE',
      ...at,
      variable: 'SupplyPhases',
      dataType: 'integer',
      mutability: 'ReadOnly',
      constant: true,
      initial: () => '3',
    },
    {
      component: 'Connector',
      ...connector,
      variable: 'AvailabilityState',
      dataType: 'OptionList',
      valuesList: AVAILABILITY,
      mutability: 'ReadOnly',
      read: status,
      summary: true,
    },
    {
      component: 'Connector',
      ...connector,
      variable: 'Available',
      dataType: 'boolean',
      mutability: 'ReadOnly',
      initial: () => 'true',
    },
    {
      component: 'Connector',
      ...connector,
      variable: 'ConnectorType',
      dataType: 'string',
      mutability: 'ReadOnly',
      constant: true,
      initial: () => 'cType2',
    },
  ];
}

/** Every physical component's variables for a station of `evses` EVSEs. */
export function hardwareVariables(evses: number): VariableDef[] {
  const out = station();
  for (let id = 1; id <= evses; id++) out.push(...evse(id));
  return out;
}
