// Replaying an imported trace against the page's CSMS (replayTrace of @ocpp-ws-io/scenarios): the
// station's recorded calls go out again, and what the CSMS answers differently is listed.
import type { Connector } from '@ocpp-ws-io/browser';
import { type ReplayReport, replayTrace, type TraceLine } from '@ocpp-ws-io/scenarios';
import { h } from '../dom.js';

/** Where a replay goes: the page's current CSMS. */
export interface ReplayTarget {
  readonly endpoint: string;
  readonly connector: Connector;
  readonly password?: string;
  /** The CSMS in words ("Local demo CSMS"). */
  readonly label: string;
}

/** How long the CSMS may take per call: a person is watching. */
const ANSWER_TIMEOUT_MS = 10_000;

/**
 * Replays `lines` against `target` and writes into `out` what happened: the progress, then the
 * differences (or that there were none), or why the replay could not run.
 */
export async function replayInto(
  lines: readonly TraceLine[],
  out: HTMLElement,
  target: ReplayTarget,
): Promise<void> {
  const status = h('p', { role: 'status' }, `Replaying against ${target.label}…`);
  out.replaceChildren(status);
  delete out.dataset.outcome;
  let report: ReplayReport;
  try {
    report = await replayTrace(lines, {
      endpoint: target.endpoint,
      connector: target.connector,
      ...(target.password ? { password: target.password } : {}),
      answerTimeoutMs: ANSWER_TIMEOUT_MS,
      onCall: ({ index, action }) => {
        status.textContent = `Replaying against ${target.label}: frame ${index + 1}, ${action}…`;
      },
    });
  } catch (error) {
    out.dataset.outcome = 'error';
    status.textContent = `Replay failed: ${(error as Error).message}`;
    return;
  }
  const n = report.differences.length;
  out.dataset.outcome = n ? 'differences' : 'same';
  status.textContent = `Replayed ${report.calls} calls of ${report.identity} (${report.protocol}) against ${target.label}: ${
    n ? `${n} difference${n === 1 ? '' : 's'}` : 'the CSMS answered as recorded'
  }.`;
  if (n)
    out.append(
      h(
        'ul',
        { class: 'differences' },
        ...report.differences.map((d) => h('li', {}, `frame ${d.index + 1}: ${d.message}`)),
      ),
    );
}
