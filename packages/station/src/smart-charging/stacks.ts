// Which installed profiles compete for an EVSE, grouped in stacks: within a stack the first profile
// (in precedence order) whose schedule covers an instant prevails; the limit in force is then the
// minimum over the stacks (1.6 §3.13.3 "Combining charging profile purposes").
import type { ChargingProfile, RunningTransaction } from './types.js';

/** Profiles in precedence order: the first one in force at an instant decides the stack's limit. */
export type Stack = readonly ChargingProfile[];

export interface StackScope {
  readonly evseId: number;
  readonly transaction?: RunningTransaction | undefined;
  readonly priorityCharging?: boolean | undefined;
}

/** Higher stackLevel first (1.6 §3.13.2); on a tie the EVSE's own profile before the station-wide one. */
function byPrecedence(a: ChargingProfile, b: ChargingProfile): number {
  return b.stackLevel - a.stackLevel || b.evseId - a.evseId;
}

function sorted(profiles: readonly ChargingProfile[]): Stack {
  return [...profiles].sort(byPrecedence);
}

/**
 * A Tx profile belongs to the transaction running on its EVSE: the one its transactionId names,
 * or (a 1.6 profile installed without one) whichever transaction runs there.
 */
function belongsToTransaction(profile: ChargingProfile, scope: StackScope): boolean {
  const tx = scope.transaction;
  if (tx === undefined || profile.evseId !== scope.evseId || scope.evseId === 0) return false;
  return profile.transactionId === undefined || profile.transactionId === tx.id;
}

/**
 * The stacks for `scope.evseId`.
 *
 * Caps, each its own stack because each is a separate limit that holds at the same time:
 * - StationMax (1.6 ChargePointMaxProfile, 2.x ChargingStationMaxProfile) on evse 0: the whole
 *   station's limit, so no single EVSE may exceed it either (1.6 §3.13.3).
 * - ExternalConstraints (2.x) on evse 0 (the grid connection) and, separately, on this EVSE.
 *
 * The charging stack (EVSEs only), in precedence order:
 * - PriorityCharging (2.1), only while priority charging is active on the EVSE;
 * - Tx of the running transaction: "SHALL overrule" TxDefault (1.6 §3.13.1), at any stack level;
 * - TxDefault of this EVSE and of evse 0 together. A station-wide TxDefault applies to every EVSE;
 *   an EVSE's own TxDefault replaces it for that EVSE (1.6 §3.13.1) — read here, like every
 *   replacement in §3.13.2, as per stack level: at an equal stackLevel the EVSE's profile wins,
 *   while a station-wide profile on a higher level (say a holiday exception) still prevails, and
 *   the station-wide one is what is left when the EVSE's schedule ends.
 * Falling through the stack is what gives "when that schedule's duration has ended the next lower
 * stack level applies" (1.6 §5.16 notes), and a Tx profile whose duration ended falls back to
 * TxDefault the same way.
 *
 * For evse 0 (GetCompositeSchedule for the grid connection) only the caps set on evse 0 count: a
 * station-wide TxDefault is a per-EVSE default, not a limit on the station's total, and the total
 * consumption of EVSEs depends on their sessions, which a pure function cannot see.
 *
 * LocalGeneration (2.1) profiles describe locally generated power; how that changes the grid
 * limit is the site's energy management's business, so they are stored and reported, not applied.
 */
export function stacksFor(profiles: readonly ChargingProfile[], scope: StackScope): Stack[] {
  const evse = scope.evseId;
  const pick = (purpose: ChargingProfile['purpose'], evseIds: readonly number[]): ChargingProfile[] =>
    profiles.filter((p) => p.purpose === purpose && evseIds.includes(p.evseId));

  const stacks: Stack[] = [sorted(pick('StationMax', [0])), sorted(pick('ExternalConstraints', [0]))];
  if (evse === 0) return stacks;

  stacks.push(sorted(pick('ExternalConstraints', [evse])));
  const priority = scope.priorityCharging ? sorted(pick('PriorityCharging', [evse, 0])) : [];
  const tx = sorted(profiles.filter((p) => p.purpose === 'Tx' && belongsToTransaction(p, scope)));
  const txDefault = sorted(pick('TxDefault', [evse, 0]));
  stacks.push([...priority, ...tx, ...txDefault]);
  return stacks;
}
