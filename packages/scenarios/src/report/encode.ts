// A suite report small enough for a URL fragment (`#report=…`), so a result can be shared as a
// link: the cases' ids, statuses, reasons and failed steps (no frames, no warnings), as JSON,
// deflated (CompressionStream: browsers, Deno, Node ≥ 18, Workers) and base64url-encoded.

import { type CaseReport, REPORT_VERSION, type SuiteReport, summarize } from './report.js';

const STATUS = { passed: 'p', failed: 'f', skipped: 's' } as const;
const FROM_CODE = { p: 'passed', f: 'failed', s: 'skipped' } as const;

/** One case, compact: [id, status letter, name, reason?, step index?, step description?]. */
type CompactCase = [string, 'p' | 'f' | 's', string, string?, number?, string?];
interface Compact {
  v: number;
  p: SuiteReport['protocol'];
  e: string;
  i: string;
  t: string;
  d: number;
  k?: string;
  c: CompactCase[];
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  // A copy in its own ArrayBuffer: what every runtime's Response accepts as a body.
  const out = new Response(new Response(bytes.slice().buffer as ArrayBuffer).body!.pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * The report as a short URL-safe string (for `location.hash`). Frames and warnings are left out.
 *
 * @example
 * ```ts
 * location.hash = `report=${await encodeReport(report)}`;
 * ```
 */
export async function encodeReport(report: SuiteReport): Promise<string> {
  const compact: Compact = {
    v: REPORT_VERSION,
    p: report.protocol,
    e: report.endpoint,
    i: report.identity,
    t: report.startedAt,
    d: report.durationMs,
    ...(report.control ? { k: report.control } : {}),
    c: report.cases.map((c) => {
      const row: CompactCase = [c.id, STATUS[c.status], c.name];
      if (c.reason !== undefined || c.step) row.push(c.reason ?? '');
      if (c.step) row.push(c.step.index, c.step.description);
      return row;
    }),
  };
  const json = new TextEncoder().encode(JSON.stringify(compact));
  return toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/**
 * Reads what {@link encodeReport} wrote (throws on anything else).
 *
 * @example
 * ```ts
 * const report = await decodeReport(new URLSearchParams(location.hash.slice(1)).get('report')!);
 * ```
 */
export async function decodeReport(text: string): Promise<SuiteReport> {
  const bytes = await pipe(fromBase64Url(text), new DecompressionStream('deflate-raw'));
  const compact = JSON.parse(new TextDecoder().decode(bytes)) as Compact;
  if (compact.v !== REPORT_VERSION) throw new Error(`Report version ${compact.v} is not supported`);
  const cases: CaseReport[] = compact.c.map(([id, code, name, reason, index, description]) => ({
    id,
    name,
    status: FROM_CODE[code],
    ...(reason ? { reason } : {}),
    ...(index !== undefined ? { step: { index, description: description ?? '' } } : {}),
  }));
  return {
    version: REPORT_VERSION,
    protocol: compact.p,
    endpoint: compact.e,
    identity: compact.i,
    ...(compact.k ? { control: compact.k } : {}),
    startedAt: compact.t,
    durationMs: compact.d,
    summary: summarize(cases),
    cases,
  };
}
