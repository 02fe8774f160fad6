// @vitest-environment happy-dom
// The message log's traces (issue #15): Export downloads the station's trace as the documented
// JSON Lines; Import shows a trace read-only in the log, says which line of a bad file is wrong
// and never throws; Clear returns to the live session.
import { parseTrace, type TraceLine, traceLine, traceToJsonl } from '@ocpp-ws-io/scenarios';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageLog } from '../src/log/message-log.js';
import { MAX_TRACE_LINES, StationTrace } from '../src/log/station-trace.js';
import { logPanel } from '../src/ui/log-panel.js';

const meta = { side: 'station', identity: 'CP-T', protocol: 'ocpp1.6' } as const;
const BOOT: TraceLine[] = [
  traceLine(
    JSON.stringify([2, 'b1', 'BootNotification', { chargePointVendor: 'v', chargePointModel: 'm' }]),
    {
      ...meta,
      dir: 'out',
      atMs: Date.parse('2026-01-01T10:00:00.000Z'),
    },
  ),
  traceLine(
    JSON.stringify([3, 'b1', { status: 'Accepted', currentTime: '2026-01-01T10:00:00Z', interval: 60 }]),
    {
      ...meta,
      dir: 'in',
      atMs: Date.parse('2026-01-01T10:00:00.042Z'),
    },
  ),
  traceLine(JSON.stringify([2, 'c1', 'Reset', { type: 'Soft' }]), {
    ...meta,
    dir: 'in',
    atMs: Date.parse('2026-01-01T10:00:01.000Z'),
  }),
  traceLine(JSON.stringify([4, 'c1', 'NotSupported', 'no resets here', {}]), {
    ...meta,
    dir: 'out',
    atMs: Date.parse('2026-01-01T10:00:01.005Z'),
  }),
];

function mount(trace = new StationTrace('CP-T'), log = new MessageLog()) {
  const panel = logPanel(log, trace);
  document.body.replaceChildren(panel);
  const button = (name: string) =>
    [...panel.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;
  const fileInput = panel.querySelector<HTMLInputElement>('input[type=file]')!;
  /** Picks `text` as the file `name` in the Import dialog, as a person does. */
  const importFile = async (text: string, name: string) => {
    Object.defineProperty(fileInput, 'files', { configurable: true, value: [new File([text], name)] });
    fileInput.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(panel.querySelector('.banner')!.textContent).not.toBe(''));
  };
  const rows = () =>
    [...panel.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].slice(1, 5).map((td) => td.textContent),
    );
  return {
    panel,
    log,
    trace,
    button,
    importFile,
    rows,
    banner: () => panel.querySelector<HTMLElement>('.banner')!,
  };
}

afterEach(() => vi.restoreAllMocks());

describe('Export trace', () => {
  it('downloads every recorded line as JSON Lines that parseTrace reads back, named after the station', async () => {
    const trace = new StationTrace('CP-T');
    for (const line of BOOT) trace.write(line);
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:trace';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    let download = '';
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      download = this.download;
    });
    mount(trace).button('Export trace').click();
    expect(blobs).toHaveLength(1);
    const text = await blobs[0]!.text();
    expect(text).toBe(traceToJsonl(BOOT));
    expect(parseTrace(text)).toEqual(BOOT);
    expect(download).toMatch(/^CP-T-\d{4}-\d{2}-\d{2}T[\d-]+Z\.jsonl$/);
  });

  it('keeps the newest lines when the trace is full, counting what it dropped', () => {
    const trace = new StationTrace('CP/odd id');
    for (let i = 0; i < MAX_TRACE_LINES + 3; i++) trace.write(BOOT[i % BOOT.length]!);
    expect(trace.lines).toHaveLength(MAX_TRACE_LINES);
    expect(trace.dropped).toBe(3);
    expect(trace.lines[0]).toBe(BOOT[3]);
    expect(trace.fileName(new Date('2026-01-01T00:00:00Z'))).toBe('CP_odd_id-2026-01-01T00-00-00-000Z.jsonl');
  });
});

describe('Import trace', () => {
  it('shows the trace read-only in the log, from the station’s side, with its latencies', async () => {
    const ui = mount();
    ui.log.record('out', JSON.stringify([2, 'live', 'Heartbeat', {}]));
    await ui.importFile(traceToJsonl(BOOT), 'boot.jsonl');
    expect(ui.banner().textContent).toContain(
      'Showing the imported trace boot.jsonl (4 frames of CP-T, ocpp1.6), read-only.',
    );
    // Newest first: direction, type, action, latency.
    expect(ui.rows()).toEqual([
      ['→ CSMS', 'ERROR', 'Reset', '5 ms'],
      ['← CSMS', 'CALL', 'Reset', ''],
      ['← CSMS', 'RESULT', 'BootNotification', '42 ms'],
      ['→ CSMS', 'CALL', 'BootNotification', ''],
    ]);
    expect(ui.panel.querySelector('tr.problem')!.textContent).toContain('NotSupported: no resets here');
    // Live frames do not mix into an imported trace.
    ui.log.record('out', JSON.stringify([2, 'live2', 'Heartbeat', {}]));
    expect(ui.rows()).toHaveLength(4);
    ui.button('Clear').click();
    expect(ui.banner().hidden).toBe(true);
    expect(ui.rows()).toEqual([]);
  });

  it('a CSMS-side trace reads the same way: what the CSMS received came from the station', async () => {
    const ui = mount();
    const csmsSide = BOOT.map((l) => ({
      ...l,
      side: 'csms' as const,
      dir: l.dir === 'in' ? ('out' as const) : ('in' as const),
    }));
    await ui.importFile(traceToJsonl(csmsSide), 'csms.jsonl');
    expect(ui.rows().map((r) => r[0])).toEqual(['→ CSMS', '← CSMS', '← CSMS', '→ CSMS']);
  });

  it('a corrupted file says which line is wrong and leaves the live log as it was', async () => {
    const ui = mount();
    ui.log.record('out', JSON.stringify([2, 'live', 'Heartbeat', {}]));
    const lines = traceToJsonl(BOOT).split('\n');
    lines[2] = '{"v":1,"time":"2026-01-01T10:00:01.000Z","dir":"in"'; // cut off mid-line
    await ui.importFile(lines.join('\n'), 'cut.jsonl');
    expect(ui.banner().textContent).toMatch(/^Import failed: Trace line 3: not JSON \(/);
    expect(ui.log.importedFrom).toBeUndefined();
    await vi.waitFor(() => expect(ui.rows()).toEqual([['→ CSMS', 'CALL', 'Heartbeat', '']]));

    await ui.importFile(traceToJsonl(BOOT).replace('"v":1', '"v":9'), 'future.jsonl');
    expect(ui.banner().textContent).toBe(
      'Import failed: Trace line 1: version 9 is not supported (this reader knows version 1)',
    );
    await ui.importFile('\n\n', 'empty.jsonl');
    expect(ui.banner().textContent).toBe('Import failed: empty.jsonl has no trace lines');
  });

  it('Clear in the live session forgets the recorded trace too (Export then has what the log had)', () => {
    const trace = new StationTrace('CP-T');
    for (const line of BOOT) trace.write(line);
    mount(trace).button('Clear').click();
    expect(trace.lines).toEqual([]);
  });
});
