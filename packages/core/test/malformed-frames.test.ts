// The catalogue of malformed and edge-case inbound frames, each run against OCPP 1.6, 2.0.1 and
// 2.1 with strict validation, asserting the exact frame the spec demands back — or silence.
import { afterEach, describe, expect, it } from 'vitest';
import { NO_REPLY, type OCPPProtocol } from '../src/index.js';
import { flush, stationWithRawPeer, VERSIONS } from './harness.js';

type V = OCPPProtocol;
/** What the station must send back: nothing, a CALLERROR with this id and code, or a CALLRESULT. */
type Expect = { silent: true } | { error: [id: string, code: string] } | { result: string };
type PerVersion<T> = Record<V, T>;

const silent: Expect = { silent: true };
const err = (id: string, code: string): Expect => ({ error: [id, code] });
const res = (id: string): Expect => ({ result: id });
/** Same expectation in every version. */
const all = (e: Expect): PerVersion<Expect> => ({ 'ocpp1.6': e, 'ocpp2.0.1': e, 'ocpp2.1': e });
/** Different codes for 1.6 and 2.x (2.0.1 and 2.1 share their error-code table, §4.3). */
const split = (id16: string | null, code16: string, id2x: string, code2x: string): PerVersion<Expect> => ({
  'ocpp1.6': id16 === null ? silent : err(id16, code16),
  'ocpp2.0.1': err(id2x, code2x),
  'ocpp2.1': err(id2x, code2x),
});

// Valid payloads per version, mutated by the schema cases below.
const boot: PerVersion<Record<string, unknown>> = {
  'ocpp1.6': { chargePointVendor: 'Acme', chargePointModel: 'X1' },
  'ocpp2.0.1': { reason: 'PowerUp', chargingStation: { model: 'X1', vendorName: 'Acme' } },
  'ocpp2.1': { reason: 'PowerUp', chargingStation: { model: 'X1', vendorName: 'Acme' } },
};
const status: PerVersion<Record<string, unknown>> = {
  'ocpp1.6': { connectorId: 1, errorCode: 'NoError', status: 'Available', timestamp: '2026-01-01T00:00:00Z' },
  'ocpp2.0.1': { timestamp: '2026-01-01T00:00:00Z', connectorStatus: 'Available', evseId: 1, connectorId: 1 },
  'ocpp2.1': { timestamp: '2026-01-01T00:00:00Z', connectorStatus: 'Available', evseId: 1, connectorId: 1 },
};
const vendorKey: PerVersion<string> = {
  'ocpp1.6': 'chargePointVendor',
  'ocpp2.0.1': 'reason',
  'ocpp2.1': 'reason',
};
const statusEnumKey: PerVersion<string> = {
  'ocpp1.6': 'status',
  'ocpp2.0.1': 'connectorStatus',
  'ocpp2.1': 'connectorStatus',
};

interface Case {
  readonly name: string;
  readonly frame: (v: V) => string;
  readonly expect: PerVersion<Expect>;
}
const raw = (text: string) => () => text;
const json = (value: (v: V) => unknown) => (v: V) => JSON.stringify(value(v));
const id37 = 'x'.repeat(37);

// Codes by version for schema violations (OCPP-J 1.6 §4.2.3 table 7 with errata §5 spellings;
// 2.0.1 / 2.1 §4.3), as mapped by the strict-mode table in src/violations.ts.
const REQUIRED = { v16: 'OccurenceConstraintViolation', v2: 'OccurrenceConstraintViolation' };
const TYPE = 'TypeConstraintViolation';
const PROPERTY = 'PropertyConstraintViolation';

