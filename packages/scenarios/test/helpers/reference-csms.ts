// A small OCPP 1.6 / 2.0.1 CSMS on @ocpp-ws-io/node for the suite's own tests, with an in-process CSMS
// control (a call on the station's connection). `breakage` makes it wrong in one known way, to
// check that the suite fails exactly the cases that way touches.

import { NO_REPLY, OCPPServer, type StationConnection } from '@ocpp-ws-io/node';
import type { CsmsControl } from '../../src/index.js';
import { TEST_ROOT_A } from '../../src/suite/certificates.js';

export interface Breakage {
  /** Answer every idTag (Authorize, StartTransaction) with this status. */
  readonly everyIdTag?: 'Invalid' | 'Blocked';
  /** Never answer StopTransaction. */
  readonly silentOnStop?: boolean;
}

export interface ReferenceCsms {
  readonly url: string;
  readonly control: CsmsControl;
  /** What the CSMS received, per action (for assertions). */
  readonly received: Array<{ identity: string; action: string; params: Record<string, unknown> }>;
  close(): Promise<void>;
}

const statusOf = (idTag: string, breakage: Breakage) => {
  if (breakage.everyIdTag) return breakage.everyIdTag;
  const tag = idTag.toUpperCase();
  if (tag.startsWith('INVALID')) return 'Invalid';
  if (tag.startsWith('BLOCKED')) return 'Blocked';
  if (tag.startsWith('EXPIRED')) return 'Expired';
  return 'Accepted';
};

export async function startReferenceCsms(
  options: { password?: string; breakage?: Breakage; firstTransactionId?: number } = {},
): Promise<ReferenceCsms> {
  const breakage = options.breakage ?? {};
  let password = options.password;
  const server = new OCPPServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], path: '/ocpp' });
  if (password !== undefined) server.auth(({ password: given }) => given === password);
  const received: ReferenceCsms['received'] = [];
  const nextTx = { value: options.firstTransactionId ?? 1 };
  server.on('client', (s) => {
    const log = (action: string) => (ctx: { params: unknown }) => {
      received.push({ identity: s.identity, action, params: ctx.params as Record<string, unknown> });
    };
    if (s.protocol === 'ocpp1.6') serve16(s as StationConnection<'ocpp1.6'>, log, breakage, nextTx);
    else serve201(s as StationConnection<'ocpp2.0.1'>, log, breakage);
  });
  const { port } = await server.listen({ port: 0, host: '127.0.0.1' });
  const control: CsmsControl = {
    name: 'the reference CSMS (in process)',
    async trigger({ identity, action, params, intent }) {
      const station = server.stations.get(identity);
      if (!station) throw new Error(`${identity} is not connected`);
      const call = station.call as (a: string, p: unknown) => Promise<unknown>;
      const answered = call.call(station, action, params);
      // A password the station accepts is the station's from now on (A01.FR.03).
      if (intent === 'rotatePassword')
        void answered.then((r) => {
          const answer = r as { status?: string; setVariableResult?: { attributeStatus?: string }[] };
          const data = params as { value?: string; setVariableData?: { attributeValue?: string }[] };
          if ((answer.status ?? answer.setVariableResult?.[0]?.attributeStatus) === 'Accepted')
            password = String(data.value ?? data.setVariableData?.[0]?.attributeValue);
        });
      answered.catch(() => undefined);
    },
  };
  return {
    url: `ws://127.0.0.1:${port}/ocpp`,
    control,
    received,
    close: () => server.close(),
  };
}

type Log = (action: string) => (ctx: { params: unknown }) => void;
const now = () => new Date().toISOString();

/** Answers `actions` with an empty object, recording them. */
function notifications(
  s: StationConnection<'ocpp1.6'> | StationConnection<'ocpp2.0.1'>,
  log: Log,
  actions: readonly string[],
) {
  for (const action of actions)
    (s as StationConnection<'ocpp1.6'>).handle(
      action as 'StatusNotification',
      ((ctx: { params: unknown }) => {
        log(action)(ctx);
        return {};
      }) as never,
    );
}

function serve16(s: StationConnection<'ocpp1.6'>, log: Log, breakage: Breakage, nextTx: { value: number }) {
  s.handle('BootNotification', (ctx) => {
    log('BootNotification')(ctx);
    return { status: 'Accepted', currentTime: now(), interval: 60 };
  });
  s.handle('Heartbeat', () => ({ currentTime: now() }));
  s.handle('Authorize', (ctx) => {
    log('Authorize')(ctx);
    return { idTagInfo: { status: statusOf(ctx.params.idTag, breakage) } };
  });
  s.handle('StartTransaction', (ctx) => {
    log('StartTransaction')(ctx);
    return { transactionId: nextTx.value++, idTagInfo: { status: statusOf(ctx.params.idTag, breakage) } };
  });
  s.handle('StopTransaction', (ctx) => {
    log('StopTransaction')(ctx);
    return breakage.silentOnStop ? NO_REPLY : {};
  });
  s.handle('DataTransfer', () => ({ status: 'UnknownVendorId' }));
  s.handle('SignCertificate', () => ({ status: 'Accepted' }));
  notifications(s, log, [
    'StatusNotification',
    'MeterValues',
    'DiagnosticsStatusNotification',
    'FirmwareStatusNotification',
    'SecurityEventNotification',
    'SignedFirmwareStatusNotification',
    'LogStatusNotification',
  ]);
}

function serve201(s: StationConnection<'ocpp2.0.1'>, log: Log, breakage: Breakage) {
  s.handle('BootNotification', (ctx) => {
    log('BootNotification')(ctx);
    return { status: 'Accepted', currentTime: now(), interval: 60 };
  });
  s.handle('Heartbeat', () => ({ currentTime: now() }));
  s.handle('Authorize', (ctx) => {
    log('Authorize')(ctx);
    return { idTokenInfo: { status: statusOf(ctx.params.idToken.idToken, breakage) } };
  });
  s.handle('TransactionEvent', (ctx) => {
    log('TransactionEvent')(ctx);
    const token = ctx.params.idToken;
    return token ? { idTokenInfo: { status: statusOf(token.idToken, breakage) } } : {};
  });
  s.handle('DataTransfer', () => ({ status: 'UnknownVendorId' }));
  // A02/A03: it signs (here: hands back a certificate of the suite's) right after answering.
  s.handle('SignCertificate', () => {
    setTimeout(
      () => s.call('CertificateSigned', { certificateChain: TEST_ROOT_A }).catch(() => undefined),
      10,
    );
    return { status: 'Accepted' };
  });
  notifications(s, log, [
    'StatusNotification',
    'MeterValues',
    'NotifyEvent',
    'NotifyReport',
    'NotifyCustomerInformation',
    'FirmwareStatusNotification',
    'SecurityEventNotification',
    'LogStatusNotification',
  ]);
}
