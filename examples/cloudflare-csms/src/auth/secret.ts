// Secrets come from the Worker's environment (`wrangler secret put`, or .dev.vars under
// `wrangler dev`). A secret that is unset or blank is treated as absent, so every check that
// needs it refuses instead of comparing against `undefined` or an empty string (fail closed).

/** The secret's value, or undefined when it is unset, not a string, or only white space. */
export function secretOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

const warned = new Set<string>();

/**
 * Logs a configuration problem once per isolate: it concerns every request, and one line per
 * request would bury the station refusals in the log. Names the setting, never its value.
 */
export function warnMisconfigured(setting: string, problem: string): void {
  if (warned.has(setting)) return;
  warned.add(setting);
  console.error(`[config] ${setting} ${problem}`);
}
