import type { OCPPClient, RequestOf } from '@ocpp-ws-io/browser';
import { KEY_OF_VARIABLE } from './config.js';
import type { ConnectorState, StopReason } from './model.js';
import { afterReply, type Station } from './station.js';
import type { SampleContext, StartTrigger, StoppedTransaction, Wire } from './wire.js';

type Client201 = OCPPClient<'ocpp2.0.1'>;

/** 2.0.1 TriggerReasonEnumType and ReasonEnumType for each way a transaction ends (E06, E07). */
const ENDED: Record<StopReason, { trigger: string; stoppedReason: string }> = {
  Local: { trigger: 'StopAuthorized', stoppedReason: 'Local' },
  Remote: { trigger: 'RemoteStop', stoppedReason: 'Remote' },
  EVDisconnected: { trigger: 'EVCommunicationLost', stoppedReason: 'EVDisconnected' },
  SoftReset: { trigger: 'ResetCommand', stoppedReason: 'ImmediateReset' },
  HardReset: { trigger: 'ResetCommand', stoppedReason: 'ImmediateReset' },
  UnlockCommand: { trigger: 'UnlockCommand', stoppedReason: 'Other' },
  DeAuthorized: { trigger: 'Deauthorized', stoppedReason: 'DeAuthorized' },
};

