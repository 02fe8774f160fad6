import type { CoverageEntry } from '../src/profile.js';

export const DOC_PATH: string;
export function renderCoverageDoc(coverage: Partial<Record<string, readonly CoverageEntry[]>>): string;
