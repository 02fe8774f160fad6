// @ocpp-ws-io/scenarios runs in browsers, Deno, Node and Workers: its sources import no runtime
// (no node:*, no adapter), it depends on the core, the schemas and the station only, and loading
// it starts no timer and draws no random number (Workers forbid both at global scope).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(path)));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

describe('@ocpp-ws-io/scenarios hygiene', () => {
  it('imports only its own files and the core, the schemas and the station', async () => {
    const foreign: string[] = [];
    for (const file of await sources(src)) {
      const text = await readFile(file, 'utf8');
      // Statements only: the TSDoc examples import adapters, as a user's code does.
      for (const [, spec] of text.matchAll(/^(?:import|export)\b[^;]*?from '([^']+)'/gm))
        if (!spec!.startsWith('.') && !/^@ocpp-ws-io\/(core|schemas|station)(\/|$)/.test(spec!))
          foreign.push(`${file.slice(src.length)}: ${spec}`);
    }
    expect(foreign).toEqual([]);
    const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      '@ocpp-ws-io/core',
      '@ocpp-ws-io/schemas',
      '@ocpp-ws-io/station',
    ]);
  });

  it('starts no timer and draws no random number when loaded', async () => {
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const random = vi.spyOn(Math, 'random');
    vi.resetModules();
    await import('../src/index.js');
    expect(timers).not.toHaveBeenCalled();
    expect(random).not.toHaveBeenCalled();
    timers.mockRestore();
    random.mockRestore();
  });
});
