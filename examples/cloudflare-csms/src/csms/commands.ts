// The commands an operator sends from the admin panel, built per OCPP version. The Worker's
// HTTP API and the playground's in-page CSMS panel both go through here.

/** Commands of the admin panel. */
export const COMMANDS = ['remoteStart', 'remoteStop', 'reset', 'trigger', 'configure'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** What a command may take; every field has a sensible default. */
export interface CommandArgs {
  readonly connectorId?: number;
  readonly idTag?: string;
  /** The transaction to stop (default: the station's latest open transaction). */
  readonly transactionId?: string;
  /** 1.6 Soft | Hard; 2.0.1 Immediate | OnIdle (default Soft / Immediate). */
  readonly resetType?: string;
  /** TriggerMessage: StatusNotification, Heartbeat, MeterValues, BootNotification (default StatusNotification). */
  readonly message?: string;
  /** ChangeConfiguration key / SetVariables variable (default: the meter sample interval). */
  readonly key?: string;
  readonly value?: string;
  /**
   * remoteStart: a charging profile for the session (1.6 §5.11: a TxProfile; 2.0.1 F01), in the
   * station's version's shape. Sent as given.
   */
  readonly chargingProfile?: Record<string, unknown>;
}

/** One OCPP call: what to send to the station. */
export interface CommandCall {
  readonly action: string;
  readonly params: Record<string, unknown>;
}

export function isCommandName(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

/** 2.0.1 device-model names of the 1.6 configuration keys the demo station knows. */
export const VARIABLE_OF_KEY: Readonly<Record<string, { component: string; variable: string }>> = {
  HeartbeatInterval: { component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' },
  MeterValueSampleInterval: { component: 'SampledDataCtrlr', variable: 'TxUpdatedInterval' },
  AuthorizeRemoteTxRequests: { component: 'AuthCtrlr', variable: 'AuthorizeRemoteStart' },
  ConnectionTimeOut: { component: 'TxCtrlr', variable: 'EVConnectionTimeOut' },
};

/**
 * Builds the call for `name` on `protocol`. `openTransactions` (oldest first) lets remoteStop
 * default to the latest one. Throws a TypeError for what cannot be sent.
 */
export function buildCommand(
  protocol: string,
  name: CommandName,
  args: CommandArgs,
  openTransactions: readonly string[] = [],
): CommandCall {
  const v16 = protocol === 'ocpp1.6';
  const connectorId = args.connectorId ?? 1;
  switch (name) {
    case 'remoteStart': {
      const idTag = args.idTag ?? 'REMOTE-1';
      // 1.6 §5.11 RemoteStartTransaction; 2.0.1 F01 RequestStartTransaction (remoteStartId: ours to pick).
      const profile = args.chargingProfile ? { chargingProfile: args.chargingProfile } : {};
      return v16
        ? { action: 'RemoteStartTransaction', params: { connectorId, idTag, ...profile } }
        : {
            action: 'RequestStartTransaction',
            params: {
              evseId: connectorId,
              remoteStartId: Math.floor(Date.now() / 1000) % 1_000_000_000,
              idToken: { idToken: idTag, type: 'Central' },
              ...profile,
            },
          };
    }
    case 'remoteStop': {
      const id = args.transactionId ?? openTransactions[openTransactions.length - 1];
      if (id === undefined) throw new TypeError('No open transaction to stop');
      // 1.6 §5.12 RemoteStopTransaction (integer id); 2.0.1 F03 RequestStopTransaction (string id).
      if (v16) {
        const n = Number(id);
        if (!Number.isInteger(n)) throw new TypeError(`1.6 transaction ids are integers, got ${id}`);
        return { action: 'RemoteStopTransaction', params: { transactionId: n } };
      }
      return { action: 'RequestStopTransaction', params: { transactionId: id } };
    }
    case 'reset':
      return { action: 'Reset', params: { type: args.resetType ?? (v16 ? 'Soft' : 'Immediate') } };
    case 'trigger': {
      const requestedMessage = args.message ?? 'StatusNotification';
      return v16
        ? { action: 'TriggerMessage', params: { requestedMessage, connectorId } }
        : {
            action: 'TriggerMessage',
            params: { requestedMessage, evse: { id: connectorId, connectorId: 1 } },
          };
    }
    case 'configure': {
      const key = args.key ?? 'MeterValueSampleInterval';
      const value = args.value ?? '5';
      if (v16) return { action: 'ChangeConfiguration', params: { key, value } };
      const mapped = VARIABLE_OF_KEY[key] ?? { component: 'OCPPCommCtrlr', variable: key };
      return {
        action: 'SetVariables',
        params: {
          setVariableData: [
            {
              component: { name: mapped.component },
              variable: { name: mapped.variable },
              attributeValue: value,
            },
          ],
        },
      };
    }
  }
}
