#!/usr/bin/env node
// Hand-written mutants: each breaks one rule of the engine or an adapter on purpose, and the tests
// that guard that rule must then fail. A mutant the tests survive is a rule nobody checks — write
// the missing test, or explain here why the change is harmless. Slow (one vitest run per mutant,
// ~30 s for the core suite), so not part of `npm test`:
//   node scripts/mutants.mjs            every mutant
//   node scripts/mutants.mjs 3 7        only these (numbers as listed)
//   node scripts/mutants.mjs --list     the catalogue
// Sources are restored after each run, also on Ctrl-C. Needs no build: tests run against src/.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The workspace's pinned pnpm, as scripts/run.mjs runs it.
const pnpm = `pnpm@${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1]}`;
const CORE = ['packages/core'];
const NODE = [
  'packages/node/test/node.test.ts',
  'packages/node/test/resilience.test.ts',
  'packages/node/test/security.test.ts',
];
const DENO = ['packages/deno/test/deno-server.test.ts'];
const WORKERS = [
  'packages/cloudflare/test/router.test.ts',
  'packages/cloudflare/test/csms.test.ts',
  'packages/cloudflare/test/resilience.test.ts',
];
const BROWSER = ['packages/browser/test/unit.test.ts', 'packages/browser/test/browser.test.ts'];

