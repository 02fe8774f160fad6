// The power each connector drew, over virtual time: what the smart-charging chart plots under
// the schedule. The station's snapshots say what is drawn now; this keeps the past.

export interface PowerPoint {
  /** Virtual time, epoch ms. */
  readonly atMs: number;
  readonly powerW: number;
}

/** Points kept per connector: enough for the chart's window at any speed, bounded for long runs. */
const MAX_POINTS = 1_000;

export class PowerHistory {
  readonly #byConnector = new Map<number, PowerPoint[]>();

  /** Adds a reading; one equal to the last is only kept as the latest time (a flat line). */
  record(connectorId: number, atMs: number, powerW: number): void {
    let points = this.#byConnector.get(connectorId);
    if (!points) {
      points = [];
      this.#byConnector.set(connectorId, points);
    }
    const last = points[points.length - 1];
    if (last && atMs < last.atMs) points.length = 0; // virtual time went back: a new page clock
    const beforeLast = points[points.length - 2];
    // A run of equal readings needs its first and its last point only.
    if (last && beforeLast && last.powerW === powerW && beforeLast.powerW === powerW) points.pop();
    points.push({ atMs, powerW });
    if (points.length > MAX_POINTS) points.splice(0, points.length - MAX_POINTS);
  }

  /** Readings of a connector from `fromMs` on, with the one before it (where the line enters). */
  since(connectorId: number, fromMs: number): PowerPoint[] {
    const points = this.#byConnector.get(connectorId) ?? [];
    const first = points.findIndex((p) => p.atMs >= fromMs);
    if (first === -1) return points.slice(-1);
    return points.slice(Math.max(0, first - 1));
  }
}
