// Decoding a file's bytes into text and back, keeping its encoding: UTF-8 with or without a
// byte-order mark, UTF-16 (little or big endian) with one or without one (then recognised by the
// `<?` of its XML declaration), and Latin-1 when the XML declaration names ISO-8859-1, Latin-1,
// US-ASCII or Windows-1252. The signing code (shared/node/signing/xml-bytes.ts) reads files
// through this module too, so every command, the signer and the app read a file alike. Nothing is
// ever replaced by U+FFFD silently: undecodable bytes and unencodable text are errors with a
// position.
import type { TextEncodingName } from '../../common/ipc';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

export class DecodeError extends Error {
  constructor(
    readonly encoding: TextEncodingName,
    readonly byteOffset: number,
  ) {
    super(`not valid ${encoding} at byte ${byteOffset}`);
  }
}

export class EncodeError extends Error {
  constructor(
    readonly encoding: TextEncodingName,
    readonly character: string,
    readonly line: number,
  ) {
    super(`cannot encode ${character} as ${encoding} (line ${line})`);
  }
}

const BOM_UTF8 = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Offset of the first byte that breaks UTF-8, or -1 when the whole buffer is valid. */
export function firstInvalidUtf8Offset(bytes: Uint8Array, start = 0): number {
  let index = start;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index++;
      continue;
    }
    let length: number;
    let minimum: number;
    if (lead >= 0xc2 && lead <= 0xdf) [length, minimum] = [2, 0x80];
    else if (lead >= 0xe0 && lead <= 0xef) [length, minimum] = [3, 0x800];
    else if (lead >= 0xf0 && lead <= 0xf4) [length, minimum] = [4, 0x10000];
    else return index;
    if (index + length > bytes.length) return index;
    let codePoint = lead & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[index + k]!;
      if ((next & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index;
    index += length;
  }
  return -1;
}

/** Encoding names an XML declaration may give for Latin-1 bytes (read and written byte for byte). */
const LATIN1_NAMES = ['iso-8859-1', 'latin1', 'us-ascii', 'ascii', 'windows-1252'];

/** The encoding named by the XML declaration at the start of the bytes (lower case), or null. */
export function declaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256)).toString('latin1');
  const match = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return match ? match[1]!.toLowerCase() : null;
}

/** Which encoding `decodeText` reads the bytes in (nothing is decoded yet). */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  if (startsWith(bytes, [0x3c, 0x00, 0x3f, 0x00])) return 'utf-16le-nobom';
  if (startsWith(bytes, [0x00, 0x3c, 0x00, 0x3f])) return 'utf-16be-nobom';
  if (startsWith(bytes, BOM_UTF8)) return 'utf-8-bom';
  return LATIN1_NAMES.includes(declaredEncoding(bytes) ?? '') ? 'latin1' : 'utf-8';
}

/**
 * The encoding an XML declaration names when the bytes are not read in it: a file without a
 * byte-order mark that declares, say, Shift_JIS is read as UTF-8. Null when the declaration names
 * what is read (or there is none).
 */
export function unreadDeclaredEncoding(bytes: Uint8Array): string | null {
  if (detectEncoding(bytes) !== 'utf-8') return null;
  const declared = declaredEncoding(bytes);
  return declared === null || declared === 'utf-8' || declared === 'utf8' ? null : declared;
}

/** The same encoding without its byte-order mark: how text in the middle of a file is written. */
export function withoutByteOrderMark(encoding: TextEncodingName): TextEncodingName {
  if (encoding === 'utf-8-bom') return 'utf-8';
  if (encoding === 'utf-16le') return 'utf-16le-nobom';
  if (encoding === 'utf-16be') return 'utf-16be-nobom';
  return encoding;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const encoding = detectEncoding(bytes);
  switch (encoding) {
    case 'utf-16le':
    case 'utf-16be':
      return { text: decodeUtf16(bytes.subarray(2), encoding, 2), encoding };
    case 'utf-16le-nobom':
    case 'utf-16be-nobom':
      return { text: decodeUtf16(bytes, encoding, 0), encoding };
    case 'latin1':
      return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), encoding };
    case 'utf-8':
    case 'utf-8-bom':
      return { text: decodeUtf8(bytes, encoding), encoding };
  }
}

function decodeUtf8(bytes: Uint8Array, encoding: 'utf-8' | 'utf-8-bom'): string {
  const hasBom = encoding === 'utf-8-bom';
  const body = hasBom ? bytes.subarray(3) : bytes;
  const invalidAt = firstInvalidUtf8Offset(body);
  if (invalidAt !== -1) throw new DecodeError(encoding, invalidAt + (hasBom ? 3 : 0));
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}

function decodeUtf16(body: Uint8Array, encoding: TextEncodingName, bomLength: number): string {
  if (body.length % 2 !== 0) throw new DecodeError(encoding, body.length + bomLength - 1);
  const swapped = Buffer.from(body);
  if (encoding.startsWith('utf-16be')) swapped.swap16();
  const text = swapped.toString('utf16le');
  const lone = findLoneSurrogate(text);
  if (lone !== -1) throw new DecodeError(encoding, bomLength + lone * 2);
  return text;
}

/** Index of the first UTF-16 code unit that is half of a surrogate pair without its other half. */
export function findLoneSurrogate(text: string): number {
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index++;
        continue;
      }
      return index;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return index;
  }
  return -1;
}

export function encodeText(text: string, encoding: TextEncodingName): Buffer {
  const lone = findLoneSurrogate(text);
  if (lone !== -1) {
    const line = text.slice(0, lone).split('\n').length;
    throw new EncodeError(encoding, `U+${text.charCodeAt(lone).toString(16).toUpperCase().padStart(4, '0')}`, line);
  }
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from(BOM_UTF8), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': {
      const body = Buffer.from(text, 'utf16le').swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
    }
    case 'utf-16le-nobom':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be-nobom':
      return Buffer.from(text, 'utf16le').swap16();
    case 'latin1': {
      const beyond = /[^\u0000-\u00ff]/.exec(text);
      if (beyond) {
        const line = text.slice(0, beyond.index).split('\n').length;
        throw new EncodeError(encoding, `U+${beyond[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, line);
      }
      return Buffer.from(text, 'latin1');
    }
  }
}
