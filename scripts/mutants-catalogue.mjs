// The mutants of scripts/mutants.mjs: each breaks one rule of the engine or an adapter on purpose,
// and the tests that guard the rule must then fail. A mutant the tests survive is a rule nobody
// checks — write the missing test, or explain here why the change is harmless. When the code a
// mutant names moves, the runner reports it STALE: move the mutant with it.

/** The test sets a mutant names (paths as vitest takes them). */
export const CORE = ['packages/core'];
export const NODE = [
  'packages/node/test/node.test.ts',
  'packages/node/test/resilience.test.ts',
  'packages/node/test/security.test.ts',
  'packages/node/test/cross-runtime.test.ts',
];
export const DENO = ['packages/deno/test/deno-server.test.ts', 'packages/deno/test/cross-runtime.test.ts'];
export const WORKERS = [
  'packages/cloudflare/test/router.test.ts',
  'packages/cloudflare/test/socket-transport.test.ts',
  'packages/cloudflare/test/csms.test.ts',
  'packages/cloudflare/test/resilience.test.ts',
  'packages/cloudflare/test/cross-runtime.test.ts',
];
export const BROWSER = [
  'packages/browser/test/unit.test.ts',
  'packages/browser/test/browser.test.ts',
  'packages/browser/test/cross-runtime.test.ts',
];

