// The device model seen from the station itself (a UI's configuration editor): the same
// variables, rules and effects as a CSMS's SetVariables (B05), reached through the profile's
// configKeys()/configure() seam. Keys are the ones the snapshot's `config` uses.

import type { ConfigChangeStatus, ConfigKeyInfo } from '../profile.js';
import { componentOf, variableOf } from './device-model/model.js';
import { configKey } from './device-model/types.js';
import { settingChanged } from './handlers/provisioning.js';
import type { Ocpp2 } from './profile.js';

/** The Actual attribute of every variable the station has, except write-only secrets. */
export function configKeys(p: Ocpp2): ConfigKeyInfo[] {
  return p.device.variables
    .filter((d) => d.mutability !== 'WriteOnly' && (d.attributes ?? ['Actual']).includes('Actual'))
    .map((d) => ({
      key: configKey(d, 'Actual'),
      readOnly: d.mutability === 'ReadOnly' || d.read !== undefined,
      rebootRequired: !!d.rebootRequired,
    }));
}

/** Sets the Actual value of the variable behind `key`, as SetVariables would (same answer). */
export function configure(p: Ocpp2, key: string, value: string): ConfigChangeStatus {
  const def = p.device.variables.find((d) => configKey(d, 'Actual') === key);
  if (!def) return 'NotSupported';
  const { result, changed } = p.device.set({
    component: componentOf(def),
    variable: variableOf(def),
    attributeValue: value,
  });
  if (changed) {
    settingChanged(p, changed);
    p.monitoring.evaluate();
    p.ctx.changed();
  }
  switch (result.attributeStatus) {
    case 'Accepted':
    case 'RebootRequired':
    case 'Rejected':
      return result.attributeStatus;
    default:
      return 'NotSupported';
  }
}
