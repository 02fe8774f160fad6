// Who may connect: each station with its own password, from STATION_PASSWORDS
// ("CP-1=<password>,CP-2=<password>"). Unset or empty means no station is known, so every
// station is refused: there is no shared or default password to fall back on.
import { passwordProblem, timingSafeEqualString } from '@ocpp-ws-io/node';

// Compared against for unknown identities, so they take as long as a wrong password.
const NOBODY = 'x'.repeat(20);

/**
 * Parses STATION_PASSWORDS. An entry whose password no OCPP version allows (16–20 bytes for 1.6,
 * 16–40 characters for 2.0.1) is left out and reported, never accepted as it is.
 */
export function stationPasswords(text = '') {
  const passwords = new Map();
  const problems = [];
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf('=');
    const identity = at > 0 ? entry.slice(0, at) : entry;
    const password = at > 0 ? entry.slice(at + 1) : '';
    const problem = passwordProblem(password, 'ocpp2.0.1') && passwordProblem(password, 'ocpp1.6');
    if (problem) problems.push(`${identity}: ${problem}`);
    else passwords.set(identity, password);
  }
  return { passwords, problems };
}

/** The server's auth callback: the station's own password, compared in constant time. */
export function stationAuth(passwords, log = console.warn) {
  return ({ identity, password }) => {
    const expected = passwords.get(identity);
    const same = timingSafeEqualString(password ?? '', expected ?? NOBODY);
    if (same && expected !== undefined && password !== undefined) return true;
    const reason =
      expected === undefined ? 'unknown identity' : password === undefined ? 'no password' : 'wrong password';
    log(`[csms] ${identity} refused: ${reason}`);
    return false;
  };
}