/** [file, text to find (exactly once), replacement, the rule it breaks, test paths (default core)] */
export const MUTANTS = [
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
    "    if (!refusal || refusal.code === 'NotSupported') this.#bad = 0;\n",
    '',
    'a valid CALL ends a run of bad frames',
  ],
  [
    'packages/core/src/inbound-call.ts',
    '  if (busy)\n',
    '  if (false)\n',
    'a message id already being handled is refused (2.x §4.2.3)',
  ],
  [
    'packages/core/src/inbound-call.ts',
    "if (!handler) return refusal('NotSupported',",
    "if (!handler) return refusal('NotImplemented',",
    'known action without handler → NotSupported',
  ],
  [
    'packages/core/src/inbound-call.ts',
    "message === code ? '' : message",
    'message',
    'an RPCError without description sends an empty one',
  ],
  [
    'packages/core/src/inbound-call.ts',
    'toProtocolErrorCode(protocol, code),',
    'code,',
    'never send an error code the version does not define',
  ],
  [
    'packages/core/src/endpoint.ts',
    '      if (!isSend) this.#writeError(',
    '      this.#writeError(',
    'SEND frames are never answered (2.1 §4.2.4)',
  ],
  [
    'packages/core/src/inbound-call.ts',
    'config.expose && error instanceof Error ? error.message',
    'error instanceof Error ? error.message',
    'handler error messages stay private unless exposeHandlerErrors',
  ],
  [
    'packages/core/src/endpoint.ts',
    "if (this.#protocol === 'ocpp2.1' && fault.messageType === CALLRESULT)",
    'if (fault.messageType === CALLRESULT)',
    'CALLRESULTERROR exists only in 2.1',
  ],
  [
    'packages/core/src/frames.ts',
    'responseId: id, messageType: messageType as number };',
    'responseId: id };',
    'a fault says which message type it was about: a bad 2.1 CALLRESULT gets CALLRESULTERROR (§4.2.3)',
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
    '    void this.writes.track(this.store.put(updated)).catch(this.report);\n',
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
    '    if (this.pongTimer) clearTimeout(this.pongTimer);\n    this.pongTimer = undefined;\n',
    '',
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
    'packages/core/src/buffered-transport.ts',
    '    else this.#later((s) => s.message(data));',
    '',
    'frames that arrive before the engine is attached are kept',
    [...CORE, ...NODE],
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
    'this.storage.delete(this.prefix + key)',
    'this.storage.delete(key)',
    'Durable Object store: delete only its own prefixed key',
    WORKERS,
  ],
  // Browser adapter
  [
    'packages/core/src/close-frame.ts',
    '(code >= 3000 && code <= 4999)',
    '(code >= 3000 && code < 4999)',
    'scripts may send 3000–4999 (WHATWG close())',
    [...CORE, ...BROWSER],
  ],
  [
    'packages/core/src/close-frame.ts',
    '4000 + (code - 1000)',
    '4000 + (code - 1001)',
    '1002 → 4002 keeps the RFC code readable',
    [...CORE, ...BROWSER],
  ],
  [
    'packages/browser/src/transport.ts',
    '      else this.onBinary();',
    '      else this.onText(String(data));',
    'a binary frame is refused unread, in the browser too (OCPP-J §4.1.2)',
    BROWSER,
  ],
  [
    'packages/core/src/client.ts',
    'if (!protocols.includes(protocol) || !isOCPPProtocol(protocol)) {',
    'if (!isOCPPProtocol(protocol)) {',
    'a subprotocol that was not offered fails the connect',
    [...CORE, ...BROWSER],
  ],
  [
    'packages/browser/src/auth-url.ts',
    '    url.password = encodeURIComponent(request.password);',
    '    url.password = request.password;',
    'a "%" in a password survives the userinfo',
    BROWSER,
  ],
  // One rule in every runtime (issue #13)
  [
    'packages/core/src/close-frame.ts',
    '  const { read } = new TextEncoder().encodeInto(reason, new Uint8Array(MAX_CLOSE_REASON_BYTES));\n  return reason.slice(0, read);',
    '  return reason;',
    'close reasons are cut to 123 bytes (RFC 6455 §5.5): no runtime throws over them',
    [...CORE, ...NODE, ...WORKERS],
  ],
  [
    'packages/core/src/close-frame.ts',
    "(codes === 'protocol' && code > 1000 && code <= 1014 && (code < 1004 || code > 1006))",
    "(codes === 'protocol' && code > 1000 && code <= 1015)",
    'codes that only describe a close (1004–1006, 1015) are never sent (RFC 6455 §7.4.1)',
  ],
  [
    'packages/core/src/buffered-transport.ts',
    '  onClose(info: CloseInfo): void {\n    if (this.#closed) return;',
    '  onClose(info: CloseInfo): void {',
    'the close is reported once, whoever reports it',
  ],
  [
    'packages/core/src/endpoint.ts',
    '    if (this.#transport === transport) transport.close(BINARY_FRAME_CLOSE.code, BINARY_FRAME_CLOSE.reason);',
    '',
    'a binary frame closes with 1003 (OCPP-J §4.1.2, RFC 6455 §7.4.1)',
    [...CORE, ...NODE],
  ],
  [
    'packages/node/src/ws-transport.ts',
    '    if (code === FRAME_TOO_LARGE_CLOSE.code && data === undefined)\n      super.close(code, FRAME_TOO_LARGE_CLOSE.reason);\n    else super.close(code, data);',
    '    super.close(code, data);',
    'ws\'s own frame limit closes as the engine\'s does: 1009 "Frame too large"',
    NODE,
  ],
  [
    'packages/core/src/refused-upgrade.ts',
    'const FINAL_STATUSES: readonly number[] = [400, 401, 403];',
    'const FINAL_STATUSES: readonly number[] = [400, 403];',
    'a 401 stops the reconnect loop, in every runtime',
    [...CORE, ...NODE],
  ],
  [
    'packages/core/src/basic-auth.ts',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text, not a template
    'encode(`${identity}:${password}`)',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text, not a template
    'encode(`${password}:${identity}`)',
    'Basic credentials are identity:password (RFC 7617 §2)',
    [...CORE, ...NODE],
  ],
  [
    'packages/core/src/preset-validators.ts',
    'validators: options.validators ?? preset',
    'validators: { ...preset, ...options.validators }',
    'validators you pass replace the preset whole, in every runtime',
  ],
  [
    'packages/core/src/endpoint.ts',
    '      answered?.();\n',
    '',
    'a transport that waits for an answer is told when it went out (Workers)',
    [...CORE, ...WORKERS],
  ],
];
