/**
 * Message ids: a random per-generator prefix plus a counter. Unique per sender across
 * connections (OCPP-J 2.1 §4.1.4) without a UUID per message, and always ≤ 36 characters.
 * Randomness is drawn lazily, on the first id, never at import (Workers forbid it at global scope).
 */
export function createIdGenerator(): () => string {
  let prefix = '';
  let counter = 0;
  return () => {
    if (prefix === '') prefix = randomPrefix();
    counter = counter >= Number.MAX_SAFE_INTEGER ? 1 : counter + 1;
    return `${prefix}${counter.toString(36)}`;
  };
}

function randomPrefix(): string {
  // getRandomValues, unlike randomUUID, also exists in insecure (plain http) browser contexts.
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += (b % 36).toString(36);
  return `${out}-`;
}
