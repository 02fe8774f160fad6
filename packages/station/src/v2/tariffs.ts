// Tariffs and costs. OCPP 2.1 (functional block I, tariffs): SetDefaultTariff stores a tariff for EVSEs,
// GetTariffs lists the tariffs in force (default ones and the driver tariffs of running
// transactions), ClearTariffs removes them, ChangeTransactionTariff replaces a running
// transaction's tariff. Both versions: CostUpdated (I02) keeps the running total the CSMS sent.

import type {
  ClearTariffsResultType,
  GetTariffsResponse,
  SetDefaultTariffResponse,
  TariffAssignmentType,
  TariffChangeStatusEnumType,
  TariffType,
} from '@ocpp-ws-io/schemas/ocpp2.1';
import type { Ocpp2 } from './profile.js';

/** Price elements of a tariff (compared with TariffCostCtrlr.MaxElements[Tariff]). */
function elements(tariff: TariffType): number {
  const lists = [
    tariff.energy?.prices,
    tariff.chargingTime?.prices,
    tariff.idleTime?.prices,
    tariff.fixedFee?.prices,
  ];
  return lists.reduce((n, list) => n + (list?.length ?? 0), 0);
}

const same = (a: TariffType, b: TariffType) => JSON.stringify(a) === JSON.stringify(b);

export class Tariffs {
  constructor(private readonly p: Ocpp2) {}

  #knownEvse(evseId: number): boolean {
    return evseId === 0 || (evseId > 0 && evseId <= this.p.ctx.state.connectors.length);
  }

  /** The default tariff of EVSE `evseId`, kept with a transaction that starts there. */
  atStart(evseId: number): { tariff?: TariffType } {
    const entry = this.p.data.tariffs.find((t) => t.evseIds.includes(evseId) || t.evseIds.includes(0));
    return entry ? { tariff: entry.tariff } : {};
  }

  /** EVSE ids a tariff is assigned to, with 0 ("all") spelled out. */
  #expand(ids: readonly number[]): number[] {
    return ids.includes(0) ? this.p.ctx.state.connectors.map((c) => c.id) : [...ids];
  }

  #prune(): void {
    this.p.data.tariffs = this.p.data.tariffs.filter((t) => t.evseIds.length > 0);
  }

  /** SetDefaultTariff: the tariff becomes EVSE `evseId`'s (0: every EVSE's) default, in place of the one before. */
  setDefault(evseId: number, tariff: TariffType): SetDefaultTariffResponse['status'] {
    if (!this.#knownEvse(evseId)) return 'Rejected';
    if (elements(tariff) > this.p.number('TariffCostCtrlr', 'MaxElements', 'Tariff'))
      return 'TooManyElements';
    const existing = this.p.data.tariffs.find((t) => t.tariff.tariffId === tariff.tariffId);
    if (existing && !same(existing.tariff, tariff)) return 'DuplicateTariffId';
    for (const t of this.p.data.tariffs)
      if (t !== existing)
        t.evseIds = evseId === 0 ? [] : this.#expand(t.evseIds).filter((id) => id !== evseId);
    this.#prune();
    if (existing) existing.evseIds = evseId === 0 ? [0] : [...new Set([...existing.evseIds, evseId])];
    else this.p.data.tariffs.push({ tariff: structuredClone(tariff), evseIds: [evseId] });
    return 'Accepted';
  }

  /** GetTariffs: the assignments in force at EVSE `evseId` (0: all). */
  get(evseId: number): GetTariffsResponse {
    if (!this.#knownEvse(evseId)) return { status: 'Rejected' };
    const at = (ids: readonly number[]) => evseId === 0 || ids.includes(evseId) || ids.includes(0);
    const assignments: TariffAssignmentType[] = this.p.data.tariffs
      .filter((t) => at(t.evseIds))
      .map((t) => ({
        tariffId: t.tariff.tariffId,
        tariffKind: 'DefaultTariff',
        evseIds: [...t.evseIds],
        ...(t.tariff.validFrom ? { validFrom: t.tariff.validFrom } : {}),
      }));
    for (const c of this.p.ctx.state.connectors) {
      const rec = c.transaction ? this.p.sessions.tx.record(c.transaction) : undefined;
      if (!rec?.tariff || !at([c.id]) || rec.tariff === this.atStart(c.id).tariff) continue;
      if (this.p.data.tariffs.some((t) => same(t.tariff, rec.tariff!))) continue;
      assignments.push({
        tariffId: rec.tariff.tariffId,
        tariffKind: 'DriverTariff',
        evseIds: [c.id],
        ...(rec.idToken ? { idTokens: [rec.idToken.idToken] } : {}),
      });
    }
    return assignments.length > 0
      ? { status: 'Accepted', tariffAssignments: assignments }
      : { status: 'NoTariff' };
  }

  /** ClearTariffs: the named default tariffs (or all) at EVSE `evseId` (or everywhere). */
  clear(tariffIds: readonly string[] | undefined, evseId: number | undefined): ClearTariffsResultType[] {
    const everywhere = evseId === undefined || evseId === 0;
    const remove = (tariffId?: string): boolean => {
      const hits = this.p.data.tariffs.filter(
        (t) =>
          (tariffId === undefined || t.tariff.tariffId === tariffId) &&
          (everywhere || this.#expand(t.evseIds).includes(evseId)),
      );
      for (const t of hits)
        t.evseIds = everywhere ? [] : this.#expand(t.evseIds).filter((id) => id !== evseId);
      this.#prune();
      return hits.length > 0;
    };
    if (!tariffIds || tariffIds.length === 0) return [{ status: remove() ? 'Accepted' : 'NoTariff' }];
    return tariffIds.map((tariffId) => ({ tariffId, status: remove(tariffId) ? 'Accepted' : 'NoTariff' }));
  }

  /** ChangeTransactionTariff: the running transaction's tariff, in the same currency. */
  change(transactionId: string, tariff: TariffType): TariffChangeStatusEnumType {
    const c = this.p.ctx.state.connectors.find((x) => x.transaction?.id === transactionId);
    if (!c?.transaction) return 'TxNotFound';
    const rec = this.p.sessions.tx.record(c.transaction);
    if (rec.tariff && rec.tariff.currency !== tariff.currency) return 'NoCurrencyChange';
    if (elements(tariff) > this.p.number('TariffCostCtrlr', 'MaxElements', 'Tariff'))
      return 'TooManyElements';
    rec.tariff = structuredClone(tariff);
    this.p.afterAnswer(`tariff:${c.id}`, () =>
      this.p.sessions.tx.update(c, 'TariffChanged' as 'Trigger', { info: { tariffId: tariff.tariffId } }),
    );
    return 'Accepted';
  }

  /** I02 CostUpdated: the running total of a transaction (known or still being delivered). */
  costUpdated(transactionId: string, totalCost: number): void {
    const rec = this.p.data.transactions[transactionId];
    if (rec) rec.totalCost = totalCost;
  }
}
