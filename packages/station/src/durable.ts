import { type DurableLane, type DurableOptions, durableDelivery } from '@ocpp-ws-io/core';

/**
 * The durable lane a virtual station's client should use: transaction messages stored before
 * they are sent, and — after a restart — held until the new BootNotification is accepted
 * (OCPP 1.6 §4.2: nothing before the boot). Give the same lane to the client and to the station.
 *
 * @example
 * ```ts
 * const durable = stationDurable({ store: new IndexedDBMessageStore('ocpp:CP-1') });
 * const client = new OCPPClient({ endpoint, identity: 'CP-1', protocols: ['ocpp1.6'], durable });
 * const station = new VirtualStation({ client, durable, vendor: 'Acme', model: 'X1' });
 * ```
 */
export function stationDurable(options: DurableOptions): DurableLane {
  return durableDelivery({ afterBoot: true, ...options });
}
