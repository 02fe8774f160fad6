// What the CSMS asks the station to hand over: its logs (N01 GetLog → LogStatusNotification) and
// what it knows about a customer (N09 report, N10 clear → NotifyCustomerInformation).

import type {
  CustomerInformationRequest,
  GetLogRequest,
  LogStatusEnumType,
} from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { runSteps, stepMs, transferFails } from '../shared/simulated-transfer.js';
import { tokenKey } from './auth.js';
import type { Ocpp2 } from './profile.js';

/** NotifyCustomerInformation.data holds at most this many characters per message. */
const DATA_SIZE = 512;

export class Uploads {
  constructor(private readonly p: Ocpp2) {}

  /** N01: Accepted (AcceptedCanceled when it replaces an upload) with a filename, then the upload's statuses. */
  getLog(req: GetLogRequest): { status: LogStatusEnumType; filename: string } {
    const { ctx } = this.p;
    const busy = ctx.timers.has('log');
    ctx.timers.clear('log');
    const log = { status: 'Idle', requestId: req.requestId };
    ctx.state.operations.log = log;
    const filename = `${req.logType === 'SecurityLog' ? 'security' : 'diagnostics'}-${req.requestId}.log`;
    const say = (status: 'Uploading' | 'Uploaded' | 'UploadFailure') => {
      log.status = status;
      ctx.changed();
      void this.p.send('LogStatusNotification', { status, requestId: req.requestId });
    };
    this.p.afterAnswer('log-start', () =>
      runSteps(ctx.timers, 'log', stepMs(ctx.behaviour), [
        () => say('Uploading'),
        () => say(transferFails(ctx.behaviour, req.log.remoteLocation) ? 'UploadFailure' : 'Uploaded'),
      ]),
    );
    return { status: busy ? 'AcceptedCanceled' : 'Accepted', filename };
  }

  /** F06: TriggerMessage(LogStatusNotification) — Idle unless an upload is under way (then with its requestId). */
  triggerLogStatus(): void {
    const log = this.p.ctx.state.operations.log;
    const uploading = log.status === 'Uploading';
    void this.p.send(
      'LogStatusNotification',
      {
        status: uploading ? 'Uploading' : 'Idle',
        ...(uploading && log.requestId !== undefined ? { requestId: log.requestId } : {}),
      },
      { requested: true },
    );
  }

  /** An upload cut by a restart did not finish. */
  recover(): void {
    const log = this.p.ctx.state.operations.log;
    if (log.status === 'Uploading') log.status = 'UploadFailure';
  }

  /**
   * N09/N10: Invalid unless exactly one customer reference is given (idToken, certificate or
   * identifier); else Accepted, then the station reports what it holds about that customer (its
   * cache and local-list entries, its transactions) and, with `clear`, forgets the cache entry.
   */
  customerInformation(req: CustomerInformationRequest): 'Accepted' | 'Rejected' | 'Invalid' {
    const references = [req.idToken, req.customerCertificate, req.customerIdentifier].filter(
      (r) => r !== undefined,
    );
    if (references.length !== 1) return 'Invalid';
    const { state } = this.p.ctx;
    const lines: string[] = [];
    if (req.idToken) {
      const key = tokenKey(req.idToken);
      const cached = state.auth.cache[key];
      const listed = state.auth.localList.entries[key];
      if (cached) lines.push(`authorization cache: ${cached.status}`);
      if (listed) lines.push(`local authorization list: ${listed.status}`);
      for (const c of state.connectors)
        if (c.transaction && this.p.sessions.tokenOf(c)?.idToken === req.idToken.idToken)
          lines.push(`transaction ${c.transaction.id} on EVSE ${c.id}`);
      if (req.clear) delete state.auth.cache[key];
    }
    const data = req.report ? (lines.length > 0 ? lines.join('; ') : 'no data held for this customer') : '';
    const generatedAt = this.p.iso();
    const chunks: string[] = [];
    for (let i = 0; i < data.length; i += DATA_SIZE) chunks.push(data.slice(i, i + DATA_SIZE));
    if (chunks.length === 0) chunks.push('');
    this.p.afterAnswer(`customer:${req.requestId}`, async () => {
      for (const [seqNo, part] of chunks.entries())
        await this.p.send(
          'NotifyCustomerInformation',
          {
            data: part,
            seqNo,
            generatedAt,
            requestId: req.requestId,
            ...(seqNo < chunks.length - 1 ? { tbc: true } : {}),
          },
          { requested: true },
        );
    });
    return 'Accepted';
  }
}
