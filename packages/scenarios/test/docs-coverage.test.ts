// The coverage tables of docs/guides/testing-a-csms.md say what the suites hold: per block the
// automated and the not-automatable cases, the counts in the headings, and each reason.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { OCPP16_SUITE, OCPP201_SUITE, type Suite } from '../src/index.js';

const guide = await readFile(new URL('../../../docs/guides/testing-a-csms.md', import.meta.url), 'utf8');
const short = (id: string) => id.replace(/_CSMS$/, '');

function section(protocol: string): string {
  const m = new RegExp(`<!-- coverage:${protocol.replace('.', '\\.')} -->([\\s\\S]*?)<!-- /coverage:`).exec(
    guide,
  );
  if (!m) throw new Error(`no coverage section for ${protocol}`);
  return m[1]!;
}

describe.each([OCPP16_SUITE, OCPP201_SUITE] as Suite[])('the guide’s coverage of $protocol', (suite) => {
  const text = section(suite.protocol);
  const documented = suite.catalogue.filter((e) => e.documented);

  it('has the counts in its heading', () => {
    const undocumented = suite.catalogue.length - documented.length;
    expect(text).toContain(
      `${documented.length} documented: ${suite.scenarios.length} automated, ${suite.manual.length} not automatable; ${undocumented} not documented`,
    );
  });

  it('lists per block the automated and the not-automatable cases', () => {
    const blocks = [...new Set(documented.map((e) => e.block))];
    const expected = blocks.map((block) => {
      const ids = documented.filter((e) => e.block === block);
      const auto = ids.filter((e) => suite.scenarios.some((s) => s.id === e.id)).map((e) => short(e.id));
      const manual = ids.filter((e) => suite.manual.some((m) => m.id === e.id)).map((e) => short(e.id));
      return `| ${block} | ${auto.join(', ')} | ${manual.join(', ') || '—'} |`;
    });
    const rows = text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| block'));
    expect(rows).toEqual(expected);
  });

  it('gives each not-automatable case its reason', () => {
    for (const m of suite.manual) expect(guide).toContain(`| ${m.id} | ${m.reason} |`);
  });
});
