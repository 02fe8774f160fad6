// Development values for `wrangler dev`, kept in .dev.vars: wrangler reads that file only for
// local development (`wrangler deploy` never uploads it) and git ignores it, so these values
// cannot reach a deployed Worker. Production sets API_TOKEN with `wrangler secret put` and
// leaves ENROLMENT_SECRET unset (see docs/guides/cloudflare-csms.md, "Before you deploy").
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a fresh clone gets. ENROLMENT_SECRET is the playground's default station password. */
export const DEV_VARS = {
  API_TOKEN: 'dev-only-api-token',
  ENROLMENT_SECRET: 'dev-station-password',
  // GET /dev/last-refusal/:identity answers why a handshake was refused (the playground asks).
  DEV_DIAGNOSTICS: '1',
};

const HEADER = `# Development values for \`wrangler dev\` only (written by scripts/start.mjs).
# wrangler deploy never reads this file, and git ignores it. In production:
#   wrangler secret put API_TOKEN        (and never set ENROLMENT_SECRET or DEV_DIAGNOSTICS)
`;

/**
 * Writes `<dir>/.dev.vars` with {@link DEV_VARS} unless it exists; true when it wrote it. The
 * exclusive create makes two starts at once (the playground and a test) safe.
 */
export function ensureDevVars(dir) {
  const body = Object.entries(DEV_VARS)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
  try {
    writeFileSync(join(dir, '.dev.vars'), `${HEADER}${body}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if (error.code === 'EEXIST') return false;
    throw error;
  }
}

/** The KEY=value lines of `<dir>/.dev.vars` (comments and blank lines skipped); {} when absent. */
export function readDevVars(dir) {
  let text;
  try {
    text = readFileSync(join(dir, '.dev.vars'), 'utf8');
  } catch {
    return {};
  }
  const vars = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    vars[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return vars;
}
