// A tiny DER writer and reader: just enough ASN.1 for a PKCS#10 request (RFC 2986) and for the
// hash data of an X.509 certificate (issuer name, serial number, public key).

/** Concatenates byte arrays. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function length(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One TLV with the given tag byte. */
export function tlv(tag: number, ...content: readonly Uint8Array[]): Uint8Array {
  const body = concat(...content);
  return concat(Uint8Array.of(tag), length(body.length), body);
}

export const sequence = (...items: readonly Uint8Array[]) => tlv(0x30, ...items);
export const set = (...items: readonly Uint8Array[]) => tlv(0x31, ...items);
export const utf8String = (text: string) => tlv(0x0c, new TextEncoder().encode(text));
export const bitString = (bytes: Uint8Array) => tlv(0x03, Uint8Array.of(0), bytes);

/** A non-negative INTEGER from big-endian bytes (leading zeros trimmed, a sign byte added if needed). */
export function unsignedInteger(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, (trimmed[0] ?? 0) & 0x80 ? concat(Uint8Array.of(0), trimmed) : trimmed);
}

/** An OBJECT IDENTIFIER from its dotted form. */
export function oid(dotted: string): Uint8Array {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}

/** One element read from DER: its tag, its content, and the whole encoding. */
export interface Element {
  readonly tag: number;
  readonly content: Uint8Array;
  readonly encoded: Uint8Array;
}

/** Reads the element at `offset`; throws on truncated input. */
export function readElement(der: Uint8Array, offset = 0): Element {
  const tag = der[offset];
  let len = der[offset + 1];
  if (tag === undefined || len === undefined) throw new Error('DER: truncated');
  let header = 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4) throw new Error('DER: unsupported length');
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + (der[offset + 2 + i] ?? Number.NaN);
    header += count;
  }
  const end = offset + header + len;
  if (!(end <= der.length)) throw new Error('DER: truncated');
  return { tag, content: der.subarray(offset + header, end), encoded: der.subarray(offset, end) };
}

/** The elements inside a constructed element. */
export function children(element: Element): Element[] {
  const out: Element[] = [];
  for (let at = 0; at < element.content.length; ) {
    const child = readElement(element.content, at);
    out.push(child);
    at += child.encoded.length;
  }
  return out;
}

/** PEM armour around DER. */
export function toPem(label: string, der: Uint8Array): string {
  let binary = '';
  for (const b of der) binary += String.fromCharCode(b);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Every PEM block of `label` in `text`, as DER. */
export function fromPem(text: string, label: string): Uint8Array[] {
  const re = new RegExp(`-----BEGIN ${label}-----([^-]+)-----END ${label}-----`, 'g');
  return [...text.matchAll(re)].map((m) =>
    Uint8Array.from(atob(m[1]!.replace(/\s+/g, '')), (c) => c.charCodeAt(0)),
  );
}

export function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
