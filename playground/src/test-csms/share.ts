// A report in the page's URL fragment (`#report=…`, encodeReport of @ocpp-ws-io/scenarios): the
// fragment never reaches a server, so a link shares a result without storing it anywhere.
import { decodeReport, encodeReport, type SuiteReport } from '@ocpp-ws-io/scenarios';

const KEY = 'report';

/** What the fragment holds: nothing, a report, or a `#report=` that cannot be read (and why). */
export type SharedReport =
  | { readonly kind: 'none' }
  | { readonly kind: 'report'; readonly report: SuiteReport }
  | { readonly kind: 'unreadable'; readonly problem: string };

/** The link that shows `report` read-only: this page's address with the report as its fragment. */
export async function shareLink(report: SuiteReport, page: string): Promise<string> {
  const url = new URL(page);
  url.hash = `${KEY}=${await encodeReport(report)}`;
  return url.href;
}

/** Reads `hash` (`location.hash`); never throws: a damaged link is a message, not a crash. */
export async function readSharedReport(hash: string): Promise<SharedReport> {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(KEY);
  if (value === null) return { kind: 'none' };
  try {
    return { kind: 'report', report: await decodeReport(value) };
  } catch (error) {
    return { kind: 'unreadable', problem: (error as Error).message || String(error) };
  }
}
