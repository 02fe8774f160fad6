// OCPP 2.1 DER control (functional block R): SetDERControl stores a default or scheduled control of a grid
// function (curves, fixed power factor, frequency droop…), GetDERControl reports the stored ones in
// ReportDERControl, ClearDERControl removes them. Among scheduled controls of one type, those of a
// lower priority (a higher number) than another are superseded; one default per type.

import type {
  ClearDERControlRequest,
  DERControlStatusEnumType,
  GetDERControlRequest,
  ReportDERControlRequest,
  SetDERControlRequest,
} from '@ocpp-ws-io/schemas/ocpp2.1';
import type { Ocpp2 } from './profile.js';
import type { DerControl } from './state.js';

/** The request field each control type carries its settings in (curves share `curve`). */
const FIELD: Record<string, keyof SetDERControlRequest> = {
  EnterService: 'enterService',
  FixedPFAbsorb: 'fixedPFAbsorb',
  FixedPFInject: 'fixedPFInject',
  FixedVar: 'fixedVar',
  FreqDroop: 'freqDroop',
  Gradients: 'gradient',
  LimitMaxDischarge: 'limitMaxDischarge',
};
const fieldOf = (controlType: string) => FIELD[controlType] ?? 'curve';

/** Controls reported per message. */
const PER_REPORT = 20;

export class DerControls {
  constructor(private readonly p: Ocpp2) {}

  /** Marks scheduled controls outranked by another of their type; returns the ids newly superseded. */
  #supersede(): string[] {
    const newly: string[] = [];
    for (const c of this.p.data.derControls) {
      const outranked =
        !c.isDefault &&
        this.p.data.derControls.some(
          (o) => o !== c && !o.isDefault && o.controlType === c.controlType && o.priority < c.priority,
        );
      if (outranked && !c.superseded) newly.push(c.id);
      c.superseded = outranked;
    }
    return newly;
  }

  /** SetDERControl: Rejected without the settings its type needs; the same id or type's default is replaced. */
  set(req: SetDERControlRequest): { status: DERControlStatusEnumType; supersededIds?: string[] } {
    if (!this.p.flag('DERCtrlr', 'Enabled')) return { status: 'Rejected' };
    const field = fieldOf(req.controlType);
    const data = req[field] as Record<string, unknown> | undefined;
    if (!data) return { status: 'Rejected' };
    const control: DerControl = {
      id: req.controlId,
      controlType: req.controlType,
      isDefault: req.isDefault,
      priority: Number(data.priority ?? 0),
      field,
      data: structuredClone(data),
      superseded: false,
    };
    this.p.data.derControls = this.p.data.derControls.filter(
      (c) =>
        c.id !== control.id && !(control.isDefault && c.isDefault && c.controlType === control.controlType),
    );
    this.p.data.derControls.push(control);
    const supersededIds = this.#supersede();
    return { status: 'Accepted', ...(supersededIds.length > 0 ? { supersededIds } : {}) };
  }

  #matching(req: {
    isDefault?: boolean | undefined;
    controlType?: string | undefined;
    controlId?: string | undefined;
  }): DerControl[] {
    return this.p.data.derControls.filter(
      (c) =>
        (req.isDefault === undefined || c.isDefault === req.isDefault) &&
        (req.controlType === undefined || c.controlType === req.controlType) &&
        (req.controlId === undefined || c.id === req.controlId),
    );
  }

  /** GetDERControl: Accepted and ReportDERControl with the matching controls, or NotFound. */
  get(req: GetDERControlRequest): DERControlStatusEnumType {
    const found = this.#matching(req);
    if (found.length === 0) return 'NotFound';
    this.p.afterAnswer(`der:${req.requestId}`, async () => {
      for (let i = 0; i < found.length; i += PER_REPORT) {
        const more = i + PER_REPORT < found.length;
        await this.p.send21(
          'ReportDERControl',
          {
            ...report(found.slice(i, i + PER_REPORT)),
            requestId: req.requestId,
            ...(more ? { tbc: true } : {}),
          },
          { requested: true },
        );
      }
    });
    return 'Accepted';
  }

  /** ClearDERControl: removes the matching controls (outranked ones take effect again), or NotFound. */
  clear(req: ClearDERControlRequest): DERControlStatusEnumType {
    const found = this.#matching(req);
    if (found.length === 0) return 'NotFound';
    this.p.data.derControls = this.p.data.derControls.filter((c) => !found.includes(c));
    this.#supersede();
    return 'Accepted';
  }
}

/** ReportDERControlRequest fields for `controls`, each in its type's report shape. */
function report(controls: readonly DerControl[]): Omit<ReportDERControlRequest, 'requestId'> {
  const out: Record<string, unknown[]> = {};
  const flags = (c: DerControl) => ({ isDefault: c.isDefault, isSuperseded: c.superseded });
  for (const c of controls) {
    const item =
      c.field === 'curve'
        ? { curve: c.data, id: c.id, curveType: c.controlType, ...flags(c) }
        : c.field === 'enterService'
          ? { enterService: c.data, id: c.id }
          : c.field === 'gradient'
            ? { gradient: c.data, id: c.id }
            : c.field === 'fixedPFAbsorb' || c.field === 'fixedPFInject'
              ? { fixedPF: c.data, id: c.id, ...flags(c) }
              : { [c.field]: c.data, id: c.id, ...flags(c) };
    out[c.field] = [...(out[c.field] ?? []), item];
  }
  return out as Omit<ReportDERControlRequest, 'requestId'>;
}
