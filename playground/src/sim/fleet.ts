// The stations of the page: one per identity (CP-1, CP-1-2, CP-1-3…), each with its own client
// and connection, all on one virtual clock; one of them is selected for the detail panels.
import type { Connector } from '@ocpp-ws-io/browser';
import type { ScaledClock } from '@ocpp-ws-io/station';
import { identityOf, type Settings } from '../settings.js';
import { SimStation } from './sim-station.js';

/** Stations switched on at once: a fleet of 50 connecting together is a thundering herd. */
const CONNECT_CONCURRENCY = 5;

/**
 * Emits `arranged` when the list of stations changed, `selected` when another one was selected,
 * and `station` (detail: the SimStation) when one of them changed.
 */
export class Fleet extends EventTarget {
  stations: SimStation[] = [];
  #selected = 0;

  constructor(readonly clock: ScaledClock) {
    super();
  }

  get selected(): SimStation {
    return this.stations[this.#selected]!;
  }

  get selectedIndex(): number {
    return this.#selected;
  }

  get running(): boolean {
    return this.stations.some((s) => s.running);
  }

  /** Matches the settings (count, identities, connectors); stations that stay keep their history. */
  arrange(s: Settings): void {
    const existing = new Map(this.stations.map((st) => [st.identity, st]));
    const next = Array.from({ length: s.stations }, (_, i) => {
      const identity = identityOf(s, i + 1);
      const station = existing.get(identity) ?? this.#make(identity, s.connectors);
      station.showOff(s.connectors);
      return station;
    });
    for (const st of this.stations) if (!next.includes(st)) st.dispose();
    const changed = next.length !== this.stations.length || next.some((st, i) => st !== this.stations[i]);
    this.stations = next;
    this.#selected = Math.min(this.#selected, next.length - 1);
    if (changed) this.dispatchEvent(new Event('arranged'));
  }

  select(index: number): void {
    if (index === this.#selected || !this.stations[index]) return;
    this.#selected = index;
    this.dispatchEvent(new Event('selected'));
  }

  /** Switches every station on, a few at a time; resolves when each has its boot answer or failed. */
  async connectAll(s: Settings, inPage: () => Connector): Promise<void> {
    const queue = [...this.stations];
    const worker = async () => {
      for (let st = queue.shift(); st; st = queue.shift()) await st.connect(s, inPage);
    };
    await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, queue.length) }, worker));
  }

  async disconnectAll(): Promise<void> {
    await Promise.all(this.stations.map((st) => st.disconnect()));
  }

  #make(identity: string, connectors: number): SimStation {
    const station = new SimStation(identity, this.clock, connectors);
    station.addEventListener('change', () =>
      this.dispatchEvent(new CustomEvent<SimStation>('station', { detail: station })),
    );
    return station;
  }
}