const CASES: Case[] = [
  // ── unreadable frames: 2.x answer RpcFrameworkError with id "-1" (2.0.1 §4.2.3, 2.1 §4.2.3);
  //    1.6 has no id for that case and stays silent.
  { name: 'text that is not JSON', frame: raw('hello'), expect: split(null, '', '-1', 'RpcFrameworkError') },
  {
    name: 'truncated JSON',
    frame: raw('[2,"a1","Heartbeat",{'),
    expect: split(null, '', '-1', 'RpcFrameworkError'),
  },
  { name: 'empty text frame', frame: raw(''), expect: split(null, '', '-1', 'RpcFrameworkError') },
  {
    name: 'JSON object instead of array',
    frame: raw('{"type":2}'),
    expect: split(null, '', '-1', 'RpcFrameworkError'),
  },
  { name: 'JSON string', frame: raw('"[2,\\"a1\\"]"'), expect: split(null, '', '-1', 'RpcFrameworkError') },
  { name: 'JSON number', frame: raw('42'), expect: split(null, '', '-1', 'RpcFrameworkError') },
  { name: 'JSON null', frame: raw('null'), expect: split(null, '', '-1', 'RpcFrameworkError') },
  { name: 'empty array', frame: raw('[]'), expect: split(null, '', '-1', 'RpcFrameworkError') },
  {
    name: 'valid CALL followed by garbage',
    frame: raw('[2,"a1","Heartbeat",{}]x'),
    expect: split(null, '', '-1', 'RpcFrameworkError'),
  },
  // ── unknown message type numbers: 1.6 §4.1.3 and 2.1 §4.1.3/§4.4 ignore; 2.0.1 §4.3 answers
  //    MessageTypeNotSupported.
  {
    name: 'message type 7',
    frame: raw('[7,"a1","Heartbeat",{}]'),
    expect: { 'ocpp1.6': silent, 'ocpp2.0.1': err('a1', 'MessageTypeNotSupported'), 'ocpp2.1': silent },
  },
  {
    name: 'message type 0',
    frame: raw('[0,"a1"]'),
    expect: { 'ocpp1.6': silent, 'ocpp2.0.1': err('a1', 'MessageTypeNotSupported'), 'ocpp2.1': silent },
  },
  {
    name: 'message type as string "2"',
    frame: raw('["2","a1","Heartbeat",{}]'),
    expect: { 'ocpp1.6': silent, 'ocpp2.0.1': err('a1', 'MessageTypeNotSupported'), 'ocpp2.1': silent },
  },
  {
    name: 'message type 2.5',
    frame: raw('[2.5,"a1","Heartbeat",{}]'),
    expect: { 'ocpp1.6': silent, 'ocpp2.0.1': err('a1', 'MessageTypeNotSupported'), 'ocpp2.1': silent },
  },
  {
    name: 'unknown type without a readable id',
    frame: raw('[9,{}]'),
    expect: { 'ocpp1.6': silent, 'ocpp2.0.1': err('-1', 'MessageTypeNotSupported'), 'ocpp2.1': silent },
  },
  {
    name: 'CALLRESULTERROR (5) before 2.1',
    frame: raw('[5,"a1","GenericError","",{}]'),
    expect: { 'ocpp1.6': silent, 'ocpp2.0.1': err('a1', 'MessageTypeNotSupported'), 'ocpp2.1': silent },
  },
  {
    name: 'SEND (6) before 2.1',
    frame: raw('[6,"a1","Heartbeat",{}]'),
    expect: { 'ocpp1.6': silent, 'ocpp2.0.1': err('a1', 'MessageTypeNotSupported'), 'ocpp2.1': silent },
  },
  // ── CALL with an unusable message id (§4.1.4: string of at most 36 characters)
  { name: 'CALL with only a type', frame: raw('[2]'), expect: split(null, '', '-1', 'RpcFrameworkError') },
  {
    name: 'CALL with a numeric id',
    frame: raw('[2,123,"Heartbeat",{}]'),
    expect: split(null, '', '-1', 'RpcFrameworkError'),
  },
  {
    name: 'CALL with a null id',
    frame: raw('[2,null,"Heartbeat",{}]'),
    expect: split(null, '', '-1', 'RpcFrameworkError'),
  },
  {
    name: 'CALL with an empty id',
    frame: raw('[2,"","Heartbeat",{}]'),
    expect: split(null, '', '-1', 'RpcFrameworkError'),
  },
  {
    name: 'CALL with a 37-character id',
    frame: raw(`[2,"${id37}","Heartbeat",{}]`),
    expect: split(id37, 'FormationViolation', id37, 'RpcFrameworkError'),
  },
  // ── CALL with the wrong shape: the id is readable, so it is echoed
  {
    name: 'CALL with 3 elements',
    frame: raw('[2,"a1","Heartbeat"]'),
    expect: split('a1', 'FormationViolation', 'a1', 'RpcFrameworkError'),
  },
  {
    name: 'CALL with 5 elements',
    frame: raw('[2,"a1","Heartbeat",{},{}]'),
    expect: split('a1', 'FormationViolation', 'a1', 'RpcFrameworkError'),
  },
  {
    name: 'CALL with a numeric action',
    frame: raw('[2,"a1",7,{}]'),
    expect: split('a1', 'FormationViolation', 'a1', 'RpcFrameworkError'),
  },
  {
    name: 'CALL with an empty action',
    frame: raw('[2,"a1","",{}]'),
    expect: split('a1', 'FormationViolation', 'a1', 'RpcFrameworkError'),
  },
  {
    name: 'CALL with an array payload',
    frame: raw('[2,"a1","Heartbeat",[]]'),
    expect: split('a1', 'FormationViolation', 'a1', 'FormatViolation'),
  },
  {
    name: 'CALL with a string payload',
    frame: raw('[2,"a1","Heartbeat","{}"]'),
    expect: split('a1', 'FormationViolation', 'a1', 'FormatViolation'),
  },
  {
    name: 'CALL with a numeric payload',
    frame: raw('[2,"a1","Heartbeat",5]'),
    expect: split('a1', 'FormationViolation', 'a1', 'FormatViolation'),
  },
  // ── actions: unknown → NotImplemented, known without handler → NotSupported (1.6 §4.2.3, 2.x §4.3)
  {
    name: 'unknown action',
    frame: raw('[2,"a1","NoSuchAction",{}]'),
    expect: all(err('a1', 'NotImplemented')),
  },
  {
    name: 'action names are case-sensitive',
    frame: raw('[2,"a1","heartbeat",{}]'),
    expect: all(err('a1', 'NotImplemented')),
  },
  {
    name: 'action with the "Request" suffix',
    frame: raw('[2,"a1","HeartbeatRequest",{}]'),
    expect: all(err('a1', 'NotImplemented')),
  },
  {
    name: 'known action without a handler',
    frame: raw('[2,"a1","DataTransfer",{"vendorId":"acme"}]'),
    expect: all(err('a1', 'NotSupported')),
  },
  // ── well-formed CALLs that must be answered normally
  { name: 'valid Heartbeat', frame: raw('[2,"a1","Heartbeat",{}]'), expect: all(res('a1')) },
  {
    name: 'null payload is the empty object (2.x §4.1.5)',
    frame: raw('[2,"a1","Heartbeat",null]'),
    expect: all(res('a1')),
  },
  {
    name: 'whitespace around the frame',
    frame: raw(' \n [2 , "a1" , "Heartbeat" , { } ] \n'),
    expect: all(res('a1')),
  },
  { name: 'message type written 2.0', frame: raw('[2.0,"a1","Heartbeat",{}]'), expect: all(res('a1')) },
  {
    name: 'a 36-character id is fine',
    frame: raw(`[2,"${'y'.repeat(36)}","Heartbeat",{}]`),
    expect: all(res('y'.repeat(36))),
  },
  {
    name: 'valid BootNotification',
    frame: json((v) => [2, 'b1', 'BootNotification', boot[v]]),
    expect: all(res('b1')),
  },
  // ── schema violations (strict mode; table in src/violations.ts)
  {
    name: 'missing required field',
    frame: json(() => [2, 'a1', 'BootNotification', {}]),
    expect: split('a1', REQUIRED.v16, 'a1', REQUIRED.v2),
  },
  {
    name: 'wrong JSON type',
    frame: json((v) => [2, 'a1', 'BootNotification', { ...boot[v], [vendorKey[v]]: 12 }]),
    expect: all(err('a1', TYPE)),
  },
  {
    name: 'integer field holding 1.5',
    frame: json((v) => [2, 'a1', 'StatusNotification', { ...status[v], connectorId: 1.5 }]),
    expect: all(err('a1', TYPE)),
  },
  {
    name: 'integer field holding a string',
    frame: json((v) => [2, 'a1', 'StatusNotification', { ...status[v], connectorId: '1' }]),
    expect: all(err('a1', TYPE)),
  },
  {
    name: 'value outside the enumeration',
    frame: json((v) => [2, 'a1', 'StatusNotification', { ...status[v], [statusEnumKey[v]]: 'Sleeping' }]),
    expect: all(err('a1', PROPERTY)),
  },
  {
    name: 'enumeration is case-sensitive',
    frame: json((v) => [2, 'a1', 'StatusNotification', { ...status[v], [statusEnumKey[v]]: 'available' }]),
    expect: all(err('a1', PROPERTY)),
  },
  {
    name: 'string longer than its maxLength',
    frame: json((v) => [
      2,
      'a1',
      'BootNotification',
      v === 'ocpp1.6'
        ? { ...boot[v], chargePointModel: 'M'.repeat(21) }
        : { ...boot[v], chargingStation: { model: 'M'.repeat(21), vendorName: 'Acme' } },
    ]),
    expect: all(err('a1', PROPERTY)),
  },
  {
    name: 'date-time that is not RFC 3339',
    frame: json((v) => [2, 'a1', 'StatusNotification', { ...status[v], timestamp: '01/01/2026 10:00' }]),
    expect: all(err('a1', TYPE)),
  },
  {
    name: 'date-time without a zone',
    frame: json((v) => [2, 'a1', 'StatusNotification', { ...status[v], timestamp: '2026-01-01T00:00:00' }]),
    expect: all(err('a1', TYPE)),
  },
  {
    name: 'property the PDU does not define',
    frame: json((v) => [2, 'a1', 'BootNotification', { ...boot[v], colour: 'red' }]),
    expect: split('a1', 'FormationViolation', 'a1', 'ProtocolError'),
  },
  {
    name: '"__proto__" key is just an unknown property',
    frame: raw('[2,"a1","Heartbeat",{"__proto__":{"polluted":true}}]'),
    expect: split('a1', 'FormationViolation', 'a1', 'ProtocolError'),
  },
  {
    name: 'nested object of the wrong type',
    frame: json((v) => [
      2,
      'a1',
      'BootNotification',
      v === 'ocpp1.6' ? { ...boot[v], chargePointModel: { a: 1 } } : { ...boot[v], chargingStation: 'X1' },
    ]),
    expect: all(err('a1', TYPE)),
  },
  // ── responses that match no pending call: nobody to tell, so silence in every version
  { name: 'CALLRESULT for an unknown id', frame: raw('[3,"zz",{}]'), expect: all(silent) },
  { name: 'CALLERROR for an unknown id', frame: raw('[4,"zz","GenericError","",{}]'), expect: all(silent) },
  { name: 'CALLRESULT with 2 elements', frame: raw('[3,"zz"]'), expect: all(silent) },
  { name: 'CALLRESULT with a numeric id', frame: raw('[3,5,{}]'), expect: all(silent) },
  { name: 'CALLERROR with 4 elements', frame: raw('[4,"zz","GenericError",""]'), expect: all(silent) },
  { name: 'CALLERROR with a numeric code', frame: raw('[4,"zz",5,"",{}]'), expect: all(silent) },
];

