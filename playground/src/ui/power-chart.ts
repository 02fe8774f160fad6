// The smart-charging chart as inline SVG, from plain numbers: the limit in force (the composite
// schedule, a step line) and the power the car drew (a filled step area) over virtual time, with
// a line at "now". No chart library: the page keeps zero runtime dependencies beyond its own.
import { svg } from '../dom.js';

export interface ChartData {
  /** The window, virtual epoch ms. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly nowMs: number;
  /** The y axis's top, W (the connector's hardware limit). */
  readonly maxW: number;
  /** The limit from `atMs` on (the next step's atMs, or the window's end). */
  readonly limit: ReadonlyArray<{ readonly atMs: number; readonly limitW: number }>;
  /** Power readings, each holding until the next (the last until `nowMs`). */
  readonly power: ReadonlyArray<{ readonly atMs: number; readonly powerW: number }>;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 } as const;

interface Step {
  readonly atMs: number;
  readonly w: number;
}

/** The chart; `label` is what a screen reader hears (the numbers are in the panel's text too). */
export function powerChart(data: ChartData, label: string): SVGSVGElement {
  const span = Math.max(1, data.toMs - data.fromMs);
  const maxW = Math.max(1, data.maxW);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (ms: number) =>
    round(PAD.left + ((clamp(ms, data.fromMs, data.toMs) - data.fromMs) / span) * plotW);
  const y = (w: number) => round(PAD.top + plotH - (clamp(w, 0, maxW) / maxW) * plotH);

  const limit = stepPath(
    data.limit.map((s) => ({ atMs: s.atMs, w: s.limitW })),
    data.toMs,
    x,
    y,
  );
  const powerSteps = data.power.map((p) => ({ atMs: p.atMs, w: p.powerW }));
  const power = stepPath(powerSteps, data.nowMs, x, y);
  const baseline = y(0);
  // The area under the power line: down to the baseline at both ends.
  const area = power
    ? `${power} L${x(data.nowMs)},${baseline} L${x(powerSteps[0]?.atMs ?? data.nowMs)},${baseline} Z`
    : '';

  return svg(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      'aria-label': label,
      preserveAspectRatio: 'none',
    },
    svg('title', {}, label),
    ...yTicks(maxW).map((w) =>
      svg(
        'g',
        { class: 'tick' },
        svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(w), y2: y(w) }),
        svg('text', { x: PAD.left - 6, y: y(w) + 4, 'text-anchor': 'end' }, `${trim(w / 1000)} kW`),
      ),
    ),
    ...xTicks(data.fromMs, data.toMs).map((t) =>
      svg('text', { class: 'tick', x: x(t), y: HEIGHT - 8, 'text-anchor': 'middle' }, clockTime(t)),
    ),
    area ? svg('path', { class: 'power-area', d: area }) : null,
    power ? svg('path', { class: 'power', d: power, 'data-series': 'power' }) : null,
    limit ? svg('path', { class: 'limit', d: limit, 'data-series': 'limit' }) : null,
    svg('line', { class: 'now', x1: x(data.nowMs), x2: x(data.nowMs), y1: PAD.top, y2: baseline }),
    svg('text', { class: 'now-label', x: x(data.nowMs) + 4, y: PAD.top + 10 }, 'now'),
  );
}

/** "M x,y L x,y …" of a step line: each value holds until the next step (or `endMs`). */
export function stepPath(
  steps: readonly Step[],
  endMs: number,
  x: (ms: number) => number,
  y: (w: number) => number,
): string {
  const parts: string[] = [];
  steps.forEach((s, i) => {
    const until = steps[i + 1]?.atMs ?? endMs;
    if (until < s.atMs) return;
    parts.push(`${parts.length ? 'L' : 'M'}${x(s.atMs)},${y(s.w)}`, `L${x(until)},${y(s.w)}`);
  });
  return parts.join(' ');
}

/** Round kW steps (1, 2, 5 × 10ⁿ W) giving at most five lines from 0 to the top. */
export function yTicks(maxW: number): number[] {
  const rough = maxW / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const ticks: number[] = [];
  for (let w = 0; w <= maxW + 1e-9; w += step) ticks.push(w);
  return ticks;
}

/** Four or five round clock times in the window. */
function xTicks(fromMs: number, toMs: number): number[] {
  const span = toMs - fromMs;
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 240, 360, 720].map((m) => m * 60_000);
  const step = steps.find((s) => span / s <= 5) ?? steps[steps.length - 1]!;
  const ticks: number[] = [];
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs; t += step) ticks.push(t);
  return ticks;
}

const clockTime = (ms: number) =>
  new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (v: number) => Math.round(v * 10) / 10;
const trim = (kw: number) => String(Math.round(kw * 10) / 10);
