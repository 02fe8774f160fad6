// @vitest-environment happy-dom
// The smart-charging chart from plain numbers (ui/power-chart.ts): where the limit steps down,
// where the drawn power runs, where "now" is — checked in the SVG's own coordinates.
import { describe, expect, it } from 'vitest';
import { type ChartData, powerChart, stepPath, yTicks } from '../src/ui/power-chart.js';

const HOUR = 3_600_000;
const T = Date.parse('2026-12-03T12:00:00Z');
// viewBox 640×220, plot from x 48 to 628 (580 wide), y 12 (top) to 192 (0 W, 180 high).
const xOf = (ms: number, data: ChartData) => 48 + ((ms - data.fromMs) / (data.toMs - data.fromMs)) * 580;
const yOf = (w: number, maxW: number) => Math.round((12 + 180 - (w / maxW) * 180) * 10) / 10;

const data: ChartData = {
  fromMs: T - HOUR,
  toMs: T + HOUR,
  nowMs: T,
  maxW: 22_000,
  // 22 kW (the hardware) until T - 30 min, then a 3.68 kW profile.
  limit: [
    { atMs: T - HOUR, limitW: 22_000 },
    { atMs: T - HOUR / 2, limitW: 3_680 },
  ],
  // The car drew 11 kW, then what the limit allows.
  power: [
    { atMs: T - HOUR, powerW: 11_000 },
    { atMs: T - HOUR / 2, powerW: 3_680 },
  ],
};

describe('power chart', () => {
  it('draws the limit as steps: 22 kW, then down to 3.68 kW half an hour before now, until the end', () => {
    const chart = powerChart(data, 'Connector 1');
    const limit = chart.querySelector('path[data-series="limit"]')!.getAttribute('d')!;
    const xStep = xOf(T - HOUR / 2, data);
    expect(limit).toBe(
      `M48,${yOf(22_000, 22_000)} L${xStep},${yOf(22_000, 22_000)} L${xStep},${yOf(3_680, 22_000)} L628,${yOf(3_680, 22_000)}`,
    );
  });

  it('draws the power drawn up to now only, as steps, over a filled area', () => {
    const chart = powerChart(data, 'Connector 1');
    const power = chart.querySelector('path[data-series="power"]')!.getAttribute('d')!;
    const now = xOf(T, data);
    expect(power.endsWith(`L${now},${yOf(3_680, 22_000)}`)).toBe(true);
    expect(power.startsWith(`M48,${yOf(11_000, 22_000)}`)).toBe(true);
    expect(chart.querySelector('path.power-area')!.getAttribute('d')).toContain(`L${now},192`);
    const nowLine = chart.querySelector('line.now')!;
    expect(Number(nowLine.getAttribute('x1'))).toBe(now);
  });

  it('is an image with a name for screen readers, and kW ticks from 0 to the top', () => {
    const chart = powerChart(data, 'Connector 1: drawing 3.7 kW');
    expect(chart.getAttribute('role')).toBe('img');
    expect(chart.getAttribute('aria-label')).toBe('Connector 1: drawing 3.7 kW');
    expect(chart.querySelector('title')!.textContent).toBe('Connector 1: drawing 3.7 kW');
    const labels = [...chart.querySelectorAll('g.tick text')].map((t) => t.textContent);
    expect(labels).toEqual(['0 kW', '10 kW', '20 kW']);
  });

  it('draws no power line before anything was drawn, and clamps what lies outside the window', () => {
    const chart = powerChart({ ...data, power: [] }, 'idle');
    expect(chart.querySelector('path[data-series="power"]')).toBeNull();
    const x = (ms: number) => Math.min(628, Math.max(48, xOf(ms, data)));
    expect(stepPath([{ atMs: T - 5 * HOUR, w: 1 }], T + 5 * HOUR, x, () => 0)).toBe('M48,0 L628,0');
  });

  it('picks round tick steps', () => {
    expect(yTicks(22_000)).toEqual([0, 10_000, 20_000]);
    expect(yTicks(7_400)).toEqual([0, 2_000, 4_000, 6_000]);
    expect(yTicks(11_000)).toEqual([0, 5_000, 10_000]);
  });
});
