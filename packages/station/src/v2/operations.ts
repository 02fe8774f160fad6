// Firmware (L01–L04): UpdateFirmware as a status sequence on the virtual clock — scheduled,
// downloaded, its signature checked, installed once no transaction runs, then a reboot that boots
// with reason FirmwareUpdate and reports Installed — and PublishFirmware / UnpublishFirmware of a
// local controller (L03, L04), which makes the file available to the stations behind it.

import type {
  FirmwareStatusEnumType,
  PublishFirmwareRequest,
  PublishFirmwareStatusEnumType,
  UpdateFirmwareRequest,
  UpdateFirmwareStatusEnumType,
} from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { runSteps, stepMs, transferFails } from '../shared/simulated-transfer.js';
import type { Ocpp2 } from './profile.js';

/** Statuses a restart interrupts: the download (or the wait to install) did not survive it. */
const INTERRUPTED: Partial<Record<string, FirmwareStatusEnumType>> = {
  DownloadScheduled: 'DownloadFailed',
  Downloading: 'DownloadFailed',
  Downloaded: 'InstallationFailed',
  SignatureVerified: 'InstallationFailed',
  InstallScheduled: 'InstallationFailed',
};

export class Operations {
  #interrupted = false;
  constructor(private readonly p: Ocpp2) {}

