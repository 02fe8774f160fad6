// OCPP 2.1 periodic event streams: a monitor set with periodicEventStream parameters reports its
// values in a stream instead of NotifyEvent. The station opens the stream (OpenPeriodicEventStream),
// sends the values in NotifyPeriodicEventStream SEND frames every `interval` seconds or once
// `values` are waiting, lets the CSMS read (GetPeriodicEventStream) and adjust
// (AdjustPeriodicEventStream) them, and closes the stream (ClosePeriodicEventStream) when the
// monitor goes.

import type { OCPPClient } from '@ocpp-ws-io/core';
import type { ConstantStreamDataType } from '@ocpp-ws-io/schemas/ocpp2.1';
import type { Ocpp2 } from './profile.js';
import type { EventStream, Monitor } from './state.js';

export class Streams {
  constructor(private readonly p: Ocpp2) {}

  #of(monitorId: number): EventStream | undefined {
    return this.p.data.streams.find((s) => s.monitorId === monitorId);
  }

  /** Opens the stream of `monitor`; a CSMS that refuses it gets the monitor's events as NotifyEvent. */
  async open(monitor: Monitor): Promise<void> {
    if (!monitor.stream || this.#of(monitor.id)) return;
    const stream: EventStream = {
      id: this.p.data.nextStreamId++,
      monitorId: monitor.id,
      params: { ...monitor.stream },
      pending: [],
      open: false,
    };
    this.p.data.streams.push(stream);
    const answer = await this.p.send21('OpenPeriodicEventStream', {
      constantStreamData: this.#constant(stream),
    });
    if (answer?.status === 'Accepted') {
      stream.open = true;
      this.#arm(stream);
    } else {
      this.p.data.streams = this.p.data.streams.filter((s) => s !== stream);
      delete monitor.stream;
    }
    this.p.ctx.changed();
  }

  #constant(stream: EventStream): ConstantStreamDataType {
    return { id: stream.id, params: { ...stream.params }, variableMonitoringId: stream.monitorId };
  }

  /** A value of the monitor, for its stream: sent when `values` are waiting, else on the interval. */
  push(monitor: Monitor, value: string): void {
    const stream = this.#of(monitor.id);
    if (!stream) return;
    stream.pending.push({ atMs: this.p.ctx.clock.now(), value });
    const enough = stream.params.values !== undefined && stream.params.values > 0;
    if (enough && stream.pending.length >= (stream.params.values ?? 0)) this.#flush(stream);
  }

  #flush(stream: EventStream): void {
    if (!stream.open || !this.p.accepted || stream.pending.length === 0) return;
    const data = stream.pending.splice(0);
    const base = data[0]!.atMs;
    const client = this.p.ctx.client as OCPPClient<'ocpp2.1'>;
    client
      .send('NotifyPeriodicEventStream', {
        id: stream.id,
        pending: 0,
        basetime: this.p.iso(base),
        data: data.map((d) => ({ t: (d.atMs - base) / 1000, v: d.value.slice(0, 2500) })),
      })
      .catch((error: unknown) => this.p.ctx.fail(error));
  }

  /** Sends what waits every `interval` seconds. */
  #arm(stream: EventStream): void {
    const seconds = stream.params.interval ?? 0;
    const timer = `stream:${stream.id}`;
    if (!(seconds > 0) || !stream.open) {
      this.p.ctx.timers.clear(timer);
      return;
    }
    this.p.ctx.timers.set(timer, seconds * 1000, () => {
      this.#flush(stream);
      this.#arm(stream);
    });
  }

  /** The monitor went: what waits is sent, and the stream closed. */
  close(monitorId: number): void {
    const stream = this.#of(monitorId);
    if (!stream) return;
    this.#flush(stream);
    this.p.ctx.timers.clear(`stream:${stream.id}`);
    this.p.data.streams = this.p.data.streams.filter((s) => s !== stream);
    if (stream.open) void this.p.send21('ClosePeriodicEventStream', { id: stream.id });
  }

  /** GetPeriodicEventStream: the open streams. */
  list(): ConstantStreamDataType[] {
    return this.p.data.streams.filter((s) => s.open).map((s) => this.#constant(s));
  }

  /** AdjustPeriodicEventStream: new parameters for an open stream; Rejected for an unknown id. */
  adjust(
    id: number,
    params: { interval?: number | undefined; values?: number | undefined },
  ): 'Accepted' | 'Rejected' {
    const stream = this.p.data.streams.find((s) => s.id === id && s.open);
    if (!stream) return 'Rejected';
    stream.params = {
      ...(params.interval !== undefined ? { interval: params.interval } : {}),
      ...(params.values !== undefined ? { values: params.values } : {}),
    };
    this.#arm(stream);
    return 'Accepted';
  }

  /** After an accepted boot: streams saved open keep their timers. */
  accepted(): void {
    for (const s of this.p.data.streams) this.#arm(s);
  }
}