describe('malformed-frame catalogue (OCPP-J 1.6 §4, 2.0.1 §4, 2.1 §4)', () => {
  it('has at least 40 distinct cases', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
    // A "__proto__" payload must never reach Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  for (const version of VERSIONS) {
    describe(version, () => {
      for (const c of CASES) {
        it(c.name, async () => {
          const { station, peer, server } = await stationWithRawPeer(version);
          cleanups.push(() => server.close());
          station.handle('Heartbeat', () => ({ currentTime: '2026-01-01T00:00:00Z' }));
          station.handle('BootNotification', () =>
            version === 'ocpp1.6'
              ? { status: 'Accepted', currentTime: '2026-01-01T00:00:00Z', interval: 300 }
              : { status: 'Accepted', currentTime: '2026-01-01T00:00:00Z', interval: 300 },
          );
          station.handle('StatusNotification', () => ({}));
          station.handle('MeterValues', () => NO_REPLY);
          peer.send(c.frame(version));
          await flush();
          const replies = peer.take();
          const want = c.expect[version];
          if ('silent' in want) {
            expect(replies).toEqual([]);
          } else if ('error' in want) {
            expect(replies).toHaveLength(1);
            const [frame] = replies as [unknown[]];
            expect(frame).toHaveLength(5);
            expect(frame.slice(0, 3)).toEqual([4, want.error[0], want.error[1]]);
            expect(typeof frame[3]).toBe('string');
            expect((frame[3] as string).length).toBeLessThanOrEqual(255);
            expect(frame[4]).toEqual({});
          } else {
            expect(replies).toHaveLength(1);
            const [frame] = replies as [unknown[]];
            expect(frame.slice(0, 2)).toEqual([3, want.result]);
            expect(frame).toHaveLength(3);
          }
          // The connection survives a single bad frame.
          expect(peer.closes).toEqual([]);
        });
      }
    });
  }
});
