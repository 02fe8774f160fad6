import type { OCPPClient, RequestOf } from '@ocpp-ws-io/browser';
import type { ConnectorState } from './model.js';
import { afterReply, type Station } from './station.js';
import type { SampleContext, StartTrigger, StoppedTransaction, Wire } from './wire.js';

type Client16 = OCPPClient<'ocpp1.6'>;

/** Identification of the simulated station in BootNotification. */
const VENDOR = 'ocpp-ws-io';
const MODEL = 'Playground';

/** OCPP 1.6 (JSON): what the station sends, and its answers to the CSMS's calls. */
export class Wire16 implements Wire {
  private readonly client: Client16;

  constructor(
    client: OCPPClient,
    private readonly station: Station,
  ) {
    this.client = client as unknown as Client16;
    this.register();
  }

  async boot(): Promise<{ status: string; intervalS: number }> {
    const conf = await this.client.call('BootNotification', {
      chargePointVendor: VENDOR,
      chargePointModel: MODEL,
      chargePointSerialNumber: this.client.identity.slice(0, 25),
      firmwareVersion: '0.1.0',
    });
    return { status: conf.status, intervalS: conf.interval };
  }

  async heartbeat(): Promise<void> {
    await this.client.call('Heartbeat', {});
  }

  // §4.9: on every status change, per connector (0 = the station itself).
  async status(c: ConnectorState): Promise<void> {
    await this.client.call('StatusNotification', {
      connectorId: c.id,
      errorCode: 'NoError',
      status:
        c.id === 0 ? (c.operative ? 'Available' : 'Unavailable') : (this.station.statusOf(c) as 'Available'),
      timestamp: new Date().toISOString(),
    });
  }

  async authorize(idTag: string): Promise<string> {
    return (await this.client.call('Authorize', { idTag })).idTagInfo.status;
  }

  // §4.8: the CSMS answers with the transaction id used by every later message.
  async start(c: ConnectorState, _trigger: StartTrigger): Promise<string> {
    const tx = c.transaction!;
    const conf = await this.client.call('StartTransaction', {
      connectorId: c.id,
      idTag: tx.idTag,
      meterStart: tx.meterStartWh,
      timestamp: tx.startedAt,
    });
    tx.id = String(conf.transactionId);
    this.station.changed();
    return conf.idTagInfo.status;
  }

  // §4.7: sampled values of the running transaction, with its id.
  async sample(c: ConnectorState, context: SampleContext): Promise<void> {
    const tx = c.transaction;
    if (tx?.id === undefined) return;
    await this.client.call('MeterValues', {
      connectorId: c.id,
      transactionId: Number(tx.id),
      meterValue: [meterValue(c, context)],
    });
  }

  async chargingStateChanged(): Promise<void> {
    // 1.6 has no such message: the StatusNotification (SuspendedEV) already says it.
  }

  // §4.10: meterStop and the reason; transactionData carries the closing register.
  async stop(s: StoppedTransaction): Promise<void> {
    await this.client.call('StopTransaction', {
      transactionId: Number(s.transaction.id),
      idTag: s.transaction.idTag,
      meterStop: s.meterStopWh,
      timestamp: s.timestamp,
      reason: s.reason,
      transactionData: [
        {
          timestamp: s.timestamp,
          sampledValue: [
            {
              value: String(s.meterStopWh),
              context: 'Transaction.End',
              measurand: 'Energy.Active.Import.Register',
              unit: 'Wh',
            },
          ],
        },
      ],
    });
  }

  private register(): void {
    const { client, station } = this;
    // §5.11: Accepted only if the connector can take a session.
    client.handle('RemoteStartTransaction', ({ params }) => ({
      status: station.remoteStart(params.connectorId, params.idTag) ? 'Accepted' : 'Rejected',
    }));
    // §5.12
    client.handle('RemoteStopTransaction', ({ params }) => ({
      status: station.remoteStop(String(params.transactionId)) ? 'Accepted' : 'Rejected',
    }));
    // §5.14: reply first, then reboot.
    client.handle('Reset', ({ params }) => {
      afterReply(() => station.reset(params.type === 'Hard' ? 'HardReset' : 'SoftReset'));
      return { status: 'Accepted' };
    });
    // §5.3
    client.handle('ChangeConfiguration', ({ params }) => ({
      status: station.configure(params.key, params.value),
    }));
    // §5.8: unknown keys are listed back as unknownKey.
    client.handle('GetConfiguration', ({ params }) => {
      const entries = Object.entries(station.config);
      const wanted = params.key ?? entries.map(([k]) => k);
      const known = wanted.filter((k) => station.config[k]);
      const unknown = wanted.filter((k) => !station.config[k]);
      return {
        configurationKey: known.map((key) => ({
          key,
          readonly: station.config[key]!.readonly,
          value: station.config[key]!.value,
        })),
        ...(unknown.length ? { unknownKey: unknown } : {}),
      };
    });
    // §5.17
    client.handle('TriggerMessage', ({ params }) => ({
      status: station.trigger(params.requestedMessage, params.connectorId) ? 'Accepted' : 'NotImplemented',
    }));
    // §5.18
    client.handle('UnlockConnector', ({ params }) => ({ status: station.unlock(params.connectorId) }));
    // §5.2
    client.handle('ChangeAvailability', ({ params }) => ({
      status: station.changeAvailability(params.connectorId, params.type === 'Operative'),
    }));
    // §5.4
    client.handle('ClearCache', () => {
      station.clearCache();
      return { status: 'Accepted' };
    });
  }
}

/** One MeterValue (§7.31): the energy register, the power and the car's state of charge. */
function meterValue(
  c: ConnectorState,
  context: SampleContext,
): RequestOf<'ocpp1.6', 'MeterValues'>['meterValue'][number] {
  return {
    timestamp: new Date().toISOString(),
    sampledValue: [
      {
        value: String(Math.round(c.meterWh)),
        context,
        measurand: 'Energy.Active.Import.Register',
        unit: 'Wh',
      },
      { value: String(Math.round(c.powerW)), context, measurand: 'Power.Active.Import', unit: 'W' },
      { value: String(Math.round(c.soc)), context, measurand: 'SoC', unit: 'Percent', location: 'EV' },
    ],
  };
}
