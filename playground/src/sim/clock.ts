// The page's one virtual clock, shared by every station of the fleet (charging, meter samples,
// heartbeats and schedules run on it). The OCPP clients keep real time: a network round trip
// takes real milliseconds, and at 600× a 15 s call timeout would be 25 ms.
import { ScaledClock } from '@ocpp-ws-io/station';

const KEY = 'ocpp-playground:virtual-now';

/**
 * A clock at `speed`, starting where the last page left virtual time if that is ahead of real
 * time: at speed > 1 virtual time runs ahead, and a reload must not send it back (a transaction
 * ended by the reload would end before the moment it was last seen charging).
 */
export function createPageClock(speed: number): ScaledClock {
  const saved = Number(localStorage.getItem(KEY));
  const now = Date.now();
  return new ScaledClock({ speed, startMs: Number.isFinite(saved) && saved > now ? saved : now });
}

/** Keeps the latest virtual time a station saved its state at (see {@link createPageClock}). */
export function rememberVirtualTime(ms: number): void {
  if (ms > Number(localStorage.getItem(KEY) ?? 0)) localStorage.setItem(KEY, String(ms));
}
