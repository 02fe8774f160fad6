// Firmware updates and file uploads as status sequences on the virtual clock: UpdateFirmware
// (§5.19, FirmwareStatusNotification §4.5), SignedUpdateFirmware (security whitepaper, L01/L02),
// GetDiagnostics (§5.9, DiagnosticsStatusNotification §4.4) and GetLog (whitepaper, N01).
// Each step takes operationStepS virtual seconds; a location containing failLocationsContaining
// fails the transfer.

import type {
  FirmwareStatusEnumType,
  FirmwareStatusNotificationRequest,
  GetLogRequest,
  SignedUpdateFirmwareRequest,
  UpdateFirmwareRequest,
} from '@ocpp-ws-io/schemas/ocpp1.6';
import { runSteps, stepMs, transferFails } from '../shared/simulated-transfer.js';
import type { Ocpp16 } from './profile.js';
import { securityEvent } from './security-events.js';

type PlainFirmwareStatus = FirmwareStatusNotificationRequest['status'];
const PLAIN: ReadonlySet<string> = new Set([
  'Downloaded',
  'DownloadFailed',
  'Downloading',
  'Idle',
  'InstallationFailed',
  'Installing',
  'Installed',
]);

export class Operations {
  constructor(private readonly p: Ocpp16) {}

  get #stepMs(): number {
    return stepMs(this.p.ctx.behaviour);
  }

  #fails(location: string): boolean {
    return transferFails(this.p.ctx.behaviour, location);
  }

  /** Runs `steps` one after the other, `stepMs` apart, on the timer `name`. */
  #sequence(name: string, steps: ReadonlyArray<() => unknown>): void {
    runSteps(this.p.ctx.timers, name, this.#stepMs, steps);
  }

  // ── firmware ────────────────────────────────────────────────────────────────────────────────

  #firmwareStatus(status: FirmwareStatusEnumType, triggered = false): void {
    const { firmware } = this.p.ctx.state.operations;
    firmware.status = status;
    this.p.ctx.changed();
    if (firmware.requestId !== undefined)
      void this.p.send(
        'SignedFirmwareStatusNotification',
        { status, requestId: firmware.requestId },
        { triggered },
      );
    else
      void this.p.send(
        'FirmwareStatusNotification',
        { status: status as PlainFirmwareStatus },
        { triggered },
      );
  }

  updateFirmware(req: UpdateFirmwareRequest): void {
    const { firmware } = this.p.ctx.state.operations;
    this.p.ctx.state.operations.firmware = { status: firmware.status, location: req.location };
    this.#afterDownload(Date.parse(req.retrieveDate), req.location, false, true);
  }

  signedUpdateFirmware(
    req: SignedUpdateFirmwareRequest,
  ): 'Accepted' | 'AcceptedCanceled' | 'InvalidCertificate' {
    if (!/-----BEGIN CERTIFICATE-----/.test(req.firmware.signingCertificate)) return 'InvalidCertificate';
    const busy = this.p.ctx.timers.has('firmware');
    this.p.ctx.state.operations.firmware = {
      status: 'Idle',
      requestId: req.requestId,
      location: req.firmware.location,
    };
    const signatureValid = req.firmware.signature.length > 0;
    this.#afterDownload(
      Date.parse(req.firmware.retrieveDateTime),
      req.firmware.location,
      true,
      signatureValid,
    );
    return busy ? 'AcceptedCanceled' : 'Accepted';
  }

  #afterDownload(retrieveAtMs: number, location: string, signed: boolean, signatureValid: boolean): void {
    const { ctx } = this.p;
    const run = () =>
      this.#sequence('firmware', [
        () => this.#firmwareStatus('Downloading'),
        () => {
          if (this.#fails(location)) {
            this.#firmwareStatus('DownloadFailed');
            return false;
          }
          this.#firmwareStatus('Downloaded');
        },
        ...(signed
          ? [
              () => {
                this.#firmwareStatus(signatureValid ? 'SignatureVerified' : 'InvalidSignature');
                return signatureValid;
              },
            ]
          : []),
        () => this.#install(signed),
      ]);
    if (signed && retrieveAtMs > ctx.clock.now()) this.#firmwareStatus('DownloadScheduled');
    ctx.timers.at('firmware', retrieveAtMs, run);
  }

  /** Installs once no transaction runs (a station does not reboot under a charging car), then reboots. */
  #install(signed: boolean): false {
    const { ctx } = this.p;
    if (ctx.state.connectors.some((c) => c.transaction)) {
      ctx.timers.set('firmware', this.#stepMs, () => this.#install(signed));
      return false;
    }
    this.#firmwareStatus('Installing');
    ctx.timers.set('firmware', this.#stepMs, () => {
      if (signed) this.#firmwareStatus('InstallRebooting');
      void ctx.save().then(() => ctx.reboot('FirmwareUpdate'));
    });
    return false;
  }

  // ── uploads ─────────────────────────────────────────────────────────────────────────────────

  getDiagnostics(location: string): string {
    const { ctx } = this.p;
    const fileName = `diagnostics-${ctx.client.identity}-${new Date(ctx.clock.now()).toISOString().replace(/[:.]/g, '')}.log`;
    const diag = ctx.state.operations.diagnostics;
    const say = (status: 'Idle' | 'Uploaded' | 'UploadFailed' | 'Uploading') => {
      diag.status = status;
      ctx.changed();
      void this.p.send('DiagnosticsStatusNotification', { status });
    };
    diag.fileName = fileName;
    this.p.afterAnswer('diagnostics', () =>
      this.#sequence('diagnostics', [
        () => say('Uploading'),
        () => say(this.#fails(location) ? 'UploadFailed' : 'Uploaded'),
      ]),
    );
    return fileName;
  }

  getLog(req: GetLogRequest): { status: 'Accepted' | 'AcceptedCanceled'; filename: string } {
    const { ctx } = this.p;
    const busy = ctx.timers.has('log');
    const log = { status: 'Idle', requestId: req.requestId };
    ctx.state.operations.log = log;
    const filename = `${req.logType === 'SecurityLog' ? 'security' : 'diagnostics'}-${req.requestId}.log`;
    const say = (status: 'Uploading' | 'Uploaded' | 'UploadFailure') => {
      log.status = status;
      ctx.changed();
      void this.p.send('LogStatusNotification', { status, requestId: req.requestId });
    };
    this.p.afterAnswer('log-start', () =>
      this.#sequence('log', [
        () => say('Uploading'),
        () => say(this.#fails(req.log.remoteLocation) ? 'UploadFailure' : 'Uploaded'),
      ]),
    );
    return { status: busy ? 'AcceptedCanceled' : 'Accepted', filename };
  }

  // ── triggers, restarts ──────────────────────────────────────────────────────────────────────

  /** TriggerMessage(FirmwareStatusNotification): the plain message knows only its own statuses. */
  triggerFirmwareStatus(extended: boolean): void {
    const { firmware } = this.p.ctx.state.operations;
    if (extended && firmware.requestId !== undefined)
      void this.p.send(
        'SignedFirmwareStatusNotification',
        { status: firmware.status as FirmwareStatusEnumType, requestId: firmware.requestId },
        { triggered: true },
      );
    else
      void this.p.send(
        'FirmwareStatusNotification',
        { status: (PLAIN.has(firmware.status) ? firmware.status : 'Idle') as PlainFirmwareStatus },
        { triggered: true },
      );
  }

  triggerDiagnosticsStatus(): void {
    const status = this.p.ctx.state.operations.diagnostics.status;
    void this.p.send(
      'DiagnosticsStatusNotification',
      { status: (status === 'Uploading' ? 'Uploading' : 'Idle') as 'Idle' | 'Uploading' },
      { triggered: true },
    );
  }

  triggerLogStatus(): void {
    const log = this.p.ctx.state.operations.log;
    void this.p.send(
      'LogStatusNotification',
      {
        status: (log.status === 'Uploading' ? 'Uploading' : 'Idle') as 'Idle' | 'Uploading',
        ...(log.requestId !== undefined ? { requestId: log.requestId } : {}),
      },
      { triggered: true },
    );
  }

  /** An upload cut by a restart did not finish; an installation did (the reboot was its end). */
  recover(): void {
    const ops = this.p.ctx.state.operations;
    if (ops.diagnostics.status === 'Uploading') ops.diagnostics.status = 'UploadFailed';
    if (ops.log.status === 'Uploading') ops.log.status = 'UploadFailure';
  }

  /** After an accepted boot: an installation that rebooted the station reports Installed. */
  accepted(): void {
    const { firmware } = this.p.ctx.state.operations;
    if (firmware.status === 'Installing' || firmware.status === 'InstallRebooting') {
      this.#firmwareStatus('Installed');
      securityEvent(this.p, 'FirmwareUpdated', firmware.location);
    }
  }
}
