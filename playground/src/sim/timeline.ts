// What the timeline says: a station's story in sentences, derived from its snapshots (boot
// answers, statuses, transaction ids), its events and its client's durable deliveries. Pure
// functions, so the wording is tested without a browser.
import type { StationEvents, StationSnapshot, TokenOutcome } from '@ocpp-ws-io/station';

/** One line of the timeline. */
export interface TimelineEvent {
  readonly at: number;
  readonly kind: 'connect' | 'boot' | 'status' | 'transaction' | 'disconnect' | 'command' | 'error';
  readonly text: string;
}

export type TimelineLine = Omit<TimelineEvent, 'at'>;

/** The boot answer in words: Pending and Rejected say what they mean for charging (1.6 §4.2). */
export function bootLine(boot: StationSnapshot['boot']): TimelineLine | undefined {
  const again = boot.intervalS > 0 ? `in ${boot.intervalS} s` : 'after a while';
  switch (boot.status) {
    case 'Accepted':
      return { kind: 'boot', text: `BootNotification Accepted (heartbeat every ${boot.intervalS} s)` };
    case 'Pending':
      return {
        kind: 'boot',
        text: `BootNotification Pending: the CSMS has not decided; no charging until it accepts (BootNotification again ${again})`,
      };
    case 'Rejected':
      return {
        kind: 'error',
        text: `BootNotification Rejected: the CSMS refuses this station; no charging, and nothing sent but BootNotification again ${again}`,
      };
    default:
      return undefined;
  }
}

/** What changed between two snapshots of one station that a person wants to read about. */
export function changesBetween(prev: StationSnapshot | undefined, next: StationSnapshot): TimelineLine[] {
  if (!next.started) return [];
  const lines: TimelineLine[] = [];
  // A new answer (the status after start is Unknown until the CSMS answered).
  if (next.boot.status !== 'Unknown' && (!prev?.started || next.boot.status !== prev.boot.status)) {
    const line = bootLine(next.boot);
    if (line) lines.push(line);
  }
  for (const c of next.connectors) {
    const before = prev?.started ? prev.connectors.find((p) => p.id === c.id) : undefined;
    if (before && before.status !== c.status && c.status !== 'Unknown')
      lines.push({ kind: 'status', text: `Connector ${c.id}: ${c.status}` });
    const tx = c.transaction;
    const was = before?.transaction;
    if (tx?.id !== undefined && was?.localId === tx.localId && was.id === undefined)
      lines.push({
        kind: 'transaction',
        text: `Transaction ${tx.id} on connector ${c.id} confirmed by the CSMS`,
      });
  }
  return lines;
}

type Started = Parameters<StationEvents['transactionStarted']>[0];
type Stopped = Parameters<StationEvents['transactionStopped']>[0];

export function startedLine(e: Started): TimelineLine {
  return { kind: 'transaction', text: `Transaction started on connector ${e.connectorId} for ${e.idTag}` };
}

export function stoppedLine(e: Stopped): TimelineLine {
  const why =
    e.reason === 'PowerLoss'
      ? 'PowerLoss: the station went dark while it ran, e.g. the page reloaded'
      : e.reason;
  return {
    kind: 'transaction',
    text: `Transaction ${e.id ?? e.localId} on connector ${e.connectorId} ended (${why})`,
  };
}

/** What presenting a card led to, for the connector's note and the timeline. */
export function outcomeText(idTag: string, outcome: TokenOutcome): string {
  switch (outcome.result) {
    case 'started':
      return `${idTag} accepted: charging on connector ${outcome.connectorId}`;
    case 'authorized':
      return `${idTag} accepted: plug in on connector ${outcome.connectorId} to start`;
    case 'stopped':
      return `${idTag} ended its transaction on connector ${outcome.connectorId}`;
    case 'rejected':
      return `No charging for ${idTag}: ${outcome.reason}`;
  }
}

/** A transaction message in a few words (durable deliveries of an earlier page). */
export function describeMessage(action: string, params: unknown): string {
  const p = (params ?? {}) as {
    transactionId?: number;
    connectorId?: number;
    eventType?: string;
    seqNo?: number;
    transactionInfo?: { transactionId?: string };
  };
  if (action === 'TransactionEvent')
    return `TransactionEvent ${p.eventType ?? ''} #${p.seqNo ?? '?'} of ${p.transactionInfo?.transactionId ?? '?'}`;
  if (p.transactionId !== undefined) return `${action} of transaction ${p.transactionId}`;
  return p.connectorId === undefined ? action : `${action} on connector ${p.connectorId}`;
}