/** A transaction id of ours (2.0.1: the station picks it, ≤ 36 characters). */
function newTransactionId(): string {
  // randomUUID needs a secure context; a page served over plain http on a LAN address is not one.
  return (
    globalThis.crypto?.randomUUID?.() ??
    `tx-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
  );
}

/** OCPP 2.0.1: what the station sends, and its answers to the CSMS's calls. */
export class Wire201 implements Wire {
  private readonly client: Client201;
  /** Reset OnIdle accepted while charging: reboot once every transaction has ended (B12). */
  private resetWhenIdle = false;

  constructor(
    client: OCPPClient,
    private readonly station: Station,
  ) {
    this.client = client as unknown as Client201;
    this.register();
  }

  async boot(reason: 'PowerUp' | 'RemoteReset'): Promise<{ status: string; intervalS: number }> {
    const res = await this.client.call('BootNotification', {
      reason,
      chargingStation: { vendorName: 'ocpp-ws-io', model: 'Playground', firmwareVersion: '0.1.0' },
    });
    return { status: res.status, intervalS: res.interval };
  }

  async heartbeat(): Promise<void> {
    await this.client.call('Heartbeat', {});
  }

  // G01: one connector per EVSE here, so connectorId is always 1.
  async status(c: ConnectorState): Promise<void> {
    if (c.id === 0) return;
    await this.client.call('StatusNotification', {
      timestamp: new Date().toISOString(),
      connectorStatus: this.station.statusOf(c) as 'Available',
      evseId: c.id,
      connectorId: 1,
    });
  }

  async authorize(idTag: string): Promise<string> {
    const res = await this.client.call('Authorize', { idToken: { idToken: idTag, type: 'ISO14443' } });
    return res.idTokenInfo.status;
  }

  // E01–E03: the station names the transaction and reports it Started.
  async start(c: ConnectorState, trigger: StartTrigger): Promise<string> {
    const tx = c.transaction!;
    tx.id ??= newTransactionId();
    const res = await this.client.call('TransactionEvent', {
      eventType: 'Started',
      timestamp: tx.startedAt,
      triggerReason: trigger,
      seqNo: tx.seqNo++,
      transactionInfo: {
        transactionId: tx.id,
        chargingState: 'Charging',
        ...(tx.remoteStartId === undefined ? {} : { remoteStartId: tx.remoteStartId }),
      },
      evse: { id: c.id, connectorId: 1 },
      idToken: { idToken: tx.idTag, type: tx.remoteStartId === undefined ? 'ISO14443' : 'Central' },
      meterValue: [meterValue(c, 'Transaction.Begin')],
    });
    this.station.changed();
    return res.idTokenInfo?.status ?? 'Accepted';
  }

  // E02: TransactionEvent Updated every SampledDataCtrlr.TxUpdatedInterval.
  async sample(c: ConnectorState, context: SampleContext): Promise<void> {
    await this.updated(c, context === 'Trigger' ? 'Trigger' : 'MeterValuePeriodic', context);
  }

  async chargingStateChanged(c: ConnectorState): Promise<void> {
    await this.updated(c, 'ChargingStateChanged', 'Sample.Periodic');
  }

  private async updated(c: ConnectorState, triggerReason: string, context: SampleContext): Promise<void> {
    const tx = c.transaction;
    if (tx?.id === undefined) return;
    await this.client.call('TransactionEvent', {
      eventType: 'Updated',
      timestamp: new Date().toISOString(),
      triggerReason: triggerReason as 'Trigger',
      seqNo: tx.seqNo++,
      transactionInfo: {
        transactionId: tx.id,
        chargingState: c.phase === 'full' ? 'SuspendedEV' : 'Charging',
      },
      meterValue: [meterValue(c, context)],
    });
  }

  // E06/E07: Ended, with why, and the closing register.
  async stop(s: StoppedTransaction): Promise<void> {
    const ended = ENDED[s.reason];
    await this.client.call('TransactionEvent', {
      eventType: 'Ended',
      timestamp: s.timestamp,
      triggerReason: ended.trigger as 'StopAuthorized',
      seqNo: s.transaction.seqNo++,
      transactionInfo: {
        transactionId: s.transaction.id!,
        chargingState: s.reason === 'EVDisconnected' ? 'Idle' : 'EVConnected',
        stoppedReason: ended.stoppedReason as 'Local',
      },
      meterValue: [
        {
          timestamp: s.timestamp,
          sampledValue: [
            {
              value: s.meterStopWh,
              context: 'Transaction.End',
              measurand: 'Energy.Active.Import.Register',
              unitOfMeasure: { unit: 'Wh' },
            },
          ],
        },
      ],
    });
    if (this.resetWhenIdle && !this.station.state.connectors.some((c) => c.transaction)) {
      this.resetWhenIdle = false;
      afterReply(() => this.station.reset('SoftReset'));
    }
  }

  private register(): void {
    const { client, station } = this;
    // F01 / F02
    client.handle('RequestStartTransaction', ({ params }) => ({
      status: station.remoteStart(params.evseId, params.idToken.idToken, params.remoteStartId)
        ? 'Accepted'
        : 'Rejected',
    }));
    // F03
    client.handle('RequestStopTransaction', ({ params }) => ({
      status: station.remoteStop(params.transactionId) ? 'Accepted' : 'Rejected',
    }));
    // B11 (Immediate) / B12 (OnIdle: wait for running transactions to end).
    client.handle('Reset', ({ params }) => {
      const busy = station.state.connectors.some((c) => c.transaction);
      if (params.type === 'OnIdle' && busy) {
        this.resetWhenIdle = true;
        return { status: 'Scheduled' };
      }
      afterReply(() => station.reset('SoftReset'));
      return { status: 'Accepted' };
    });
    // B05: each variable gets its own result.
    client.handle('SetVariables', ({ params }) => ({
      setVariableResult: params.setVariableData.map((d) => {
        const key = KEY_OF_VARIABLE[`${d.component.name}/${d.variable.name}`];
        const outcome = key ? station.configure(key, d.attributeValue) : undefined;
        return {
          attributeStatus:
            outcome === undefined ? 'UnknownVariable' : outcome === 'Accepted' ? 'Accepted' : 'Rejected',
          component: d.component,
          variable: d.variable,
        } as const;
      }),
    }));
    // B06
    client.handle('GetVariables', ({ params }) => ({
      getVariableResult: params.getVariableData.map((d) => {
        const key = KEY_OF_VARIABLE[`${d.component.name}/${d.variable.name}`];
        const value = key ? station.config[key]?.value : undefined;
        return value === undefined
          ? ({ attributeStatus: 'UnknownVariable', component: d.component, variable: d.variable } as const)
          : ({
              attributeStatus: 'Accepted',
              component: d.component,
              variable: d.variable,
              attributeValue: value,
            } as const);
      }),
    }));
    // F06
    client.handle('TriggerMessage', ({ params }) => ({
      status: station.trigger(params.requestedMessage, params.evse?.id) ? 'Accepted' : 'NotImplemented',
    }));
    // F05: refuse while an authorized transaction runs on it.
    client.handle('UnlockConnector', ({ params }) => {
      const c = station.connector(params.evseId);
      if (!c) return { status: 'UnknownConnector' };
      if (c.transaction) return { status: 'OngoingAuthorizedTransaction' };
      return { status: station.unlock(params.evseId) === 'Unlocked' ? 'Unlocked' : 'UnlockFailed' };
    });
    // G03 / G04: no evse = the whole station.
    client.handle('ChangeAvailability', ({ params }) => ({
      status: station.changeAvailability(params.evse?.id ?? 0, params.operationalStatus === 'Operative'),
    }));
    // C11
    client.handle('ClearCache', () => {
      station.clearCache();
      return { status: 'Accepted' };
    });
  }
}

/** One MeterValueType: energy register, power and the car's state of charge. */
function meterValue(
  c: ConnectorState,
  context: SampleContext | 'Transaction.Begin',
): NonNullable<RequestOf<'ocpp2.0.1', 'TransactionEvent'>['meterValue']>[number] {
  return {
    timestamp: new Date().toISOString(),
    sampledValue: [
      {
        value: Math.round(c.meterWh),
        context,
        measurand: 'Energy.Active.Import.Register',
        unitOfMeasure: { unit: 'Wh' },
      },
      {
        value: Math.round(c.powerW),
        context,
        measurand: 'Power.Active.Import',
        unitOfMeasure: { unit: 'W' },
      },
      {
        value: Math.round(c.soc),
        context,
        measurand: 'SoC',
        location: 'EV',
        unitOfMeasure: { unit: 'Percent' },
      },
    ],
  };
}
