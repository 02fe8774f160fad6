// One source for every figure the docs quote (issue #16): each marked block in the README and the
// guides must equal what scripts/figures.mjs renders from bench/figures.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readFigures } from '../bench/figures-store.mjs';
import { FILES, renderBlocks, renderFile } from '../scripts/figures.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const blocks = renderBlocks(readFigures());

describe('figures in the docs', () => {
  it.each(FILES)('%s: every figure block is what bench/figures.json renders', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const unknown: string[] = [];
    expect(renderFile(text, blocks, unknown), 'run node scripts/figures.mjs').toBe(text);
    expect(unknown).toEqual([]);
  });

  it('every block is quoted somewhere (no figure goes unused)', () => {
    const all = FILES.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    for (const name of Object.keys(blocks)) expect(all, name).toContain(`<!-- figures:${name} -->`);
  });

  it('a changed figure makes the check fail (the test can fail)', () => {
    const text = readFileSync(join(root, 'README.md'), 'utf8');
    const tampered = text.replace(/(<!-- figures:headline -->\n[^\n]*?)\d/, '$19');
    expect(tampered).not.toBe(text);
    expect(renderFile(tampered, blocks)).not.toBe(tampered);
  });
});
