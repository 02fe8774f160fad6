// Reading the command line: node:util's parseArgs (also in Deno's Node compatibility), with the
// checks every command shares.

import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { OCPPProtocol } from '@ocpp-ws-io/node';
import { UsageError } from './io.js';

type Spec = NonNullable<ParseArgsConfig['options']>;

/** What {@link parse} gives back: the options' values and the positionals. */
interface Parsed<TSpec extends Spec> {
  readonly values: { [K in keyof TSpec]?: TSpec[K]['type'] extends 'boolean' ? boolean : string };
  readonly positionals: string[];
}

/** Parses `argv` for one command; unknown options and missing values are usage errors. */
export function parse<TSpec extends Spec>(argv: readonly string[], options: TSpec): Parsed<TSpec> {
  try {
    return parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
    }) as unknown as Parsed<TSpec>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A CSMS WebSocket URL: ws:// or wss://, without the identity. */
export function csmsUrl(value: string | undefined, what = '<csms-url>'): string {
  if (!value) throw new UsageError(`${what} is missing`);
  if (!/^wss?:\/\/[^/]/i.test(value))
    throw new UsageError(`${what} must be a ws:// or wss:// URL, got ${value}`);
  return value.replace(/\/+$/, '');
}

/** `ocpp1.6` (default) or `ocpp2.0.1`; `1.6` and `2.0.1` are accepted too. */
export function protocol(value: string | undefined): Extract<OCPPProtocol, 'ocpp1.6' | 'ocpp2.0.1'> {
  const p = value === undefined ? 'ocpp1.6' : value.startsWith('ocpp') ? value : `ocpp${value}`;
  if (p !== 'ocpp1.6' && p !== 'ocpp2.0.1')
    throw new UsageError(`--protocol must be ocpp1.6 or ocpp2.0.1, got ${value}`);
  return p;
}

/** A positive integer option. */
export function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number, got ${value}`);
  return n;
}
