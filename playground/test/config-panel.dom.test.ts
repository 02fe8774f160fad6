// @vitest-environment happy-dom
// The configuration editor (ui/config-panel.ts), data-driven from a station's snapshot: 1.6 keys
// as a list with their access rules, 2.x device-model variables grouped by component, changes
// through the station's configure() with its answer shown.
import type { ConfigKeyInfo } from '@ocpp-ws-io/station';
import { describe, expect, it, vi } from 'vitest';
import { type ConfigSource, configPanel, splitKey } from '../src/ui/config-panel.js';
import { snapshot } from './snapshots.js';

function source(
  config: Record<string, string>,
  keys: ConfigKeyInfo[] | undefined,
): ConfigSource & {
  configure: ReturnType<typeof vi.fn>;
} {
  const configure = vi.fn((key: string, value: string) => {
    const info = keys?.find((k) => k.key === key);
    if (!info) return 'NotSupported' as const;
    if (info.readOnly || value === 'bad') return 'Rejected' as const;
    return info.rebootRequired ? ('RebootRequired' as const) : ('Accepted' as const);
  });
  return {
    identity: 'CP-1',
    view: snapshot({ config }),
    station: keys ? { configKeys: () => keys, configure } : undefined,
    configure,
  };
}

const rowOf = (root: HTMLElement, key: string) =>
  root.querySelector<HTMLTableRowElement>(`tr[data-key="${key}"]`)!;

describe('configuration panel', () => {
  it('1.6: every key with its value; read-only keys are not editable, reboot-required ones say so', () => {
    const panel = configPanel();
    panel.show(
      source({ HeartbeatInterval: '300', NumberOfConnectors: '2', SecurityProfile: '0' }, [
        { key: 'HeartbeatInterval', readOnly: false, rebootRequired: false },
        { key: 'NumberOfConnectors', readOnly: true, rebootRequired: false },
        { key: 'SecurityProfile', readOnly: false, rebootRequired: true },
      ]),
    );
    const heartbeat = rowOf(panel.root, 'HeartbeatInterval');
    expect(heartbeat.querySelector('input')!.value).toBe('300');
    expect(heartbeat.querySelector('input')!.readOnly).toBe(false);
    expect(heartbeat.querySelector('button')!.getAttribute('aria-label')).toBe('Set HeartbeatInterval');
    const connectors = rowOf(panel.root, 'NumberOfConnectors');
    expect(connectors.querySelector('input')!.readOnly).toBe(true);
    expect(connectors.querySelector('button')).toBeNull();
    expect(connectors.textContent).toContain('read-only');
    expect(rowOf(panel.root, 'SecurityProfile').textContent).toContain('reboot');
    // No component groups for 1.6 keys.
    expect(panel.root.querySelectorAll('tr.group')).toHaveLength(0);
  });

  it('Set sends the typed value through configure() and shows the answer; the next snapshot does not undo typing', () => {
    const panel = configPanel();
    const s = source({ HeartbeatInterval: '300' }, [
      { key: 'HeartbeatInterval', readOnly: false, rebootRequired: false },
    ]);
    panel.show(s);
    const row = rowOf(panel.root, 'HeartbeatInterval');
    const input = row.querySelector('input')!;
    input.value = '120';
    input.dispatchEvent(new Event('input'));
    panel.show(s); // a snapshot still saying 300 arrives while the user types
    expect(input.value).toBe('120');
    row.querySelector('button')!.click();
    expect(s.configure).toHaveBeenCalledWith('HeartbeatInterval', '120');
    expect(row.querySelector('.outcome')!.textContent).toBe('Accepted');
    input.value = 'bad';
    row.querySelector('button')!.click();
    expect(row.querySelector('.outcome')!.textContent).toBe('Rejected');
  });

  it('2.x: variables grouped by component (with EVSE and instance), a profile without local changes shown read-only', () => {
    const panel = configPanel();
    panel.show(
      source(
        {
          'OCPPCommCtrlr.HeartbeatInterval': '300',
          'OCPPCommCtrlr.NetworkProfileConnectionAttempts': '3',
          'EVSE@1.Power:MaxSet': '22000',
          'DeviceDataCtrlr.ItemsPerMessage[GetReport]': '100',
        },
        undefined,
      ),
    );
    const groups = [...panel.root.querySelectorAll('tr.group')].map((g) => g.textContent);
    expect(groups).toEqual(['OCPPCommCtrlr', 'EVSE@1', 'DeviceDataCtrlr']);
    expect(rowOf(panel.root, 'EVSE@1.Power:MaxSet').querySelector('th')!.textContent).toBe('Power:MaxSet');
    expect(panel.root.querySelectorAll('tbody button')).toHaveLength(0);
    expect(panel.root.textContent).toContain('Connect the station');
  });

  it('the filter hides keys that do not match', () => {
    const panel = configPanel();
    panel.show(source({ HeartbeatInterval: '300', ConnectionTimeOut: '60' }, []));
    const filter = panel.root.querySelector<HTMLInputElement>('input[type=search]')!;
    filter.value = 'heart';
    filter.dispatchEvent(new Event('input'));
    expect(rowOf(panel.root, 'HeartbeatInterval').hidden).toBe(false);
    expect(rowOf(panel.root, 'ConnectionTimeOut').hidden).toBe(true);
    expect(panel.root.textContent).toContain('takes no local changes');
  });

  it('splits 2.x keys at the component, leaves 1.6 keys whole', () => {
    expect(splitKey('HeartbeatInterval')).toEqual({ group: '', name: 'HeartbeatInterval' });
    expect(splitKey('EVSE@1/1.AvailabilityState')).toEqual({ group: 'EVSE@1/1', name: 'AvailabilityState' });
    expect(splitKey('Connector[2]@1.Type')).toEqual({ group: 'Connector[2]@1', name: 'Type' });
  });
});
