// Station passwords at rest: only a salted hash is stored (OCPP 1.6 security whitepaper ed. 2,
// A01.FR.08: "the Central System SHOULD only store salted password hashes"). PBKDF2-HMAC-SHA-256
// through WebCrypto, the one password KDF every Workers runtime offers.
import { timingSafeEqualString } from '@ocpp-ws-io/cloudflare';

/**
 * Iterations for new hashes. workerd refuses PBKDF2 above 100,000 iterations, so this is the
 * most the platform allows; one verification costs ~15 ms of CPU. Each stored hash carries its
 * own count, so changing this constant only affects passwords set afterwards.
 */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

/** A stored password hash: everything needed to verify, nothing to recover the password. */
export interface PasswordHash {
  readonly algorithm: 'PBKDF2-SHA-256';
  readonly iterations: number;
  /** Base64 of the random salt. */
  readonly salt: string;
  /** Base64 of the derived key. */
  readonly hash: string;
}

const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BITS,
  );
  return toBase64(new Uint8Array(bits));
}

/** Hashes a new password with a fresh random salt. */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return {
    algorithm: 'PBKDF2-SHA-256',
    iterations: PBKDF2_ITERATIONS,
    salt: toBase64(salt),
    hash: await derive(password, salt, PBKDF2_ITERATIONS),
  };
}

/** True when `password` derives to the stored hash; the derived keys are compared in constant time. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const derived = await derive(password, fromBase64(stored.salt), stored.iterations);
  return timingSafeEqualString(derived, stored.hash);
}

/**
 * Spends the time of one verification without a stored hash: an unknown identity is then refused
 * as slowly as a wrong password, so the timing does not tell which identities exist.
 */
export async function spendVerificationTime(password: string): Promise<void> {
  await derive(password, new Uint8Array(SALT_BYTES), PBKDF2_ITERATIONS);
}