/** [file, text to find (exactly once), replacement, the rule it breaks, test paths (default core)] */
const MUTANTS = [
  // Framing (OCPP-J §4)
  [
    'packages/core/src/frames.ts',
    'readableId.length > MAX_MESSAGE_ID_LENGTH',
    'readableId.length > MAX_MESSAGE_ID_LENGTH + 1',
    'message ids are at most 36 characters',
  ],
  [
    'packages/core/src/frames.ts',
    'export const MAX_ERROR_DESCRIPTION = 255;',
    'export const MAX_ERROR_DESCRIPTION = 256;',
    'errorDescription is at most 255 characters (2.0.1 §4.2.3)',
  ],
  [
    'packages/core/src/frames.ts',
    'const safeDetails: unknown = details === null ? {} : details;',
    'const safeDetails: unknown = details;',
    'null errorDetails read as {}',
  ],
  [
    'packages/core/src/frames.ts',
    "if (protocol === 'ocpp2.0.1') {",
    "if (protocol !== 'ocpp1.6') {",
    'unknown message type: only 2.0.1 answers MessageTypeNotSupported',
  ],
  [
    'packages/core/src/errors.ts',
    "RpcFrameworkError: 'FormationViolation',",
    "RpcFrameworkError: 'GenericError',",
    '1.6 has no RpcFrameworkError: FormationViolation stands in',
  ],
  [
    'packages/core/src/utf8.ts',
    '  if (text.length * 3 <= max) return false;\n',
    '  if (text.length * 2 <= max) return false;\n',
    'frame limits count UTF-8 bytes exactly',
  ],
  // Inbound calls
  [
    'packages/core/src/endpoint.ts',
    'if (++this.#bad > this.#config.maxBad',
    'if (++this.#bad >= this.#config.maxBad',
    'close 1002 only after more than maxBadMessages',
  ],
  [
    'packages/core/src/endpoint.ts',
    'if (frame.type !== CALLRESULT || call) this.#bad = 0;',
    'this.#bad = 0;',
    'a stray CALLRESULT does not end a run of bad frames',
  ],
  [
    'packages/core/src/endpoint.ts',
    '    if (violation) return [violation[0], violation[1], true];\n    this.#bad = 0;',
    '    if (violation) return [violation[0], violation[1], true];',
    'a valid CALL ends a run of bad frames',
  ],
  [
    'packages/core/src/endpoint.ts',
    'if (this.#inbound.has(id))',
    'if (false)',
    'a message id already being handled is refused (2.x §4.2.3)',
  ],
  [
    'packages/core/src/endpoint.ts',
    "if (!handler) return ['NotSupported',",
    "if (!handler) return ['NotImplemented',",
    'known action without handler → NotSupported',
  ],
  [
    'packages/core/src/endpoint.ts',
    "message === code ? '' : message,",
    'message,',
    'an RPCError without description sends an empty one',
  ],
  [
    'packages/core/src/endpoint.ts',
    '          toProtocolErrorCode(protocol, code),',
    '          code,',
    'never send an error code the version does not define',
  ],
  [
    'packages/core/src/endpoint.ts',
    '      if (!isSend) this.#writeError(transport, CALLERROR, id, code, description);',
    '      this.#writeError(transport, CALLERROR, id, code, description);',
    'SEND frames are never answered (2.1 §4.2.4)',
  ],
  [
    'packages/core/src/endpoint.ts',
    '          this.#config.expose && error instanceof Error ? error.message',
    '          error instanceof Error ? error.message',
    'handler error messages stay private unless exposeHandlerErrors',
  ],
  [
    'packages/core/src/endpoint.ts',
    "if (this.#protocol === 'ocpp2.1' && /^\\s*\\[\\s*3\\s*,/.test(data))",
    'if (/^\\s*\\[\\s*3\\s*,/.test(data))',
    'CALLRESULTERROR exists only in 2.1',
  ],
  // Outbound calls
  [
    'packages/core/src/endpoint.ts',
    'this.#inFlight.size >= this.#config.maxInFlight)) return;',
    'this.#inFlight.size > this.#config.maxInFlight)) return;',
    'one CALL in flight per direction',
  ],
  // Client
  [
    'packages/core/src/backoff.ts',
    'const doublings = Math.min(attempt, options.repeatTimes);',
    'const doublings = attempt;',
    'back-off doubles at most RetryBackOffRepeatTimes (2.x §5.3)',
  ],
  [
    'packages/core/src/backoff.ts',
    ' + Math.floor(random() * options.randomRangeMs);',
    ';',
    'back-off adds random(RetryBackOffRandomRange)',
  ],
  [
    'packages/core/src/client.ts',
    'const protocols: string[] = this.protocol ? [this.protocol] : [...this.#offered];',
    'const protocols: string[] = [...this.#offered];',
    'reconnects keep the negotiated protocol',
  ],
  [
    'packages/core/src/client.ts',
    '(error instanceof ConnectError && !error.retryable) ||',
    'false ||',
    'a non-retryable connect error stops reconnecting',
  ],
  [
    'packages/core/src/client.ts',
    "this.#end(info, 'Client closed', state === 'reconnecting');",
    "this.#end(info, 'Client closed', true);",
    'close() before any connection emits no close event',
  ],
  // Server handshake
  [
    'packages/core/src/server.ts',
    "if (this.closing) return this.reject(503, 'Server is closing', undefined);",
    '',
    'a closing server refuses upgrades',
  ],
  [
    'packages/core/src/server.ts',
    '    if (problem) return this.reject(400, problem, split.identity);\n',
    '',
    'identity rules per version (2.x §3.1.1)',
  ],
  [
    'packages/core/src/server.ts',
    '    if (authorization && !credentials)\n',
    '    if (false)\n',
    'a malformed Authorization header is a 401',
  ],
  [
    'packages/core/src/server.ts',
    'if (credentials && credentials.username !== split.identity) {',
    'if (false) {',
    'the Basic-auth username is the identity',
  ],
  [
    'packages/core/src/server.ts',
    'if (!offered.includes(decision.protocol) || !this.order.includes(decision.protocol)) {',
    'if (!this.order.includes(decision.protocol)) {',
    'auth may only pick an offered protocol',
  ],
  [
    'packages/core/src/server.ts',
    "    if (previous) previous.close(1000, 'Replaced by a new connection');\n",
    '',
    'a reconnecting identity replaces its old connection',
  ],
  [
    'packages/core/src/handshake.ts',
    'for (const p of serverOrder) if (offered.includes(p)) return p;',
    'for (const p of offered) if ((serverOrder as readonly string[]).includes(p)) return p as OCPPProtocol;',
    'the server preference order decides',
  ],
  [
    'packages/core/src/handshake.ts',
    '    const p = part.trim();',
    '    const p = part;',
    'Sec-WebSocket-Protocol entries are trimmed',
  ],
  [
    'packages/core/src/handshake.ts',
    "new TextDecoder('utf-8', { fatal: true })",
    "new TextDecoder('utf-8')",
    'Basic credentials must be UTF-8',
  ],
  [
    'packages/core/src/handshake.ts',
    "const colon = text.indexOf(':');",
    "const colon = text.lastIndexOf(':');",
    'a password may contain ":"',
  ],
  [
    'packages/core/src/handshake.ts',
    "return { path: pathname.slice(0, slash) || '/', identity };",
    'return { path: pathname.slice(0, slash), identity };',
    'an identity at the root has path "/"',
  ],
  [
    'packages/core/src/handshake.ts',
    'const IDENTITY_2X = /^[A-Za-z0-9*\\-_=+|@.]{1,48}$/;',
    'const IDENTITY_2X = /^[A-Za-z0-9*\\-_=+|@.]{1,49}$/;',
    '2.x identities are at most 48 characters',
  ],
  [
    'packages/core/src/handshake.ts',
    'const IDENTITY_16 = /^[^\\u0000-\\u001f\\u007f/]{1,255}$/;',
    'const IDENTITY_16 = /^[^\\u0000-\\u001f\\u007f]{1,255}$/;',
    'no "/" in a 1.6 identity',
  ],
  // Security helpers
  [
    'packages/core/src/security.ts',
    'let diff = given.length ^ wanted.length;',
    'let diff = 0;',
    'a longer secret with the right prefix does not match',
  ],
  ['packages/core/src/security.ts', ' || password.length % 2 !== 0)', ')', '1.6 hex keys are whole bytes'],
  [
    'packages/core/src/security.ts',
    'bytes < 16 || bytes > 20 ?',
    'bytes < 16 || bytes > 21 ?',
    '1.6 passwords are 16–20 bytes',
  ],
  [
    'packages/core/src/security.ts',
    'for (const _ of password) chars++;',
    'chars = password.length;',
    '2.x passwords count code points',
  ],
  // Durable delivery (OCPP 1.6 §3.7.1)
  [
    'packages/core/src/durable-lane.ts',
    'if (attempts >= this.maxAttempts) {',
    'if (attempts > this.maxAttempts) {',
    'given up after maxAttempts',
  ],
  [
    'packages/core/src/durable-lane.ts',
    '    }, this.retryIntervalMs * attempts);',
    '    }, this.retryIntervalMs);',
    'retried after attempts × interval',
  ],
  [
    'packages/core/src/durable-lane.ts',
    "if (this.awaitingBoot && action === 'BootNotification' && payload.status === 'Accepted') {",
    "if (this.awaitingBoot && action === 'BootNotification') {",
    'only an Accepted boot releases stored messages',
  ],
  [
    'packages/core/src/durable-lane.ts',
    '    void this.store.put(updated).catch((e: unknown) => host.error(e));\n',
    '',
    'the attempt count is stored',
  ],
  [
    'packages/core/src/durable-lane.ts',
    "    if (kind === 'timeout') {\n      this.lane.unshift(call);\n      return;\n    }\n",
    '',
    'a timed-out message is sent again without counting an attempt',
  ],
  [
    'packages/core/src/durable-lane.ts',
    'if (this.lane.length + this.storing >= this.maxStored) {',
    'if (this.lane.length >= this.maxStored) {',
    'writes in progress count against maxStoredMessages',
  ],
  // Node adapter
  [
    'packages/node/src/ws-transport.ts',
    '    if (this.pongTimer) clearTimeout(this.pongTimer);\n    this.pongTimer = undefined;\n    if (this.sink) this.sink.pong?.();',
    '    if (this.sink) this.sink.pong?.();',
    'a pong keeps a live peer (no termination after pongTimeoutMs)',
    NODE,
  ],
  [
    'packages/node/src/ws-transport.ts',
    '      this.socket.terminate();\n    }, pongTimeoutMs);',
    '    }, pongTimeoutMs);',
    'no pong within pongTimeoutMs: the peer is dropped (half-open TCP)',
    NODE,
  ],
  [
    'packages/node/src/ws-transport.ts',
    '    else this.later((sink) => sink.message(text));',
    '',
    'frames that arrive before the engine is attached are kept',
    NODE,
  ],
  [
    'packages/node/src/server.ts',
    '      if (dir !== this.pathPrefix) {',
    '      if (!dir.startsWith(this.pathPrefix)) {',
    'the path option is the whole directory of the identity (others 404)',
    NODE,
  ],
  [
    'packages/node/src/http-reject.ts',
    "  const clean = (s: string) => s.replace(/[\\r\\n]+/g, ' ');",
    '  const clean = (s: string) => s;',
    'no CR/LF from a reason or header reaches the HTTP response',
    NODE,
  ],
  [
    'packages/node/src/file-store.ts',
    '      await rename(temp, this.path);',
    "      await rename(temp, this.path + '.other');",
    'the file store replaces its file atomically',
    NODE,
  ],
  // Deno and Workers adapters
  [
    'packages/deno/src/server.ts',
    '    for (const [name, value] of Object.entries(decision.headers)) response.headers.set(name, value);',
    '',
    'Deno: the 101 echoes the chosen subprotocol',
    DENO,
  ],
  [
    'packages/cloudflare/src/router.ts',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text, not a template
    "if (pathname.startsWith(`${ocppPath}/`) && !pathname.slice(ocppPath.length + 1).includes('/')) {",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text, not a template
    'if (pathname.startsWith(`${ocppPath}/`)) {',
    'Workers router: only <ocppPath>/<identity> reaches a station object',
    WORKERS,
  ],
  [
    'packages/cloudflare/src/router.ts',
    "      if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {",
    '      if (false) {',
    'Workers router: a plain request gets 426 without waking an object',
    WORKERS,
  ],
  [
    'packages/cloudflare/src/storage-store.ts',
    '    await this.storage.delete(this.prefix + key);',
    '    await this.storage.delete(key);',
    'Durable Object store: delete only its own prefixed key',
    WORKERS,
  ],
  // Browser adapter
  [
    'packages/browser/src/close-code.ts',
    '(code >= 3000 && code <= 4999)',
    '(code >= 3000 && code < 4999)',
    'browsers may send 3000–4999',
    BROWSER,
  ],
  [
    'packages/browser/src/close-code.ts',
    'return 4000 + (code - 1000);',
    'return 4000 + (code - 1001);',
    '1002 → 4002 keeps the RFC code readable',
    BROWSER,
  ],
  [
    'packages/browser/src/transport.ts',
    '    if (this.pending) this.chain(() => this.emit(delivery));\n    else this.emit(delivery);',
    '    this.emit(delivery);',
    'frames keep their order behind a Blob',
    BROWSER,
  ],
  [
    'packages/browser/src/connector.ts',
    '          if (!request.protocols.includes(protocol)) {',
    '          if (!protocol) {',
    'a subprotocol that was not offered fails the connect',
    BROWSER,
  ],
  [
    'packages/browser/src/auth-url.ts',
    '    url.password = encodeURIComponent(request.password);',
    '    url.password = request.password;',
    'a "%" in a password survives the userinfo',
    BROWSER,
  ],
];

