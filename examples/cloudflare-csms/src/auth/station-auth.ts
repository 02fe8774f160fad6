// The handshake decision for one station: its own credential, a lock-out after repeated
// failures, and (development only) enrolment of an unknown identity. One log line per refusal,
// naming the identity and the reason, never a password (1.6 security whitepaper A01.FR.09).
import {
  type AuthDecision,
  type Handshake,
  type OCPPProtocol,
  timingSafeEqualString,
} from '@ocpp-ws-io/cloudflare';
import type { CredentialStore } from './credential-store.js';
import { LOCKOUT } from './lockout.js';
import { spendVerificationTime, verifyPassword } from './password-hash.js';
import { passwordProblemOn } from './password-rules.js';
import { secretOf, warnMisconfigured } from './secret.js';

/** The environment settings the decision reads. */
export interface StationAuthEnv {
  /** Development only: lets an unknown identity enrol once by presenting this as its password. */
  readonly ENROLMENT_SECRET?: string;
  /** The shared password of earlier versions of this example: no longer read. */
  readonly STATION_PASSWORD?: string;
}

/** HTTP status of a handshake refused because of a lock-out. */
export const LOCKED_OUT_STATUS = 429;

/** Told of each refusal, with the reason the log line gives (the station only sees the status). */
export type RefusalReport = (status: number, detail: string) => void;

type Refuse = (
  status: number,
  reason: string,
  detail?: string,
) => { accept: false; status: number; reason: string };

/** The refusal of one handshake: logged, reported, and the decision the core answers with. */
const refuser =
  (identity: string, report: RefusalReport | undefined): Refuse =>
  (status, reason, detail = reason) => {
    console.warn(`[auth] station ${identity} refused (${status}): ${detail}`);
    report?.(status, detail);
    return { accept: false as const, status, reason };
  };

/**
 * Decides a station's handshake:
 *
 * 1. locked out → 429 (the object adds Retry-After), whatever the password: a right password
 *    during the lock is refused too, or the lock would not slow a guesser down;
 * 2. no password (Basic auth, or the `token` query parameter browsers may use) → 401 with the
 *    Basic challenge, not counted: browsers send their credentials only after that challenge;
 * 3. from here the attempt counts as a failure until the password proves right, so parallel
 *    guesses see each other's count;
 * 4. a stored credential → PBKDF2 verification; none → refused, unless ENROLMENT_SECRET is set
 *    and the password is that secret: then its hash becomes the identity's own credential.
 */
export async function decideStation(
  { identity, password, searchParams, protocol }: Handshake,
  store: CredentialStore,
  env: StationAuthEnv,
  onRefused?: RefusalReport,
): Promise<AuthDecision<OCPPProtocol>> {
  const refuse = refuser(identity, onRefused);
  if (secretOf(env.STATION_PASSWORD)) {
    warnMisconfigured(
      'STATION_PASSWORD',
      'is set but no longer read: each station has its own credential now',
    );
  }
  const now = Date.now();
  const locked = await store.lockedForMs(now);
  if (locked > 0) return lockedOut(refuse, locked);
  const offered = password ?? searchParams.get('token') ?? '';
  if (offered === '') return refuse(401, 'Unauthorized', 'no password sent (Basic challenge)');

  const credential = await store.credential();
  const enrolment = secretOf(env.ENROLMENT_SECRET);
  const enrolmentProblem = enrolment === undefined ? undefined : passwordProblemOn(enrolment, protocol);
  if (!credential && enrolmentProblem) {
    // The server's fault, not the station's: not counted against it.
    warnMisconfigured(
      'ENROLMENT_SECRET',
      `breaks the password rules (${enrolmentProblem}); no station can enrol`,
    );
    return refuse(503, 'Service unavailable', 'unknown identity, and ENROLMENT_SECRET is unusable');
  }

  const attempt = await store.beginAttempt(now);
  if (attempt.lockedForMs > 0) return lockedOut(refuse, attempt.lockedForMs);
  const failed = (reason: string) =>
    refuse(
      401,
      'Unauthorized',
      `${reason}; ${attempt.failures} failed in a row` +
        (attempt.failures >= LOCKOUT.failuresBeforeLock ? ', now locked out' : ''),
    );

  const problem = passwordProblemOn(offered, protocol);
  if (problem) return failed(`malformed password (${problem})`);
  if (credential) {
    if (!(await verifyPassword(offered, credential))) return failed('wrong password');
    await store.clearFailures();
    return true;
  }
  if (enrolment === undefined || !timingSafeEqualString(offered, enrolment)) {
    await spendVerificationTime(offered); // as slow as a wrong password: identities stay unlisted
    return failed(
      enrolment === undefined ? 'unknown identity' : 'unknown identity, not the enrolment secret',
    );
  }
  await store.setPassword(offered, 'enrolment');
  console.warn(
    `[auth] station ${identity} enrolled with ENROLMENT_SECRET (development only): ` +
      'rotate or set its own credential before real use',
  );
  return true;
}

function lockedOut(refuse: Refuse, ms: number) {
  const seconds = Math.ceil(ms / 1000);
  return refuse(LOCKED_OUT_STATUS, 'Too many failed attempts', `locked out for ${seconds} s more`);
}