  get #stepMs(): number {
    return stepMs(this.p.ctx.behaviour);
  }

  #status(status: FirmwareStatusEnumType, requested = false): void {
    const { firmware } = this.p.ctx.state.operations;
    firmware.status = status;
    this.p.ctx.changed();
    void this.p.send(
      'FirmwareStatusNotification',
      {
        status,
        ...(firmware.requestId !== undefined && status !== 'Idle' ? { requestId: firmware.requestId } : {}),
      },
      { requested },
    );
  }

  /**
   * L01/L02: InvalidCertificate for a signing certificate that is no PEM certificate (and a
   * security event), AcceptedCanceled when it replaces an update in progress, else Accepted.
   */
  updateFirmware(req: UpdateFirmwareRequest): UpdateFirmwareStatusEnumType {
    const { ctx } = this.p;
    const { firmware } = req;
    if (
      firmware.signingCertificate !== undefined &&
      !/-----BEGIN CERTIFICATE-----/.test(firmware.signingCertificate)
    ) {
      this.p.bootSequence.securityEvent('InvalidFirmwareSigningCertificate');
      return 'InvalidCertificate';
    }
    const busy = ctx.timers.has('firmware');
    ctx.timers.clear('firmware');
    ctx.state.operations.firmware = { status: 'Idle', requestId: req.requestId, location: firmware.location };
    const retrieveAt = Date.parse(firmware.retrieveDateTime);
    const installAt = firmware.installDateTime ? Date.parse(firmware.installDateTime) : undefined;
    const signed = firmware.signature !== undefined;
    this.p.afterAnswer('updateFirmware', () => {
      if (retrieveAt > ctx.clock.now()) this.#status('DownloadScheduled');
      ctx.timers.at('firmware', retrieveAt, () =>
        runSteps(ctx.timers, 'firmware', this.#stepMs, [
          () => this.#status('Downloading'),
          () => {
            if (transferFails(ctx.behaviour, firmware.location)) {
              this.#status('DownloadFailed');
              return false;
            }
            this.#status('Downloaded');
          },
          ...(signed
            ? [
                () => {
                  // The virtual station takes a non-empty signature as valid.
                  const valid = (firmware.signature ?? '').length > 0;
                  this.#status(valid ? 'SignatureVerified' : 'InvalidSignature');
                  if (!valid) this.p.bootSequence.securityEvent('InvalidFirmwareSignature');
                  return valid;
                },
              ]
            : []),
          () => this.#installAt(installAt),
        ]),
      );
    });
    return busy ? 'AcceptedCanceled' : 'Accepted';
  }

  /** L01: an installDateTime in the future waits (InstallScheduled). */
  #installAt(installAt: number | undefined): false {
    const { ctx } = this.p;
    if (installAt !== undefined && installAt > ctx.clock.now()) {
      this.#status('InstallScheduled');
      ctx.timers.at('firmware', installAt, () => this.#install());
    } else this.#install();
    return false;
  }

  /** Installs once no transaction runs (a station does not reboot under a charging car), then reboots. */
  #install(): void {
    const { ctx } = this.p;
    if (ctx.state.connectors.some((c) => c.transaction)) {
      ctx.timers.set('firmware', this.#stepMs, () => this.#install());
      return;
    }
    this.#status('Installing');
    ctx.timers.set('firmware', this.#stepMs, () => {
      this.#status('InstallRebooting');
      this.p.data.bootReason = 'FirmwareUpdate';
      void ctx.save().then(() => ctx.reboot('FirmwareUpdate'));
    });
  }

  /** F06: TriggerMessage(FirmwareStatusNotification) — Idle unless an update is under way. */
  triggerStatus(): void {
    const { firmware } = this.p.ctx.state.operations;
    const busy = this.p.ctx.timers.has('firmware') || firmware.status === 'DownloadScheduled';
    this.#status(busy ? (firmware.status as FirmwareStatusEnumType) : 'Idle', true);
  }

  // ── publishing (local controller) ───────────────────────────────────────────────────────────

  #publishStatus(status: PublishFirmwareStatusEnumType, requested = false): void {
    const published = this.p.data.publishedFirmware;
    if (!published) return;
    published.status = status;
    this.p.ctx.changed();
    void this.p.send(
      'PublishFirmwareStatusNotification',
      {
        status,
        requestId: published.requestId,
        ...(status === 'Published' ? { location: [this.#publishedAt(published.checksum)] } : {}),
      },
      { requested },
    );
  }

  /** Where the local controller serves a published file. */
  #publishedAt(checksum: string): string {
    return `http://${this.p.ctx.client.identity}.local/firmware/${checksum}`;
  }

  /** L03: downloads the file, checks it, publishes it (replacing an earlier one). */
  publish(req: PublishFirmwareRequest): 'Accepted' {
    const { ctx } = this.p;
    this.p.data.publishedFirmware = {
      status: 'Idle',
      checksum: req.checksum,
      location: req.location,
      requestId: req.requestId,
    };
    this.p.afterAnswer('publishFirmware', () =>
      runSteps(ctx.timers, 'publish', this.#stepMs, [
        () => this.#publishStatus('Downloading'),
        () => {
          if (transferFails(ctx.behaviour, req.location)) {
            this.#publishStatus('DownloadFailed');
            return false;
          }
          this.#publishStatus('Downloaded');
        },
        () => this.#publishStatus('ChecksumVerified'),
        () => this.#publishStatus('Published'),
      ]),
    );
    return 'Accepted';
  }

  /** L04: stops publishing the file with that checksum. */
  unpublish(checksum: string): 'DownloadOngoing' | 'NoFirmware' | 'Unpublished' {
    const published = this.p.data.publishedFirmware;
    if (!published || published.checksum !== checksum) return 'NoFirmware';
    // Until it is published or has failed, the file is still on its way.
    if (!['Published', 'DownloadFailed', 'InvalidChecksum', 'PublishFailed'].includes(published.status))
      return 'DownloadOngoing';
    this.p.ctx.timers.clear('publish');
    delete this.p.data.publishedFirmware;
    return 'Unpublished';
  }

  /** F06: TriggerMessage(PublishFirmwareStatusNotification). */
  triggerPublishStatus(): void {
    if (this.p.data.publishedFirmware) this.#publishStatus(this.p.data.publishedFirmware.status, true);
    else void this.p.send('PublishFirmwareStatusNotification', { status: 'Idle' }, { requested: true });
  }

  // ── restarts ────────────────────────────────────────────────────────────────────────────────

  /** A restart ends a download or a scheduled install; the reboot of an installation was its end. */
  recover(): void {
    const { firmware } = this.p.ctx.state.operations;
    const failed = INTERRUPTED[firmware.status];
    if (failed) {
      firmware.status = failed;
      this.#interrupted = true;
    }
    const published = this.p.data.publishedFirmware;
    if (published && published.status !== 'Published') delete this.p.data.publishedFirmware;
  }

  /** After an accepted boot: an installation that rebooted the station reports Installed (L01). */
  accepted(): void {
    const { firmware } = this.p.ctx.state.operations;
    if (firmware.status === 'Installing' || firmware.status === 'InstallRebooting') {
      this.#status('Installed');
      this.p.bootSequence.securityEvent('FirmwareUpdated');
    } else if (this.#interrupted) this.#status(firmware.status as FirmwareStatusEnumType);
    this.#interrupted = false;
  }
}
