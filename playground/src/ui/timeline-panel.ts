import { formatTime, h } from '../dom.js';
import type { TimelineEvent } from '../station/station.js';

const ICON: Record<TimelineEvent['kind'], string> = {
  connect: '⇄',
  // U+23FB (power symbol) is missing from common Linux fonts (an empty box in Debian's Chromium).
  boot: '▶',
  transaction: '⚡',
  disconnect: '⨯',
  command: '↘',
  error: '!',
};

/** The session's story, newest first. */
export function timelinePanel(): { root: HTMLElement; add(e: TimelineEvent): void } {
  const list = h('ol', { class: 'timeline', 'aria-live': 'polite' });
  const root = h(
    'section',
    { class: 'card', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, 'Timeline'),
    list,
  );
  return {
    root,
    add(e) {
      list.prepend(
        h(
          'li',
          { dataset: { kind: e.kind } },
          h('span', { class: 'icon', 'aria-hidden': 'true' }, ICON[e.kind]),
          h('time', {}, formatTime(e.at)),
          h('span', {}, e.text),
        ),
      );
      while (list.children.length > 200) list.lastElementChild?.remove();
    },
  };
}
