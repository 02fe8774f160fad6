import { formatTime, h } from '../dom.js';
import type { TimelineEvent } from '../sim/timeline.js';

const ICON: Record<TimelineEvent['kind'], string> = {
  connect: '⇄',
  // U+23FB (power symbol) is missing from common Linux fonts (an empty box in Debian's Chromium).
  boot: '▶',
  status: '•',
  transaction: '⚡',
  disconnect: '⨯',
  command: '↘',
  error: '!',
};

/** Lines shown: the station keeps as many. */
const MAX_SHOWN = 200;

/** The selected station's story, newest first. */
export function timelinePanel(): {
  root: HTMLElement;
  add(e: TimelineEvent): void;
  replace(events: readonly TimelineEvent[]): void;
} {
  const list = h('ol', { class: 'timeline', 'aria-live': 'polite' });
  const root = h(
    'section',
    { class: 'card', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, 'Timeline'),
    list,
  );
  const item = (e: TimelineEvent) =>
    h(
      'li',
      { dataset: { kind: e.kind } },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, ICON[e.kind]),
      h('time', {}, formatTime(e.at)),
      h('span', {}, e.text),
    );
  return {
    root,
    add(e) {
      list.prepend(item(e));
      while (list.children.length > MAX_SHOWN) list.lastElementChild?.remove();
    },
    replace(events) {
      list.replaceChildren(...events.slice(-MAX_SHOWN).reverse().map(item));
    },
  };
}
