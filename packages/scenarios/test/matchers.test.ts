// biome-ignore-all lint/suspicious/noTemplateCurlyInString: scenario variables are `${…}` in plain strings, on purpose
// Matchers, field paths and variables: what an expect step checks and how it says what failed.
import { describe, expect, it } from 'vitest';
import { checkMatchers, interpolate, MissingVariableError, valuesAt } from '../src/index.js';

describe('valuesAt', () => {
  const payload = { a: { b: [{ c: 1 }, { c: 2 }] }, n: null };
  it('follows keys, indexes and * over arrays', () => {
    expect(valuesAt(payload, 'a.b.1.c')).toEqual([{ path: 'a.b.1.c', present: true, value: 2 }]);
    expect(valuesAt(payload, 'a.b.*.c').map((f) => f.value)).toEqual([1, 2]);
    expect(valuesAt(payload, '$')[0]?.value).toBe(payload);
  });
  it('says a field is missing, also under null or a missing parent', () => {
    expect(valuesAt(payload, 'a.x')[0]?.present).toBe(false);
    expect(valuesAt(payload, 'n.x')[0]?.present).toBe(false);
    expect(valuesAt(payload, 'q.r.s')[0]).toEqual({ path: 'q.r.s', present: false, value: undefined });
  });
});

describe('checkMatchers', () => {
  const info = { idTagInfo: { status: 'Invalid' }, interval: 60, list: [{ t: 'x' }, { t: 'y' }] };
  it('holds for equal values and satisfied tests', () => {
    expect(
      checkMatchers(info, {
        'idTagInfo.status': 'Invalid',
        interval: { gte: 60 },
        'list.*.t': { matches: '^[xy]$' },
        list: { length: 2 },
        missing: { absent: true },
        'idTagInfo.status ': { absent: true },
      }),
    ).toEqual([]);
  });
  it('says per field what it is and what was expected', () => {
    expect(checkMatchers(info, { 'idTagInfo.status': 'Accepted' })).toEqual([
      'idTagInfo.status is "Invalid", expected "Accepted"',
    ]);
    expect(checkMatchers(info, { interval: { gt: 60 }, 'idTagInfo.expiryDate': { present: true } })).toEqual([
      'interval is 60, expected greater than 60',
      'idTagInfo.expiryDate is missing',
    ]);
    expect(checkMatchers(info, { 'idTagInfo.status': { oneOf: ['Accepted', 'Blocked'] } })).toEqual([
      'idTagInfo.status is "Invalid", expected one of "Accepted", "Blocked"',
    ]);
    expect(checkMatchers(info, { 'list.*.t': 'x' })).toEqual(['list.1.t is "y", expected "x"']);
    expect(checkMatchers(info, { 'none.*.t': 'x' })).toEqual(['none.*.t matches no element']);
    expect(checkMatchers(info, { list: { minLength: 3 } })).toEqual([
      'list is [{"t":"x"},{"t":"y"}], expected at least 3 item(s)',
    ]);
  });
  it('compares objects and arrays by value with equals', () => {
    expect(checkMatchers(info, { idTagInfo: { equals: { status: 'Invalid' } } })).toEqual([]);
  });
});

describe('interpolate', () => {
  const now = Date.parse('2025-03-01T10:00:00.000Z');
  it('keeps the type of a whole-string variable and writes others into text', () => {
    expect(
      interpolate({ id: '${tx}', text: 'tx ${tx}!', list: ['${tag}'] }, { tx: 17, tag: 'A' }, now),
    ).toEqual({
      id: 17,
      text: 'tx 17!',
      list: ['A'],
    });
  });
  it('gives instants on the given clock', () => {
    expect(interpolate(['${now}', '${now+90s}', '${now-5m}', '${now+1h}', '${now+250ms}'], {}, now)).toEqual([
      '2025-03-01T10:00:00.000Z',
      '2025-03-01T10:01:30.000Z',
      '2025-03-01T09:55:00.000Z',
      '2025-03-01T11:00:00.000Z',
      '2025-03-01T10:00:00.250Z',
    ]);
  });
  it('refuses a variable that is not set', () => {
    expect(() => interpolate('${transactionId}', {}, now)).toThrowError(MissingVariableError);
    expect(() => interpolate('${transactionId}', { transactionId: undefined }, now)).toThrow(
      'The variable ${transactionId} is not set (no setting or earlier capture of that name)',
    );
  });
});
