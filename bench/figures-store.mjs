// bench/figures.json is the one source of every figure the README and the guides quote: `npm run
// bench` writes it (performance, validation, cold start, sizes), scripts/figures.mjs renders the
// marked blocks of the docs from it, and a test fails when a block and the file disagree.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIGURES_FILE = join(dirname(fileURLToPath(import.meta.url)), 'figures.json');

/** The figures as last written (an empty object before the first run). */
export function readFigures() {
  return existsSync(FIGURES_FILE) ? JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) : {};
}

/** Replaces the given top-level sections, keeping the others (each bench part writes its own). */
export function writeFigures(sections) {
  const figures = { ...readFigures(), ...sections };
  const sorted = Object.fromEntries(
    Object.keys(figures)
      .sort()
      .map((k) => [k, figures[k]]),
  );
  writeFileSync(FIGURES_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
}
