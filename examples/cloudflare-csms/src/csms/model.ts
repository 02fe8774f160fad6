import type { CsmsStorage } from './storage.js';

/** One connector as the station last reported it (StatusNotification). */
export interface ConnectorSummary {
  readonly connectorId: number;
  readonly status: string;
  readonly errorCode?: string;
  readonly updatedAt: string;
}

/** One charging session, as the CSMS records it. Ids are strings for both versions. */
export interface TransactionRecord {
  id: string;
  connectorId?: number;
  idTag?: string;
  startedAt: string;
  stoppedAt?: string;
  stopReason?: string;
  meterStartWh?: number;
  meterStopWh?: number;
  /** The latest energy register reading (Energy.Active.Import.Register), in Wh. */
  lastMeterWh?: number;
  /** Sampled values received (MeterValues and TransactionEvent meter values). */
  meterSamples: number;
}

/** What the CSMS knows about one station: shown in admin lists. */
export interface StationSummary {
  identity: string;
  protocol: string;
  connected: boolean;
  connectedAt?: string;
  lastSeenAt: string;
  vendor?: string;
  model?: string;
  connectors: Record<string, ConnectorSummary>;
  /** Transactions not yet stopped, by id. */
  openTransactions: string[];
}

const SUMMARY = 'summary';
const TRANSACTIONS = 'transactions';
const LAST_TX_ID = 'lastTransactionId';
/** Keep the record bounded: a demo station may charge all day. */
const MAX_TRANSACTIONS = 50;

/**
 * Typed access to one station's records in a {@link CsmsStorage}. Every read-modify-write runs
 * one after the other: the connect bookkeeping and the first handler would otherwise both read
 * the old summary and the later write would undo the earlier one.
 */
export class StationRecords {
  #tail: Promise<unknown> = Promise.resolve();

  constructor(readonly storage: CsmsStorage) {}

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(work, work);
    this.#tail = run.catch(() => {});
    return run;
  }

  async summary(): Promise<StationSummary | undefined> {
    return this.storage.get<StationSummary>(SUMMARY);
  }

  /** Applies `change` to the summary (created for `identity` if missing) and returns the result. */
  async updateSummary(
    identity: string,
    protocol: string,
    change: (s: StationSummary) => void,
  ): Promise<StationSummary> {
    return this.#serial(async () => {
      const summary = (await this.summary()) ?? {
        identity,
        protocol,
        connected: false,
        lastSeenAt: new Date().toISOString(),
        connectors: {},
        openTransactions: [],
      };
      summary.protocol = protocol;
      summary.lastSeenAt = new Date().toISOString();
      change(summary);
      const open = (await this.transactions()).filter((t) => !t.stoppedAt).map((t) => t.id);
      summary.openTransactions = open;
      await this.storage.put(SUMMARY, summary);
      return summary;
    });
  }

  async transactions(): Promise<TransactionRecord[]> {
    return (await this.storage.get<TransactionRecord[]>(TRANSACTIONS)) ?? [];
  }

  /** A new integer transaction id (OCPP 1.6: the CSMS assigns integer ids in StartTransaction.conf). */
  nextTransactionId(): Promise<number> {
    return this.#serial(async () => {
      const id = ((await this.storage.get<number>(LAST_TX_ID)) ?? 0) + 1;
      await this.storage.put(LAST_TX_ID, id);
      return id;
    });
  }

  saveTransaction(record: TransactionRecord): Promise<void> {
    return this.#serial(async () => {
      const all = (await this.transactions()).filter((t) => t.id !== record.id);
      all.push(record);
      await this.storage.put(TRANSACTIONS, all.slice(-MAX_TRANSACTIONS));
    });
  }

  /** Changes a known transaction; returns false when the id is unknown. */
  updateTransaction(id: string, change: (t: TransactionRecord) => void): Promise<boolean> {
    return this.#serial(async () => {
      const all = await this.transactions();
      const found = all.find((t) => t.id === id);
      if (!found) return false;
      change(found);
      await this.storage.put(TRANSACTIONS, all);
      return true;
    });
  }
}
