// The files a guide shows its reader, so a test can run exactly them: each fenced block that
// follows a `<!-- guide-file: PATH -->` comment in the Markdown.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './packed-app.js';

/** The files of `markdown`, by path. */
export function guideFiles(markdown: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const m of markdown.matchAll(/<!-- guide-file: (\S+) -->\n```[a-z]*\n([\s\S]*?)\n```/g)) {
    files.set(m[1]!, `${m[2]!}\n`);
  }
  return files;
}

/** The files of the guide at `path` (relative to the repository root). */
export async function readGuideFiles(path: string): Promise<Map<string, string>> {
  return guideFiles(await readFile(join(repoRoot, path), 'utf8'));
}
