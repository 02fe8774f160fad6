// Frame limits are in bytes (RFC 6455 §5.2 counts payload bytes; maxFrameBytes follows it), while
// JavaScript strings count UTF-16 units: exceedsBytes must be exact at the boundary for every width.
import { describe, expect, it } from 'vitest';
import { exceedsBytes, utf8Length } from '../src/utf8.js';

const samples: Array<[label: string, char: string, bytes: number]> = [
  ['ASCII', 'a', 1],
  ['2-byte (é)', 'é', 2],
  ['3-byte (€)', '€', 3],
  ['4-byte, a surrogate pair (😀)', '😀', 4],
];

describe('utf8Length and exceedsBytes', () => {
  it.each(samples)('%s: exact at the limit, for short and long texts', (_label, char, bytes) => {
    for (const count of [1, 10, 100, 1000]) {
      const text = char.repeat(count);
      const size = count * bytes;
      expect(utf8Length(text)).toBe(size);
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
      expect(exceedsBytes(text, size)).toBe(false);
      expect(exceedsBytes(text, size - 1)).toBe(true);
    }
  });

  it('a lone surrogate counts as the 3 bytes of U+FFFD, as the encoder sends it', () => {
    for (const text of ['\uD83D', 'a\uDE00b', '\uD83D\uD83D']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });

  it('mixed text: ASCII frame around multi-byte data', () => {
    const text = JSON.stringify([2, 'm1', 'DataTransfer', { vendorId: 'acme', data: '€😀é'.repeat(20) }]);
    const size = new TextEncoder().encode(text).length;
    expect(exceedsBytes(text, size)).toBe(false);
    expect(exceedsBytes(text, size - 1)).toBe(true);
  });
});
