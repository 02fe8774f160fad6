// @vitest-environment happy-dom
// The fleet table (ui/fleet-panel.ts): one row per station with its connection, boot answer,
// connectors and power; the selected one marked; a row's button selects it.
import { describe, expect, it, vi } from 'vitest';
import { type FleetRow, fleetPanel } from '../src/ui/fleet-panel.js';
import { snapshot } from './snapshots.js';

function fleet(rows: FleetRow[]) {
  const f = {
    stations: rows,
    selectedIndex: 0,
    get selected() {
      return rows[this.selectedIndex]!;
    },
    select: vi.fn((i: number) => {
      f.selectedIndex = i;
    }),
  };
  return f;
}

const row = (identity: string, view = snapshot(), networkUp = true): FleetRow => ({
  identity,
  view,
  networkUp,
});

describe('fleet panel', () => {
  it('a row per station: connection, boot, connectors and power; a summary of the fleet', () => {
    const f = fleet([
      row('CP-1', snapshot({}, [{ status: 'Charging', powerW: 11_000 }, {}])),
      row('CP-1-2', snapshot({ boot: { status: 'Rejected', intervalS: 60, acceptedOnce: false } })),
      row('CP-1-3', snapshot({ started: false })),
    ]);
    const panel = fleetPanel(f);
    panel.update();
    const rows = [...panel.root.querySelectorAll('tbody tr')];
    expect(rows.map((r) => (r as HTMLElement).dataset.identity)).toEqual(['CP-1', 'CP-1-2', 'CP-1-3']);
    const cells = (r: Element) => [...r.children].map((c) => c.textContent);
    expect(cells(rows[0]!)).toEqual([
      'CP-1',
      'Online · OCPP 1.6',
      'Accepted',
      '1 Charging · 2 Available',
      '11.0 kW',
    ]);
    expect(cells(rows[1]!)[2]).toBe('Rejected');
    expect(rows[1]!.querySelector<HTMLElement>('td[data-boot]')!.dataset.boot).toBe('Rejected');
    expect(cells(rows[2]!).slice(1, 3)).toEqual(['Offline', '—']);
    expect(panel.root.querySelector('p')!.textContent).toBe(
      '3 stations · 2 online · 1 charging · 11.0 kW in total',
    );
    expect(panel.root.hidden).toBe(false);
  });

  it('marks the selected station; its button selects another', () => {
    const f = fleet([row('CP-1'), row('CP-1-2')]);
    const panel = fleetPanel(f);
    panel.update();
    const buttons = [...panel.root.querySelectorAll<HTMLButtonElement>('tbody button')];
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'false']);
    buttons[1]!.click();
    expect(f.select).toHaveBeenCalledWith(1);
    panel.update();
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'true']);
    expect(panel.root.querySelector('tr.selected')!.getAttribute('data-identity')).toBe('CP-1-2');
  });

  it('stays out of the way with one station', () => {
    const panel = fleetPanel(fleet([row('CP-1')]));
    panel.update();
    expect(panel.root.hidden).toBe(true);
  });
});
