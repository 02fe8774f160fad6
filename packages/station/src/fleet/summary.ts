import type { ClientState } from '@ocpp-ws-io/core';
import type { BootStatus, ConnectorState } from '../model/state.js';

/**
 * Where a fleet's station is in the fleet's life.
 *
 * @example
 * ```ts
 * const phase: FleetMemberPhase = fleet.phaseOf(0); // 'waiting' until its turn to boot
 * ```
 */
export type FleetMemberPhase = 'idle' | 'waiting' | 'starting' | 'started' | 'failed' | 'stopped';

/**
 * A fleet in numbers, for a UI's header or a test's assertion. Counts are of stations unless
 * they say connectors.
 *
 * @example
 * ```ts
 * const { booted, charging, powerW } = fleet.summary();
 * header.textContent = `${booted} booted, ${charging} charging, ${(powerW / 1000).toFixed(1)} kW`;
 * ```
 */
export interface FleetSummary {
  readonly size: number;
  /** Waiting for their turn to boot (staggered). */
  readonly waiting: number;
  /** Connecting or waiting for the first BootNotification answer. */
  readonly starting: number;
  /** `start()` resolved and not stopped since. */
  readonly started: number;
  /** `start()` failed. */
  readonly failed: number;
  /** The client's connection is open. */
  readonly online: number;
  /** Running stations whose last BootNotification the CSMS accepted. */
  readonly booted: number;
  /** … answered Pending. */
  readonly pending: number;
  /** … answered Rejected. */
  readonly rejected: number;
  /** Connectors with a running transaction. */
  readonly transactions: number;
  /** Connectors drawing power now. */
  readonly charging: number;
  /** Power drawn by the whole fleet now, W. */
  readonly powerW: number;
  /** Error events of the fleet's stations so far (failed starts are counted in `failed`). */
  readonly errors: number;
  /** The fleet's clock when the summary was taken. */
  readonly nowMs: number;
}

/**
 * What the summary reads of one station: its phase, its client's state and its live state.
 *
 * @example
 * ```ts
 * const input: SummaryInput = { phase: 'started', connection: station.client.state, boot: station.state.boot.status, connectors: station.state.connectors };
 * ```
 */
export interface SummaryInput {
  readonly phase: FleetMemberPhase;
  readonly connection: ClientState;
  readonly boot: BootStatus;
  readonly connectors: readonly ConnectorState[];
}

/**
 * Adds up a fleet's stations. Reads their live state (no snapshots), so a UI can call it on every
 * frame for a thousand stations.
 *
 * @example
 * ```ts
 * const summary = summarize(inputs, { errors: 0, nowMs: clock.now() });
 * ```
 */
export function summarize(
  members: Iterable<SummaryInput>,
  extra: { readonly errors: number; readonly nowMs: number },
): FleetSummary {
  const count = { size: 0, waiting: 0, starting: 0, started: 0, failed: 0, online: 0 };
  const boot = { booted: 0, pending: 0, rejected: 0 };
  let transactions = 0;
  let charging = 0;
  let powerW = 0;
  for (const m of members) {
    count.size++;
    if (m.phase === 'waiting') count.waiting++;
    else if (m.phase === 'starting') count.starting++;
    else if (m.phase === 'started') count.started++;
    else if (m.phase === 'failed') count.failed++;
    if (m.connection === 'open') count.online++;
    // A stopped station keeps its last boot status and power in its state; it shows neither.
    if (m.phase !== 'started' && m.phase !== 'starting') continue;
    if (m.boot === 'Accepted') boot.booted++;
    else if (m.boot === 'Pending') boot.pending++;
    else if (m.boot === 'Rejected') boot.rejected++;
    for (const c of m.connectors) {
      if (c.transaction && !c.transaction.stopped) transactions++;
      if (c.powerW > 0) charging++;
      powerW += c.powerW;
    }
  }
  return { ...count, ...boot, transactions, charging, powerW, ...extra };
}
