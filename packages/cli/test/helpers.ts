// What the CLI tests run against: the scenarios package's reference CSMS, with its control behind
// an HTTP API of the @ocpp-ws-io/cloudflare router's shape, as --api expects; and an in-memory CliIo.

import type { CliIo } from '../src/index.js';

export { API_TOKEN, startControlApi } from '../../scenarios/test/helpers/control-api.js';
export { type Breakage, startReferenceCsms } from '../../scenarios/test/helpers/reference-csms.js';

/** A CliIo that keeps what the CLI writes. */
export function memoryIo(env: Record<string, string> = {}, signal?: AbortSignal) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    env,
    ...(signal ? { signal } : {}),
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}
