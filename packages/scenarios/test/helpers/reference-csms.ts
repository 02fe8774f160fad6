// A small OCPP 1.6 CSMS on @ocpp-ws-io/node for the suite's own tests, with an in-process CSMS
// control (a call on the station's connection). `breakage` makes it wrong in one known way, to
// check that the suite fails exactly the cases that way touches.

import { NO_REPLY, OCPPServer, type StationConnection } from '@ocpp-ws-io/node';
import type { CsmsControl } from '../../src/index.js';

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
  const server = new OCPPServer({ protocols: ['ocpp1.6'], path: '/ocpp' });
  if (password !== undefined) server.auth(({ password: given }) => given === password);
  const received: ReferenceCsms['received'] = [];
  let nextTx = options.firstTransactionId ?? 1;
  const now = () => new Date().toISOString();
  server.on('client', (s: StationConnection<'ocpp1.6'>) => {
    const log = (action: string) => (ctx: { params: unknown }) => {
      received.push({ identity: s.identity, action, params: ctx.params as Record<string, unknown> });
    };
    // Notifications: recorded and answered with an empty object.
    const ok = (action: string) =>
      s.handle(
        action as 'StatusNotification',
        ((ctx: { params: unknown }) => {
          log(action)(ctx);
          return {};
        }) as never,
      );
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
      return { transactionId: nextTx++, idTagInfo: { status: statusOf(ctx.params.idTag, breakage) } };
    });
    s.handle('StopTransaction', (ctx) => {
      log('StopTransaction')(ctx);
      return breakage.silentOnStop ? NO_REPLY : {};
    });
    s.handle('DataTransfer', () => ({ status: 'UnknownVendorId' }));
    s.handle('SignCertificate', () => ({ status: 'Accepted' }));
    for (const action of [
      'StatusNotification',
      'MeterValues',
      'DiagnosticsStatusNotification',
      'FirmwareStatusNotification',
      'SecurityEventNotification',
      'SignedFirmwareStatusNotification',
      'LogStatusNotification',
    ] as const)
      ok(action);
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
          if ((r as { status?: string }).status === 'Accepted') password = String(params.value);
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
