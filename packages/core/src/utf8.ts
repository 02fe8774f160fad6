/** UTF-8 byte length of a string, without allocating (frames are measured on every send/receive). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** True when `text` encodes to more than `max` UTF-8 bytes; exact, and O(1) for most frames. */
export function exceedsBytes(text: string, max: number): boolean {
  // A UTF-16 unit encodes to 1..3 bytes (a surrogate pair to 4 = 2 × 2), so the length bounds it.
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  return utf8Length(text) > max;
}
