// Reading the station's configuration values (plain strings in StationState.config) as numbers,
// booleans and lists. Every profile keeps its settings there under its own keys (1.6
// configuration keys, 2.x device-model variables) and reads them the same way.

/** Reads a number value (seconds, counts); 0 when absent or not a number. */
export function numberKey(config: Record<string, string>, key: string): number {
  const n = Number(config[key]);
  return Number.isFinite(n) ? n : 0;
}

/** Reads a boolean value: only the exact text `true` is true. */
export function boolKey(config: Record<string, string>, key: string): boolean {
  return config[key] === 'true';
}

/** Reads a comma-separated list value, trimmed, without empty items. */
export function listKey(config: Record<string, string>, key: string): string[] {
  return (config[key] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
