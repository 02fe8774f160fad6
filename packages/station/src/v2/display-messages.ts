// Display messages (O01–O06): SetDisplayMessage stores a message within what the display supports
// (DisplayMessageCtrlr formats, priorities, capacity), GetDisplayMessages reports the matching
// ones in NotifyDisplayMessages, ClearDisplayMessage removes one. Messages past their endDateTime,
// and those of a transaction that ended, are gone.

import type {
  DisplayMessageStatusEnumType,
  GetDisplayMessagesRequest,
  MessageInfoType,
} from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { Ocpp2 } from './profile.js';

/** Messages per NotifyDisplayMessages. */
const PER_MESSAGE = 10;

export class DisplayMessages {
  constructor(private readonly p: Ocpp2) {}

  /** The messages in force now (expired ones are dropped). */
  #current(): MessageInfoType[] {
    const now = this.p.ctx.clock.now();
    const data = this.p.data;
    data.displayMessages = data.displayMessages.filter(
      (m) => !m.endDateTime || Date.parse(m.endDateTime) > now,
    );
    return data.displayMessages;
  }

  /** O01/O02: Accepted, or why the display cannot show it. The same id replaces its message. */
  set(message: MessageInfoType): DisplayMessageStatusEnumType {
    if (!this.p.flag('DisplayMessageCtrlr', 'Enabled')) return 'Rejected';
    if (!this.p.list('DisplayMessageCtrlr', 'SupportedFormats').includes(message.message.format))
      return 'NotSupportedMessageFormat';
    if (!this.p.list('DisplayMessageCtrlr', 'SupportedPriorities').includes(message.priority))
      return 'NotSupportedPriority';
    if (
      message.transactionId !== undefined &&
      !this.p.ctx.state.connectors.some((c) => c.transaction?.id === message.transactionId)
    )
      return 'UnknownTransaction';
    const others = this.#current().filter((m) => m.id !== message.id);
    const capacity = this.p.device.variables.find(
      (d) => d.component === 'DisplayMessageCtrlr' && d.variable === 'DisplayMessages',
    )?.maxLimit;
    if (capacity !== undefined && others.length >= capacity) return 'Rejected';
    this.p.data.displayMessages = [...others, structuredClone(message)];
    return 'Accepted';
  }

  /** O03/O04: Accepted when messages match (then reported after the answer), else Unknown. */
  get(req: GetDisplayMessagesRequest): 'Accepted' | 'Unknown' {
    const matching = this.#current().filter(
      (m) =>
        (!req.id || req.id.length === 0 || req.id.includes(m.id)) &&
        (req.priority === undefined || m.priority === req.priority) &&
        (req.state === undefined || m.state === req.state),
    );
    if (matching.length === 0) return 'Unknown';
    this.p.afterAnswer(`displayMessages:${req.requestId}`, async () => {
      for (let i = 0; i < matching.length; i += PER_MESSAGE) {
        const more = i + PER_MESSAGE < matching.length;
        await this.p.send(
          'NotifyDisplayMessages',
          {
            requestId: req.requestId,
            messageInfo: matching.slice(i, i + PER_MESSAGE),
            ...(more ? { tbc: true } : {}),
          },
          { requested: true },
        );
      }
    });
    return 'Accepted';
  }

  /** O05: removes the message with that id. */
  clear(id: number): 'Accepted' | 'Unknown' {
    const before = this.#current().length;
    this.p.data.displayMessages = this.p.data.displayMessages.filter((m) => m.id !== id);
    return this.p.data.displayMessages.length < before ? 'Accepted' : 'Unknown';
  }

  /** A message bound to a transaction ends with it. */
  transactionEnded(transactionId: string): void {
    this.p.data.displayMessages = this.p.data.displayMessages.filter(
      (m) => m.transactionId !== transactionId,
    );
  }
}
