/** Committed generated code must be what the generator produces now (CI fails on a stale copy). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
// @ts-expect-error -- plain ESM generator module without declarations
import { render } from '../generator/generate.mjs';

const committed = fileURLToPath(new URL('../src/generated', import.meta.url));

function list(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? list(join(dir, e.name)) : [relative(committed, join(dir, e.name))],
  );
}

it('regenerating produces byte-identical output to schemas/src/generated', () => {
  const files = render() as Record<string, string>;
  expect(list(committed).sort()).toEqual(Object.keys(files).sort());
  for (const [rel, text] of Object.entries(files)) {
    expect(readFileSync(join(committed, rel), 'utf8'), `${rel} is stale: run the generate script`).toBe(text);
  }
});

it('generated code contains no eval or new Function', () => {
  for (const rel of list(committed)) {
    const text = readFileSync(join(committed, rel), 'utf8');
    expect(text).not.toMatch(/\beval\s*\(|new\s+Function\b/);
  }
});
