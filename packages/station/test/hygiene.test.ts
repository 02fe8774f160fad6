// The station is runtime-agnostic: its sources import only the core, the schemas and nanoevents
// (never an adapter, never node:*), touch no runtime-specific global, and importing it does
// nothing (no timer, no randomness: Workers forbid randomness at global scope).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
/** A file's lines of code (comment lines and TSDoc examples left out). */
const code = (file: string) =>
  readFileSync(join(src, file), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line));

describe('runtime-agnostic station', () => {
  it('depends on @ocpp-ws-io/core, @ocpp-ws-io/schemas and nanoevents only', () => {
    const pkg = JSON.parse(readFileSync(join(src, '../package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      '@ocpp-ws-io/core',
      '@ocpp-ws-io/schemas',
      'nanoevents',
    ]);
  });

  it('imports nothing else from any source file', () => {
    const allowed =
      /^(\.{1,2}\/|@ocpp-ws-io\/core$|@ocpp-ws-io\/schemas(\/ocpp(1\.6|2\.0\.1|2\.1))?$|nanoevents$)/;
    const offenders: string[] = [];
    for (const file of files) {
      const text = code(file).join('\n');
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g))
        if (!allowed.test(spec!)) offenders.push(`${file}: ${spec}`);
    }
    expect(offenders).toEqual([]);
    expect(files.length).toBeGreaterThan(30);
  });

  it('uses no DOM, Node, Deno or Workers global', () => {
    const forbidden = /\b(window|document|localStorage|indexedDB|process|Buffer|Deno)\.|\brequire\(/;
    const offenders = files.filter((file) => code(file).some((line) => forbidden.test(line)));
    expect(offenders).toEqual([]);
  });

  it('importing it starts no timer and draws no randomness', async () => {
    const random = vi.spyOn(Math, 'random');
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    const interval = vi.spyOn(globalThis, 'setInterval');
    const station = await import('../src/index.js');
    expect(station.VirtualStation).toBeTypeOf('function');
    expect(random).not.toHaveBeenCalled();
    expect(timeout).not.toHaveBeenCalled();
    expect(interval).not.toHaveBeenCalled();
  });
});