if (process.argv.includes('--list')) {
  for (const [i, [file, , , rule]] of MUTANTS.entries()) console.log(`${i} ${rule}  (${file})`);
  process.exit(0);
}
const only = process.argv.slice(2).map(Number);
let restore;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    restore?.();
    process.exit(130);
  });
}

const survivors = [];
for (const [i, [file, from, to, rule, tests = CORE]] of MUTANTS.entries()) {
  if (only.length && !only.includes(i)) continue;
  const path = join(root, file);
  const original = readFileSync(path, 'utf8');
  if (original.split(from).length !== 2) {
    console.log(`${i} STALE  ${file}: the text to mutate is not there exactly once — update the mutant`);
    survivors.push(i);
    continue;
  }
  restore = () => writeFileSync(path, original);
  writeFileSync(
    path,
    original.replace(from, () => to),
  );
  try {
    const run = spawnSync('npx', ['-y', pnpm, 'exec', 'vitest', 'run', ...tests], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 600_000,
    });
    const killed = run.status !== 0;
    if (!killed) survivors.push(i);
    console.log(`${i} ${killed ? 'killed' : 'SURVIVED'}  ${rule}  (${file})`);
  } finally {
    restore();
    restore = undefined;
  }
}
console.log(survivors.length ? `\nsurvived or stale: ${survivors.join(' ')}` : '\nevery mutant was killed');
process.exitCode = survivors.length ? 1 : 0;
