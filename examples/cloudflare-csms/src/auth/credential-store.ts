// One station's credential and failed-handshake count, in its Durable Object's storage. The
// object is addressed by identity, so the keys need no identity in them.
import { type FailedAttempts, lockedForMs, withFailure } from './lockout.js';
import { hashPassword, type PasswordHash } from './password-hash.js';

/** The part of Durable Object storage this needs (`this.ctx.storage` fits as is). */
export interface KeyValueStorage {
  get<T = unknown>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<boolean>;
}

/** How the current credential came to be: set by the operator, by dev enrolment, or by A01 rotation. */
export type CredentialOrigin = 'api' | 'enrolment' | 'rotation';

export interface StoredCredential extends PasswordHash {
  readonly origin: CredentialOrigin;
  readonly updatedAt: string;
}

/** What the admin API shows about a station's credential: never the hash itself. */
export interface CredentialStatus {
  readonly set: boolean;
  readonly origin?: CredentialOrigin;
  readonly updatedAt?: string;
  readonly algorithm?: string;
  readonly iterations?: number;
  readonly failedAttempts: number;
  /** Seconds until the identity may try again; 0 when it is not locked out. */
  readonly lockedForS: number;
}

const CREDENTIAL = 'auth:credential';
const FAILURES = 'auth:failures';

export class CredentialStore {
  constructor(private readonly storage: KeyValueStorage) {}

  credential(): Promise<StoredCredential | undefined> {
    return this.storage.get<StoredCredential>(CREDENTIAL);
  }

  /** Hashes and stores `password` as the station's only credential (the previous one stops working). */
  async setPassword(password: string, origin: CredentialOrigin): Promise<void> {
    await this.setHash(await hashPassword(password), origin);
  }

  /** Stores an already computed hash: a rotation hashes before it asks the station, see rotation.ts. */
  async setHash(hashed: PasswordHash, origin: CredentialOrigin): Promise<void> {
    const credential: StoredCredential = { ...hashed, origin, updatedAt: new Date().toISOString() };
    await this.storage.put(CREDENTIAL, credential);
    await this.storage.delete(FAILURES);
  }

  /**
   * Starts a handshake attempt: the remaining lock in ms if the identity is locked out, else 0
   * after counting the attempt as a failure. Counting before the (slow) password check means
   * parallel guesses see each other, and a success undoes it ({@link clearFailures}). Only storage
   * calls happen in here, so the object's input gate keeps the read and the write together.
   */
  async beginAttempt(now: number): Promise<{ lockedForMs: number; failures: number }> {
    const record = await this.storage.get<FailedAttempts>(FAILURES);
    const locked = lockedForMs(record, now);
    if (locked > 0) return { lockedForMs: locked, failures: record?.count ?? 0 };
    const next = withFailure(record, now);
    await this.storage.put(FAILURES, next);
    return { lockedForMs: 0, failures: next.count };
  }

  /** Milliseconds until the identity may try again (0 when not locked out). */
  async lockedForMs(now: number): Promise<number> {
    return lockedForMs(await this.storage.get<FailedAttempts>(FAILURES), now);
  }

  /** After a successful handshake, or when the operator lifts a lock-out: forget the failures. */
  async clearFailures(): Promise<void> {
    await this.storage.delete(FAILURES);
  }

  async status(now: number): Promise<CredentialStatus> {
    const [credential, failures] = await Promise.all([
      this.credential(),
      this.storage.get<FailedAttempts>(FAILURES),
    ]);
    const base = {
      set: credential !== undefined,
      failedAttempts: failures?.count ?? 0,
      lockedForS: Math.ceil(lockedForMs(failures, now) / 1000),
    };
    if (!credential) return base;
    const { origin, updatedAt, algorithm, iterations } = credential;
    return { ...base, origin, updatedAt, algorithm, iterations };
  }
}
